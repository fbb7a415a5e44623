package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The request builders: every problem at once, with the validator's rule codes. */
final class RequestBuildersTest {

  @Test
  void aCompletionBuilderReportsEveryMissingFieldAndEveryBrokenRuleAtOnce() {
    CompleteOrder.Builder builder =
        CompleteOrder.builder()
            .appid("wx d678") // a space: not visible ASCII
            .addPostPayment(PostPayment.charged("超过二十个字符的收费项目名称一二三四五六七八", 1000))
            .addPostPayment(PostPayment.charged("押金", -1))
            .addPostDiscount(new PostDiscount("优惠", null, 100L, null))
            .endTime("2026-11-26");

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e -> {
              assertThat(e.type()).isEqualTo("CompleteOrder");
              assertThat(e.violations())
                  .extracting(v -> v.path() + " " + v.rule().code() + " " + v.value())
                  .containsExactlyInAnyOrder(
                      "service_id REQUIRED null",
                      "total_amount REQUIRED null",
                      "appid APPID_FORMAT wx d678",
                      "post_payments[0].name NAME_LENGTH 超过二十个字符的收费项目名称一二三四五六七八",
                      "post_payments[1].amount AMOUNT_NEGATIVE -1",
                      "post_discounts[0].description DESCRIPTION_REQUIRED null",
                      "time_range.end_time TIME_FORMAT 2026-11-26");
              assertThat(e.getMessage())
                  .startsWith("CompleteOrder: 7 problems: service_id REQUIRED (is required);");
            });
  }

  @Test
  void aValidCompletionIsBuiltWithoutNulls() {
    CompleteOrder completion =
        CompleteOrder.builder()
            .appid("wxd678efh567hg6787")
            .serviceId("500001")
            .addPostPayment(PostPayment.described("收费标准", "2元/小时"))
            .addPostPayment(PostPayment.described("使用时长", "10小时"))
            .totalAmount(20_00)
            .build();

    assertThat(completion)
        .isEqualTo(
            new CompleteOrder(
                "wxd678efh567hg6787",
                "500001",
                List.of(
                    new PostPayment("收费标准", null, "2元/小时", null),
                    new PostPayment("使用时长", null, "10小时", null)),
                List.of(),
                20_00,
                null,
                null,
                null,
                null,
                null));
  }

  @Test
  void theBuilderChecksOnlyWhatIsWrongWhenceverAndForWhomeverItIsSent() {
    // an end time long past, a 40-character location (above the default limit of 20, within the
    // old wiki's 50): the facade judges these with its clock and its configured limits
    CompleteOrder completion =
        CompleteOrder.builder()
            .appid("wxd678efh567hg6787")
            .serviceId("500001")
            .addPostPayment(PostPayment.charged("租借费用", 2000, "2小时"))
            .totalAmount(2000)
            .endTime("20991231235959")
            .location(Location.between("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十", "B"))
            .build();

    assertThat(completion.timeRange()).isEqualTo(TimeRange.endingAt("20991231235959"));
  }

  @Test
  void aCreateBuilderReportsEveryMissingFieldAtOnce() {
    assertThatThrownBy(() -> CreateOrder.builder().appid("wxd678efh567hg6787").build())
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.path() + " " + v.rule().code())
                    .containsExactly(
                        "out_order_no REQUIRED",
                        "service_id REQUIRED",
                        "service_introduction REQUIRED",
                        "time_range REQUIRED",
                        "risk_fund REQUIRED",
                        "notify_url REQUIRED"));
  }

  @Test
  void aCreateBuilderReportsTheValidatorsCreateRulesWithTheMissingFields() {
    assertThatThrownBy(
            () ->
                CreateOrder.builder()
                    .outOrderNo("rent 1") // a space
                    .appid("wxd678efh567hg6787")
                    .serviceId("500001")
                    .serviceIntroduction("一二三四五六七八九十一二三四五六七八九十一") // 21
                    .timeRange(TimeRange.startingAt("20200101000000")) // long past: not judged here
                    .notifyUrl("ftp://shop.example.com/notify")
                    .build())
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.path() + " " + v.rule().code())
                    .containsExactlyInAnyOrder(
                        "risk_fund REQUIRED",
                        "out_order_no OUT_ORDER_NO_FORMAT",
                        "service_introduction SERVICE_INTRODUCTION_LENGTH",
                        "notify_url NOTIFY_URL_FORMAT"));
  }

  @Test
  void aModifyBuilderReportsTheBillsRules() {
    assertThatThrownBy(
            () ->
                RequestModifyCommand.builder(MerchantId.of("1900000109"), OutOrderNo.of("o-1"))
                    .addPostPayment(PostPayment.charged("租借费用", 1500))
                    .totalAmount(1000) // not 1500
                    .reason("优惠")
                    .requestedBy("shop")
                    .build())
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.path() + " " + v.rule().code())
                    .containsExactly("total_amount TOTAL_FORMULA"));
  }

  @Test
  void aCreateIsBuiltTopToBottom() {
    CreateOrder create =
        CreateOrder.builder()
            .outOrderNo("rent-20261126-0001")
            .appid("wxd678efh567hg6787")
            .serviceId("500001")
            .serviceIntroduction("充电宝租借")
            .addPostPayment(PostPayment.described("收费标准", "2元/小时"))
            .timeRange(TimeRange.onAccept())
            .riskFund(RiskFund.of(RiskFundName.DEPOSIT, 100_00))
            .notifyUrl("https://shop.example.com/payscore/notify")
            .device(Device.startingAt("PB-0042"))
            .build();

    assertThat(create.timeRange().startTime()).isEqualTo("OnAccept");
    assertThat(create.device()).isEqualTo(new Device("PB-0042", null, null));
    assertThat(create.needUserConfirm()).isNull();
  }

  @Test
  void aModifyBuilderNamesWhatIsMissing() {
    assertThatThrownBy(
            () ->
                RequestModifyCommand.builder(MerchantId.of("1900000109"), OutOrderNo.of("o-1"))
                    .addPostPayment(PostPayment.charged("租借费用", 1500))
                    .build())
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.path() + " " + v.rule().code())
                    .containsExactly(
                        "requested_by REQUIRED", "total_amount REQUIRED", "reason REQUIRED"));
  }

  @Test
  void aRiskFundOfNothingIsTheSameKindOfMistake() {
    assertThatThrownBy(() -> RiskFund.of(RiskFundName.DEPOSIT, 0))
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.path() + " " + v.rule().code() + " " + v.value())
                    .containsExactly("risk_fund.amount AMOUNT_NOT_POSITIVE 0"));
  }
}
