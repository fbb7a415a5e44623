package dev.payscore.domain.completion;

import static dev.payscore.domain.completion.Requests.APPID;
import static dev.payscore.domain.completion.Requests.NOW;
import static dev.payscore.domain.completion.Requests.SERVICE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.payscore.AppId;
import dev.payscore.CompleteOrder;
import dev.payscore.CreateOrder;
import dev.payscore.Device;
import dev.payscore.Location;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.Rule;
import dev.payscore.ServiceId;
import dev.payscore.TimeRange;
import dev.payscore.Violation;
import dev.payscore.domain.model.ConfirmationMode;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.CancelOrder;
import dev.payscore.domain.port.out.ModifyOrder;
import dev.payscore.generators.Gen;
import dev.payscore.generators.Property;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Create, modify and cancel are judged field by field by the rules of complete (issue 14 item 15):
 * the create-only fields (times against now, {@code service_introduction}, {@code notify_url},
 * {@code attach}, risk fund), the modify total and the reason, each with its rule code.
 */
final class RequestRulesTest {
  private static final String NOTIFY = "https://merchant.example.com/payscore/notify";
  // NOW is 2026-11-26 16:00:00 in Beijing
  private static final TimeRange TOMORROW = TimeRange.between("20261127090000", "20261127180000");

  private final CompletionValidator validator =
      new CompletionValidator(
          NOW,
          CompletionLimits.defaults().withServiceRiskCap(SERVICE_ID, 500_00),
          BillingConvention.NONE);

  @Test
  void aValidCreateHasNoViolation() {
    assertThat(validator.validateCreate(create(TOMORROW, NOTIFY))).isEmpty();
    assertThat(validator.validateCreate(create(TimeRange.between("OnAccept", null), NOTIFY)))
        .isEmpty();
    assertThat(validator.validateCreate(create(TimeRange.between("20261126", "20261126"), NOTIFY)))
        .isEmpty();
  }

  @Test
  void everyCreateViolationIsReportedAtOnce() {
    CreateOrder request =
        new CreateOrder(
            "order*1",
            APPID,
            SERVICE_ID,
            "充".repeat(21),
            List.of(new PostPayment("名".repeat(21), null, null, null)),
            List.of(new PostDiscount("优惠", null, null, null)),
            new TimeRange("20261126160000", "备".repeat(21), "20261126", null),
            new Location(null, "终".repeat(21)),
            new RiskFund(RiskFundName.DEPOSIT, 500_01, "说".repeat(31)),
            "a".repeat(257),
            "http://merchant.example.com/notify",
            null,
            false,
            new Device("d".repeat(51), null, null));

    assertThat(validator.validateCreate(request))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(
            tuple("out_order_no", Rule.OUT_ORDER_NO_FORMAT),
            tuple("service_introduction", Rule.SERVICE_INTRODUCTION_LENGTH),
            tuple("post_payments[0].name", Rule.NAME_LENGTH),
            tuple("post_payments[0]", Rule.ITEM_EMPTY),
            tuple("post_discounts[0].description", Rule.DESCRIPTION_REQUIRED),
            tuple("time_range.start_time_remark", Rule.REMARK_LENGTH),
            tuple("time_range.start_time", Rule.START_TIME_PASSED),
            tuple("time_range.end_time", Rule.PRECISION_MISMATCH),
            tuple("location.end_location", Rule.LOCATION_LENGTH),
            tuple("location.start_location", Rule.LOCATION_START_REQUIRED),
            tuple("risk_fund.description", Rule.DESCRIPTION_LENGTH),
            tuple("risk_fund.amount", Rule.RISK_FUND_OVER_SERVICE_RISK_CAP),
            tuple("attach", Rule.ATTACH_LENGTH),
            tuple("device.start_device_id", Rule.DEVICE_LENGTH),
            tuple("notify_url", Rule.NOTIFY_URL_FORMAT),
            tuple("openid", Rule.REQUIRED));
  }

  @Test
  void createTimesAreJudgedAgainstNow() {
    // a second-precision start must be later than now; an end a minute after now and the start
    assertThat(rules(validator.validateCreate(create(range("20261126160001", null), NOTIFY))))
        .isEmpty();
    assertThat(rules(validator.validateCreate(create(range("20261126155959", null), NOTIFY))))
        .containsExactly(Rule.START_TIME_PASSED);
    assertThat(
            rules(
                validator.validateCreate(
                    create(range("20261126160001", "20261126160100"), NOTIFY))))
        .containsExactly(Rule.END_TIME_TOO_SOON);
    assertThat(
            rules(
                validator.validateCreate(
                    create(range("20261126170000", "20261126170000"), NOTIFY))))
        .containsExactly(Rule.END_TIME_BEFORE_START);
    assertThat(rules(validator.validateCreate(create(range("OnAccept", "20261126160100"), NOTIFY))))
        .containsExactly(Rule.END_TIME_TOO_SOON);
    assertThat(rules(validator.validateCreate(create(range("OnAccept", "20261127"), NOTIFY))))
        .containsExactly(Rule.PRECISION_MISMATCH);
    // days: today or later, the end not before the start
    assertThat(rules(validator.validateCreate(create(range("20261125", null), NOTIFY))))
        .containsExactly(Rule.START_TIME_PASSED);
    assertThat(rules(validator.validateCreate(create(range("20261128", "20261127"), NOTIFY))))
        .containsExactly(Rule.END_TIME_BEFORE_START);
    assertThat(rules(validator.validateCreate(create(range(null, "20261127180000"), NOTIFY))))
        .containsExactly(Rule.REQUIRED);
    assertThat(rules(validator.validateCreate(create(range("20261127", "OnAccept"), NOTIFY))))
        .containsExactly(Rule.TIME_FORMAT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://merchant.example.com/notify",
        "http://127.0.0.1:8080/notify",
        "http://127.1.2.3/notify",
        "http://localhost:9000/payscore",
        "http://[::1]:9000/payscore"
      })
  void httpsOrLoopbackHttpIsANotifyUrl(String url) {
    assertThat(validator.validateCreate(create(TOMORROW, url))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://merchant.example.com/notify",
        "http://127.0.0.1.example.com/notify",
        "http://128.0.0.1/notify",
        "http://127.0.0.256/notify",
        "https://merchant.example.com/notify?order=1",
        "ftp://merchant.example.com/notify",
        "/notify",
        "https://merchant example/notify"
      })
  void anythingElseIsNotANotifyUrl(String url) {
    assertThat(validator.validateCreate(create(TOMORROW, url)))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("notify_url", Rule.NOTIFY_URL_FORMAT));
  }

  @Test
  void createLengthsAreTheFactSheets() {
    String url255 = "https://m.example.com/" + "n".repeat(255 - 22);
    assertThat(url255).hasSize(255);
    CreateOrder atLimits =
        new CreateOrder(
            "o".repeat(32),
            APPID,
            SERVICE_ID,
            "充".repeat(20),
            List.of(),
            List.of(),
            TOMORROW,
            new Location("起".repeat(20), "终".repeat(20)),
            new RiskFund(RiskFundName.ESTIMATE_ORDER_COST, 500_00, "说".repeat(30)),
            "a".repeat(256),
            url255,
            null,
            null,
            null);
    assertThat(validator.validateCreate(atLimits)).isEmpty();
    assertThat(validator.validateCreate(withNotifyUrl(atLimits, url255 + "n")))
        .extracting(Violation::rule)
        .containsExactly(Rule.NOTIFY_URL_LENGTH);
  }

  @Test
  void aModifyMayKeepOrLowerTheTotalButNotRaiseIt() {
    ServiceOrder completed = completedOrder(300);
    assertThat(validator.validateModify(modify(300, "降价"), completed)).isEmpty();
    assertThat(validator.validateModify(modify(200, "降价"), completed)).isEmpty();
    assertThat(validator.validateModify(modify(301, "降价"), completed))
        .extracting(Violation::path, Violation::rule, Violation::value)
        .containsExactly(tuple("total_amount", Rule.TOTAL_ABOVE_CURRENT, "301"));
    // alone, the order's total is unknown: only the body's own rules
    assertThat(validator.validateModify(modify(301, "降价"))).isEmpty();
  }

  @Test
  void modifyJudgesItsBillAsACompletionDoes() {
    ModifyOrder request =
        new ModifyOrder(
            APPID,
            SERVICE_ID,
            List.of(new PostPayment("费", 100L, null, 0)),
            List.of(new PostDiscount("减", "", null, null)),
            50,
            "",
            new Device(null, null, "m".repeat(101)));
    assertThat(validator.validateModify(request, completedOrder(300)))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(
            tuple("post_payments[0].count", Rule.COUNT_RANGE),
            tuple("post_discounts[0].description", Rule.DESCRIPTION_REQUIRED),
            tuple("post_discounts[0].amount", Rule.AMOUNT_REQUIRED),
            tuple("reason", Rule.REQUIRED),
            tuple("device.materiel_no", Rule.DEVICE_LENGTH));
  }

  @Test
  void aReasonHasUpToFiftyCharactersInCancelAndModify() {
    String fifty = "因".repeat(50);
    assertThat(validator.validateCancel(new CancelOrder(APPID, SERVICE_ID, fifty))).isEmpty();
    assertThat(validator.validateModify(modify(100, fifty))).isEmpty();
    assertThat(validator.validateCancel(new CancelOrder(APPID, SERVICE_ID, fifty + "因")))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("reason", Rule.REASON_LENGTH));
    assertThat(validator.validateModify(modify(100, fifty + "因")))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("reason", Rule.REASON_LENGTH));
    assertThat(validator.validateCancel(new CancelOrder(APPID, SERVICE_ID, " ")))
        .extracting(Violation::rule)
        .containsExactly(Rule.REQUIRED);
    assertThat(validator.validateCancel(new CancelOrder(APPID, SERVICE_ID, "取消\ud800")))
        .extracting(Violation::rule)
        .containsExactly(Rule.TEXT_MALFORMED);
  }

  /**
   * One rule set per field: whatever the items, create, complete and modify report the same
   * violations of them (path, rule, value and message), but for what the fact sheet makes differ:
   * create takes no payment at all, and a discount's amount is optional at create only.
   */
  @TestFactory
  Stream<DynamicTest> itemsAreJudgedAlikeByCreateCompleteAndModify() {
    Gen<String> texts =
        Gen.oneOf(
            Gen.chars('a', 'c', 0, 3),
            Gen.chars('\u4e00', '\u4e02', 18, 32),
            Gen.constant("商品信息"),
            Gen.constant("坏\ud800"));
    Gen<@Nullable Long> amounts = Gen.longs(-2, 100).orNull(0.4);
    Gen<@Nullable Integer> counts = Gen.ints(-1, 102).orNull(0.5);
    Gen<PostPayment> payment =
        random ->
            new PostPayment(
                texts.next(random),
                amounts.next(random),
                texts.orNull(0.4).next(random),
                counts.next(random));
    Gen<PostDiscount> discount =
        random ->
            new PostDiscount(
                texts.next(random),
                texts.orNull(0.3).next(random),
                amounts.next(random),
                counts.next(random));
    Gen<Bill> bills =
        random -> new Bill(payment.list(1, 4).next(random), discount.list(0, 3).next(random));
    return Property.check(
        300,
        bills,
        bill -> {
          Predicate<Violation> ofItems =
              v -> v.path().startsWith("post_") && v.rule() != Rule.AMOUNT_REQUIRED;
          List<Violation> created =
              validator.validateCreate(
                  new CreateOrder(
                      "order-1",
                      APPID,
                      SERVICE_ID,
                      "充电宝",
                      bill.payments(),
                      bill.discounts(),
                      TOMORROW,
                      null,
                      RiskFund.of(RiskFundName.DEPOSIT, 100),
                      null,
                      NOTIFY,
                      null,
                      null,
                      null));
          List<Violation> completed =
              validator.validate(
                  new CompleteOrder(
                      APPID,
                      SERVICE_ID,
                      bill.payments(),
                      bill.discounts(),
                      0,
                      TimeRange.between(null, "20261126150000"),
                      null,
                      null,
                      null,
                      null));
          List<Violation> modified =
              validator.validateModify(
                  new ModifyOrder(
                      APPID, SERVICE_ID, bill.payments(), bill.discounts(), 0, "降价", null));
          List<Violation> ofCreate = created.stream().filter(ofItems).toList();
          assertThat(completed.stream().filter(ofItems).toList()).isEqualTo(ofCreate);
          assertThat(modified.stream().filter(ofItems).toList()).isEqualTo(ofCreate);
          Predicate<Violation> amountRequired = v -> v.rule() == Rule.AMOUNT_REQUIRED;
          List<Violation> missingAmounts = completed.stream().filter(amountRequired).toList();
          assertThat(created).noneMatch(amountRequired);
          assertThat(missingAmounts)
              .hasSize((int) bill.discounts().stream().filter(d -> d.amount() == null).count())
              .isEqualTo(modified.stream().filter(amountRequired).toList());
        });
  }

  record Bill(List<PostPayment> payments, List<PostDiscount> discounts) {}

  private static TimeRange range(@Nullable String start, @Nullable String end) {
    return TimeRange.between(start, end);
  }

  private static CreateOrder create(TimeRange range, String notifyUrl) {
    return new CreateOrder(
        "order-1",
        APPID,
        SERVICE_ID,
        "充电宝",
        List.of(new PostPayment("收费标准", null, "2元/小时", null)),
        List.of(new PostDiscount("新客优惠", "首单减免", null, null)),
        range,
        new Location("一号门", null),
        RiskFund.of(RiskFundName.DEPOSIT, 99_00),
        "attach",
        notifyUrl,
        null,
        null,
        new Device("HG123456", null, null));
  }

  private static CreateOrder withNotifyUrl(CreateOrder order, String url) {
    return new CreateOrder(
        order.outOrderNo(),
        order.appid(),
        order.serviceId(),
        order.serviceIntroduction(),
        order.postPayments(),
        order.postDiscounts(),
        order.timeRange(),
        order.location(),
        order.riskFund(),
        order.attach(),
        url,
        order.openid(),
        order.needUserConfirm(),
        order.device());
  }

  private static ModifyOrder modify(long total, String reason) {
    return new ModifyOrder(
        APPID,
        SERVICE_ID,
        List.of(new PostPayment("费用", total, null, null)),
        List.of(),
        total,
        reason,
        null);
  }

  private static ServiceOrder completedOrder(long total) {
    return new ServiceOrder(
        MerchantId.of("1900000001"),
        OutOrderNo.of("order-1"),
        AppId.of(APPID),
        ServiceId.of(SERVICE_ID),
        "充电宝",
        ConfirmationMode.CONFIRM,
        LifecycleState.DOING_MCH_COMPLETE,
        RiskFund.of(RiskFundName.DEPOSIT, 99_00),
        TimeRange.between("20261126090000", null),
        List.of(),
        List.of(),
        null,
        null,
        NOTIFY,
        null,
        null,
        total,
        true,
        null, null,
        1);
  }

  private static List<Rule> rules(List<Violation> violations) {
    return violations.stream().map(Violation::rule).toList();
  }
}
