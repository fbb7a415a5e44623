package dev.payscore.domain.completion;

import static dev.payscore.domain.completion.BillingConvention.BIKE_SHARING;
import static dev.payscore.domain.completion.BillingConvention.CAR_RENTAL;
import static dev.payscore.domain.completion.BillingConvention.CHARGING_PILE;
import static dev.payscore.domain.completion.BillingConvention.EV_BIKE_CHARGING;
import static dev.payscore.domain.completion.BillingConvention.EXPRESS_DELIVERY;
import static dev.payscore.domain.completion.BillingConvention.HOTEL;
import static dev.payscore.domain.completion.BillingConvention.NONE;
import static dev.payscore.domain.completion.BillingConvention.POWER_BANK;
import static dev.payscore.domain.completion.BillingConvention.SMART_RETAIL;
import static dev.payscore.domain.completion.CompletionValidatorTest.rules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.payscore.PostPayment;
import dev.payscore.Rule;
import dev.payscore.Violation;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each §5 example passes its convention; one broken case per convention fails it. */
final class BillingConventionTest {

  /** The examples of §5 of the API notes, as WeChat's industry pages give them. */
  static Stream<Arguments> documentedExamples() {
    return Stream.of(
        arguments(
            POWER_BANK, 800, List.of(described("收费标准", "1元/1小时"), described("使用时长", "1小时38分20秒"))),
        arguments(
            EV_BIKE_CHARGING,
            300,
            List.of(described("收费标准", "3元/60分钟,每24小时封顶30元"), described("使用时长", "1小时38分20秒"))),
        arguments(
            BIKE_SHARING,
            4800,
            List.of(
                described("计费规则", "骑行费用1.5元/30分钟"),
                described("骑行时长", "1小时38分20秒"),
                charged("骑行费用", 1200),
                charged("调度费用", 1200),
                charged("头盔费用", 1200),
                charged("罚款", 1200))),
        arguments(
            EXPRESS_DELIVERY,
            4800,
            List.of(
                charged("首重费", 1200),
                charged("续重费", 1200),
                charged("包装费", 1200),
                charged("保价费", 1200))),
        arguments(
            SMART_RETAIL,
            600,
            List.of(
                new PostPayment("商品信息", 300L, "可乐", 1), new PostPayment("商品信息", 300L, "雪碧", 1))),
        arguments(
            CHARGING_PILE,
            40,
            List.of(described("计费规则", "电费0.1元/度,服务费0.1元/度"), described("费用明细", "电费0.2元,服务费0.2元"))),
        arguments(CAR_RENTAL, 0, List.of(described("租车相关费用", "本次无扣款"))),
        arguments(
            CAR_RENTAL,
            41885,
            List.of(
                new PostPayment("延迟还车费用", 1000L, "延迟还车2小时", 1),
                new PostPayment("加油费用", 9999L, "97#5升", 1),
                new PostPayment("ETC高速费用", 2000L, "2024年9月1日在深圳高速出口产生高速费用", 1),
                new PostPayment("车损费用", 8888L, "客户租用期间车辆右后门发生单方剐擦,需要扣款维修", 1),
                new PostPayment("折旧费用", 6666L, "租用十三个月折旧", 1),
                new PostPayment("停运费用", 7777L, "车损需返厂维修一个月", 1),
                new PostPayment("闯红灯违章", 5555L, "2024年9月1日在深圳高速出口闯红灯", 1))),
        arguments(
            HOTEL,
            1400,
            List.of(
                new PostPayment("酒店房费", 1200L, "北京中关村某酒店标准间", null),
                new PostPayment("其他杂费", 200L, "房间清洁费", null))),
        arguments(NONE, 39900, List.of(new PostPayment("就餐费用", 39900L, "就餐人均100元", 4))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedExamples")
  void eachDocumentedExamplePassesItsConvention(
      BillingConvention convention, long total, List<PostPayment> payments) {
    assertThat(validate(convention, total, payments)).isEmpty();
  }

  static Stream<Arguments> brokenCases() {
    return Stream.of(
        arguments(
            POWER_BANK,
            800,
            List.of(new PostPayment("收费标准", 800L, "1元/1小时", null)),
            List.of(Rule.CONVENTION_ITEM_MISSING, Rule.CONVENTION_AMOUNT_FORBIDDEN)),
        arguments(
            EV_BIKE_CHARGING,
            300,
            List.of(
                described("收费标准", "3元/60分钟"), described("使用时长", "1小时"), described("服务费", "0.5元")),
            List.of(Rule.CONVENTION_ITEM_NOT_ALLOWED)),
        arguments(
            CHARGING_PILE,
            40,
            List.of(described("计费规则", "电费0.1元/度"), new PostPayment("费用明细", 40L, null, 2)),
            List.of(
                Rule.CONVENTION_AMOUNT_FORBIDDEN,
                Rule.CONVENTION_DESCRIPTION_REQUIRED,
                Rule.CONVENTION_COUNT_FORBIDDEN)),
        arguments(
            BIKE_SHARING,
            0,
            List.of(
                described("计费规则", "1.5元/30分钟"),
                described("骑行时长", "20分钟"),
                described("骑行费用", "1.5元")),
            List.of(Rule.CONVENTION_AMOUNT_REQUIRED)),
        arguments(
            EXPRESS_DELIVERY,
            1200,
            List.of(new PostPayment("首重费", 1200L, "1公斤", null)),
            List.of(Rule.CONVENTION_DESCRIPTION_FORBIDDEN)),
        arguments(
            SMART_RETAIL,
            300,
            List.of(charged("商品信息", 300)),
            List.of(Rule.CONVENTION_DESCRIPTION_REQUIRED)),
        arguments(
            CAR_RENTAL,
            100,
            List.of(described("租车相关费用", "本次无扣款")),
            List.of(Rule.CONVENTION_ZERO_FORM)),
        arguments(
            CAR_RENTAL, 0, List.of(described("租车相关费用", "无")), List.of(Rule.CONVENTION_ZERO_FORM)),
        arguments(
            CAR_RENTAL,
            1000,
            List.of(described("租车相关费用", "本次无扣款"), new PostPayment("延迟还车费用", 1000L, "2小时", 1)),
            List.of(Rule.CONVENTION_ZERO_FORM, Rule.CONVENTION_ZERO_FORM)),
        arguments(
            CAR_RENTAL,
            9999,
            List.of(charged("加油费用", 9999)),
            List.of(Rule.CONVENTION_DESCRIPTION_REQUIRED)),
        arguments(
            HOTEL,
            200,
            List.of(new PostPayment("其他杂费", 200L, "房间清洁费", null)),
            List.of(Rule.CONVENTION_ITEM_MISSING)),
        arguments(
            NONE, 2, List.of(charged("费用", 1), charged("费用", 1)), List.of(Rule.NAME_DUPLICATE)));
  }

  @ParameterizedTest(name = "{0}: {3}")
  @MethodSource("brokenCases")
  void aBrokenCaseFailsItsConvention(
      BillingConvention convention, long total, List<PostPayment> payments, List<Rule> expected) {
    assertThat(rules(validate(convention, total, payments))).containsExactlyElementsOf(expected);
  }

  @Test
  void everyConventionHasAValidAndABrokenCase() {
    Set<BillingConvention> valid = EnumSet.noneOf(BillingConvention.class);
    documentedExamples().forEach(a -> valid.add((BillingConvention) a.get()[0]));
    Set<BillingConvention> broken = EnumSet.noneOf(BillingConvention.class);
    brokenCases().forEach(a -> broken.add((BillingConvention) a.get()[0]));
    assertThat(valid).containsExactlyInAnyOrder(BillingConvention.values());
    assertThat(broken).containsExactlyInAnyOrder(BillingConvention.values());
  }

  @Test
  void aConventionNamesTheItemsItAllows() {
    assertThat(POWER_BANK.allowedNames()).containsExactly("收费标准", "使用时长");
    assertThat(NONE.allowedNames()).isEmpty();
    assertThat(Arrays.stream(BillingConvention.values()).filter(c -> c != NONE))
        .allSatisfy(c -> assertThat(c.allowedNames()).isNotEmpty());
  }

  @Test
  void aMissingItemNamesTheItem() {
    List<Violation> violations =
        validate(HOTEL, 200, List.of(new PostPayment("其他杂费", 200L, "房间清洁费", null)));
    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("post_payments");
              assertThat(v.value()).isEqualTo("酒店房费");
            });
  }

  private static List<Violation> validate(
      BillingConvention convention, long total, List<PostPayment> payments) {
    CompletionValidator validator =
        new CompletionValidator(Requests.NOW, CompletionLimits.defaults(), convention);
    return validator.validate(Requests.withPayments(total, payments.toArray(PostPayment[]::new)));
  }

  private static PostPayment described(String name, @Nullable String description) {
    return new PostPayment(name, null, description, null);
  }

  private static PostPayment charged(String name, long amount) {
    return new PostPayment(name, amount, null, null);
  }
}
