package dev.payscore.domain.completion;

import static dev.payscore.domain.completion.Requests.APPID;
import static dev.payscore.domain.completion.Requests.NOW;
import static dev.payscore.domain.completion.Requests.SERVICE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.payscore.AppId;
import dev.payscore.CompleteOrder;
import dev.payscore.Device;
import dev.payscore.Location;
import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.Rule;
import dev.payscore.ServiceId;
import dev.payscore.TimeRange;
import dev.payscore.Violation;
import dev.payscore.domain.model.LifecycleState;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class CompletionValidatorTest {
  private final CompletionValidator validator = new CompletionValidator(NOW);

  @Test
  void theSeedExampleFailsTheTotalRuleAndNothingElse() {
    assertThat(validator.validate(Requests.seed()))
        .containsExactly(
            new Violation(
                "total_amount",
                Rule.TOTAL_FORMULA,
                "50000",
                "must equal Σ post_payments.amount − Σ post_discounts.amount = 39900"));
  }

  @Test
  void theSeedExampleAgainstItsOrderAlsoFailsOnlyTheTotal() {
    assertThat(rules(validator.validate(Requests.seed(), Requests.doingOrder())))
        .containsExactly(Rule.TOTAL_FORMULA);
  }

  @Test
  void countIsAQuantityLabelNotAMultiplier() {
    assertThat(validator.validate(Requests.seedWithTotal(39900))).isEmpty();
    assertThat(validator.validate(Requests.seedWithTotal(4 * 40000 - 2 * 100))).hasSize(1);
  }

  @Test
  void everyViolationIsReportedAtOnce() {
    CompleteOrder request =
        new CompleteOrder(
            "wx app",
            "",
            List.of(
                new PostPayment("收费标准收费标准收费标准收费标准收费标准x", -1L, null, 0),
                new PostPayment("使用时长", null, "说".repeat(31), 101),
                new PostPayment("使用时长", 5L, null, null)),
            List.of(new PostDiscount("", null, null, null)),
            -3,
            new TimeRange("20091225", "备".repeat(21), "2009122512", null),
            new Location("起".repeat(21), null),
            null,
            "t".repeat(33),
            new Device(null, "d".repeat(51), "m".repeat(101)));

    assertThat(validator.validate(request))
        .extracting(Violation::path, Violation::rule, Violation::value)
        .containsExactly(
            tuple("appid", Rule.APPID_FORMAT, "wx app"),
            tuple("service_id", Rule.REQUIRED, null),
            tuple("post_payments[0].name", Rule.NAME_LENGTH, "收费标准收费标准收费标准收费标准收费标准x"),
            tuple("post_payments[0].amount", Rule.AMOUNT_NEGATIVE, "-1"),
            tuple("post_payments[0].count", Rule.COUNT_RANGE, "0"),
            tuple("post_payments[1].description", Rule.DESCRIPTION_LENGTH, "说".repeat(31)),
            tuple("post_payments[1].count", Rule.COUNT_RANGE, "101"),
            tuple("post_payments[2].name", Rule.NAME_DUPLICATE, "使用时长"),
            tuple("post_discounts[0].name", Rule.REQUIRED, null),
            tuple("post_discounts[0].description", Rule.DESCRIPTION_REQUIRED, null),
            tuple("post_discounts[0].amount", Rule.AMOUNT_REQUIRED, null),
            tuple("total_amount", Rule.TOTAL_NEGATIVE, "-3"),
            tuple("time_range.start_time_remark", Rule.REMARK_LENGTH, "备".repeat(21)),
            tuple("time_range.end_time", Rule.TIME_FORMAT, "2009122512"),
            tuple("goods_tag", Rule.GOODS_TAG_LENGTH, "t".repeat(33)),
            tuple("location.start_location", Rule.LOCATION_LENGTH, "起".repeat(21)),
            tuple("device.end_device_id", Rule.DEVICE_LENGTH, "d".repeat(51)),
            tuple("device.materiel_no", Rule.DEVICE_LENGTH, "m".repeat(101)));
  }

  @Test
  void lengthsCountCodePointsNotUtf16Units() {
    String twentyBatteries = "🔋".repeat(20); // 40 UTF-16 units
    assertThat(
            validator.validate(
                Requests.withPayments(1, new PostPayment(twentyBatteries, 1L, null, null))))
        .isEmpty();
    assertThat(
            rules(
                validator.validate(
                    Requests.withPayments(
                        1, new PostPayment(twentyBatteries + "🔋", 1L, null, null)))))
        .containsExactly(Rule.NAME_LENGTH);
  }

  @Test
  void onlyTheProductLineNameMayRepeat() {
    PostPayment cola = new PostPayment("商品信息", 300L, "可乐", 1);
    PostPayment sprite = new PostPayment("商品信息", 300L, "雪碧", 1);
    assertThat(validator.validate(Requests.withPayments(600, cola, sprite))).isEmpty();

    PostDiscount first = new PostDiscount("商品信息", "a", 0L, null);
    CompleteOrder repeatedDiscount =
        new CompleteOrder(
            APPID,
            SERVICE_ID,
            List.of(cola),
            List.of(first, first),
            300,
            null,
            null,
            null,
            null,
            null);
    assertThat(validator.validate(repeatedDiscount))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("post_discounts[1].name", Rule.NAME_DUPLICATE));
  }

  @Test
  void theSumIsSkippedWhenNoPaymentCarriesAnAmountUnlessConfigured() {
    CompleteOrder powerBank =
        Requests.withPayments(
            800,
            new PostPayment("收费标准", null, "2元/小时，封顶20元/天", null),
            new PostPayment("使用时长", null, "3小时20分", null));
    assertThat(validator.validate(powerBank)).isEmpty();

    CompletionValidator strict =
        new CompletionValidator(
            NOW,
            CompletionLimits.defaults().withTotalCheckedWithoutAmounts(true),
            BillingConvention.NONE);
    assertThat(rules(strict.validate(powerBank))).containsExactly(Rule.TOTAL_FORMULA);
  }

  @Test
  void aPaymentNeedsAnAmountOrADescription() {
    assertThat(
            validator.validate(Requests.withPayments(0, new PostPayment("费用", null, null, null))))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("post_payments[0]", Rule.ITEM_EMPTY));
  }

  @Test
  void paymentsMustNumberOneToHundredAndDiscountsAtMostThirty() {
    assertThat(rules(validator.validate(Requests.withPayments(0))))
        .containsExactly(Rule.POST_PAYMENTS_SIZE);
    PostPayment[] hundredAndOne = new PostPayment[101];
    for (int i = 0; i < hundredAndOne.length; i++) {
      hundredAndOne[i] = new PostPayment("项目" + i, null, "说明", null);
    }
    assertThat(rules(validator.validate(Requests.withPayments(0, hundredAndOne))))
        .containsExactly(Rule.POST_PAYMENTS_SIZE);
    assertThat(
            validator.validate(
                Requests.withPayments(0, java.util.Arrays.copyOf(hundredAndOne, 100))))
        .isEmpty();
  }

  @Test
  void anEndTimeIsRequiredOnlyWhenCreateHadNone() {
    CompleteOrder withoutEnd = withTimeRange(null);
    assertThat(validator.validate(withoutEnd)).isEmpty(); // no order: cannot tell
    assertThat(validator.validate(withoutEnd, target(TimeRange.between("20261126090000", null))))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("time_range.end_time", Rule.END_TIME_REQUIRED));
    assertThat(
            validator.validate(
                withoutEnd, target(TimeRange.between("20261126090000", "20261126120000"))))
        .isEmpty();
  }

  @Test
  void theEndMustBeAfterTheStartAndNotLaterThanNow() {
    CompletionTarget created = target(TimeRange.between("20261126090000", null));
    // now is 2026-11-26 16:00:00 in Beijing
    assertThat(
            validator.validate(withTimeRange(TimeRange.between(null, "20261126160000")), created))
        .isEmpty();
    assertThat(
            rules(
                validator.validate(
                    withTimeRange(TimeRange.between(null, "20261126160001")), created)))
        .containsExactly(Rule.END_TIME_IN_FUTURE);
    assertThat(
            rules(
                validator.validate(
                    withTimeRange(TimeRange.between(null, "20261126090000")), created)))
        .containsExactly(Rule.END_TIME_BEFORE_START);
    assertThat(
            rules(
                validator.validate(
                    withTimeRange(TimeRange.between("20261126100000", "20261126095959")), created)))
        .containsExactly(Rule.END_TIME_BEFORE_START);
  }

  @Test
  void theSafetyMarginMovesNowBack() {
    CompletionValidator careful =
        new CompletionValidator(
            NOW,
            CompletionLimits.defaults().withEndTimeMargin(Duration.ofSeconds(5)),
            BillingConvention.NONE);
    assertThat(rules(careful.validate(withTimeRange(TimeRange.between(null, "20261126155956")))))
        .containsExactly(Rule.END_TIME_IN_FUTURE);
    assertThat(careful.validate(withTimeRange(TimeRange.between(null, "20261126155955"))))
        .isEmpty();
  }

  @Test
  void dayPrecisionEndsMayBeTodayButNotTomorrow() {
    CompletionTarget created = target(TimeRange.between("20261120", null));
    assertThat(validator.validate(withTimeRange(TimeRange.between(null, "20261126")), created))
        .isEmpty();
    assertThat(validator.validate(withTimeRange(TimeRange.between(null, "20261120")), created))
        .isEmpty();
    assertThat(
            rules(validator.validate(withTimeRange(TimeRange.between(null, "20261127")), created)))
        .containsExactly(Rule.END_TIME_IN_FUTURE);
    assertThat(
            rules(validator.validate(withTimeRange(TimeRange.between(null, "20261119")), created)))
        .containsExactly(Rule.END_TIME_BEFORE_START);
  }

  @Test
  void timesKeepThePrecisionOfCreate() {
    CompletionTarget seconds = target(TimeRange.between("20261126090000", null));
    assertThat(validator.validate(withTimeRange(TimeRange.between(null, "20261126")), seconds))
        .extracting(Violation::path, Violation::rule, Violation::value)
        .containsExactly(tuple("time_range.end_time", Rule.PRECISION_MISMATCH, "20261126"));
    CompletionTarget onAccept = target(TimeRange.between("OnAccept", null));
    assertThat(
            rules(validator.validate(withTimeRange(TimeRange.between(null, "20261126")), onAccept)))
        .containsExactly(Rule.PRECISION_MISMATCH);
    assertThat(
            validator.validate(withTimeRange(TimeRange.between(null, "20261126120000")), onAccept))
        .isEmpty();
    // without an order, start and end must at least agree
    assertThat(
            rules(
                validator.validate(withTimeRange(TimeRange.between("20261126", "20261126120000")))))
        .containsExactly(Rule.PRECISION_MISMATCH);
  }

  @ParameterizedTest
  @EnumSource(
      value = LifecycleState.class,
      names = "DOING_USER_CONFIRM",
      mode = EnumSource.Mode.EXCLUDE)
  void onlyADoingUserConfirmOrderCanBeCompleted(LifecycleState state) {
    CompletionTarget order =
        new CompletionTarget(
            AppId.of(APPID),
            ServiceId.of(SERVICE_ID),
            state,
            null,
            TimeRange.between("20091225091010", null));
    assertThat(validator.validate(Requests.seedWithTotal(39900), order))
        .extracting(Violation::path, Violation::rule, Violation::value)
        .containsExactly(tuple("order.state", Rule.ORDER_STATE, state.toString()));
  }

  @Test
  void appidAndServiceIdMustBeTheOrders() {
    CompletionTarget other =
        new CompletionTarget(
            AppId.of("wx0000000000000000"),
            ServiceId.of("9"),
            LifecycleState.DOING_USER_CONFIRM,
            null,
            TimeRange.between("20091225091010", null));
    assertThat(validator.validate(Requests.seedWithTotal(39900), other))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(
            tuple("appid", Rule.APPID_MISMATCH), tuple("service_id", Rule.SERVICE_ID_MISMATCH));
  }

  @ParameterizedTest
  @EnumSource(RiskFundName.class)
  void onlyDepositFreeRiskFundsCapTheTotal(RiskFundName name) {
    CompletionTarget order = Requests.doingOrder(RiskFund.of(name, 39899));
    List<Rule> rules = rules(validator.validate(Requests.seedWithTotal(39900), order));
    if (name.capsTotal()) {
      assertThat(rules).containsExactly(Rule.TOTAL_OVER_RISK_FUND);
    } else {
      assertThat(rules).isEmpty();
    }
    assertThat(
            validator.validate(
                Requests.seedWithTotal(39900), Requests.doingOrder(RiskFund.of(name, 39900))))
        .isEmpty();
  }

  @Test
  void theLocationLimitIsConfigurable() {
    CompleteOrder longPlace =
        new CompleteOrder(
            APPID,
            SERVICE_ID,
            List.of(new PostPayment("费用", 1L, null, null)),
            List.of(),
            1,
            null,
            new Location(null, "地".repeat(50)),
            null,
            null,
            null);
    assertThat(rules(validator.validate(longPlace))).containsExactly(Rule.LOCATION_LENGTH);
    CompletionValidator oldWiki =
        new CompletionValidator(
            NOW, CompletionLimits.defaults().withLocationMaxLength(50), BillingConvention.NONE);
    assertThat(oldWiki.validate(longPlace)).isEmpty();
  }

  @Test
  void hugeAmountsDoNotOverflowIntoAMatch() {
    CompleteOrder overflowing =
        Requests.withPayments(
            0, // what MAX + MAX + 2 wraps to in long arithmetic
            new PostPayment("甲", Long.MAX_VALUE, null, null),
            new PostPayment("乙", Long.MAX_VALUE, null, null),
            new PostPayment("丙", 2L, null, null));
    assertThat(validator.validate(overflowing))
        .extracting(Violation::rule, Violation::message)
        .containsExactly(
            tuple(
                Rule.TOTAL_FORMULA,
                "must equal Σ post_payments.amount − Σ post_discounts.amount ="
                    + " 18446744073709551616"));
  }

  @Test
  void rulesHaveStableCodes() {
    assertThat(Rule.TOTAL_FORMULA.code()).isEqualTo("TOTAL_FORMULA");
    assertThat(Rule.CONVENTION_ZERO_FORM.code()).isEqualTo("CONVENTION_ZERO_FORM");
  }

  private static CompleteOrder withTimeRange(@Nullable TimeRange range) {
    return new CompleteOrder(
        APPID,
        SERVICE_ID,
        List.of(new PostPayment("费用", 1L, null, null)),
        List.of(),
        1,
        range,
        null,
        null,
        null,
        null);
  }

  private static CompletionTarget target(TimeRange created) {
    return new CompletionTarget(
        AppId.of(APPID),
        ServiceId.of(SERVICE_ID),
        LifecycleState.DOING_USER_CONFIRM,
        null,
        created);
  }

  static List<Rule> rules(List<Violation> violations) {
    return violations.stream().map(Violation::rule).toList();
  }

  // ---- issue 14: risk cap of 先享 orders, empty discount descriptions, malformed text

  @Test
  void aSharedEstimateOrderAboveItsServiceRiskCapIsRefused() {
    CompletionValidator capped =
        new CompletionValidator(
            NOW,
            CompletionLimits.defaults().withServiceRiskCap(SERVICE_ID, 39_899),
            BillingConvention.NONE);
    CompletionTarget estimate =
        Requests.doingOrder(RiskFund.of(RiskFundName.ESTIMATE_ORDER_COST, 100));

    assertThat(capped.validate(Requests.seedWithTotal(39_900), estimate))
        .extracting(Violation::path, Violation::rule, Violation::value)
        .containsExactly(tuple("total_amount", Rule.TOTAL_OVER_SERVICE_RISK_CAP, "39900"));
    // at the cap, and above the estimate (which caps nothing), it passes
    assertThat(
            new CompletionValidator(
                    NOW,
                    CompletionLimits.defaults().withServiceRiskCap(SERVICE_ID, 39_900),
                    BillingConvention.NONE)
                .validate(Requests.seedWithTotal(39_900), estimate))
        .isEmpty();
    // without a configured cap nothing is known to check
    assertThat(validator.validate(Requests.seedWithTotal(39_900), estimate)).isEmpty();
  }

  @Test
  void aDepositOrderIsCappedByItsFundNotTwiceByTheServiceCap() {
    CompletionValidator capped =
        new CompletionValidator(
            NOW,
            CompletionLimits.defaults().withServiceRiskCap(SERVICE_ID, 100),
            BillingConvention.NONE);

    assertThat(rules(capped.validate(Requests.seedWithTotal(39_900), Requests.doingOrder())))
        .isEmpty();
  }

  @Test
  void anEmptyDiscountDescriptionIsAMissingOne() {
    CompleteOrder request =
        new CompleteOrder(
            APPID,
            SERVICE_ID,
            List.of(new PostPayment("就餐费用", 40000L, "就餐人均100元", 4)),
            List.of(new PostDiscount("满20减1元", "", 100L, 2)),
            39_900,
            TimeRange.between(null, "20261126150000"),
            null,
            null,
            null,
            null);

    assertThat(validator.validate(request))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("post_discounts[0].description", Rule.DESCRIPTION_REQUIRED));
  }

  @Test
  void aLoneSurrogateInAnyTextIsMalformedText() {
    String lone = "充电\ud83d宝";
    CompleteOrder request =
        new CompleteOrder(
            APPID,
            SERVICE_ID,
            List.of(new PostPayment(lone, 40000L, "低\udc00", 4)),
            List.of(new PostDiscount("满20减1元", "减\ud800", 100L, 2)),
            39_900,
            new TimeRange(null, "开始\udfff", "20261126150000", null),
            new Location("起\ud83d", null),
            null,
            "tag\ud83d",
            new Device(null, "box\udc00", null));

    assertThat(validator.validate(request))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(
            tuple("post_payments[0].name", Rule.TEXT_MALFORMED),
            tuple("post_payments[0].description", Rule.TEXT_MALFORMED),
            tuple("post_discounts[0].description", Rule.TEXT_MALFORMED),
            tuple("time_range.start_time_remark", Rule.TEXT_MALFORMED),
            tuple("goods_tag", Rule.TEXT_MALFORMED),
            tuple("location.start_location", Rule.TEXT_MALFORMED),
            tuple("device.end_device_id", Rule.TEXT_MALFORMED));
    assertThat(
            validator.validate(
                Requests.withPayments(100, new PostPayment("电池🔋", 100L, null, null))))
        .isEmpty();
  }
}
