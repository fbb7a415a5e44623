package dev.payscore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fact sheet §2.5 and §4: every rule complete enforces, with its status, code and message. */
final class CompleteRulesTest {
  private PayScoreSandbox sandbox;
  private Flows flows;

  private void start(SandboxConfig.Builder config) {
    sandbox = PayScoreSandbox.start(config.build());
    flows = new Flows(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private MerchantClient.Answer completeConfirmed(Consumer<ObjectNode> change) {
    if (sandbox == null) {
      start(Fixture.config());
    }
    flows.confirmed("o-1");
    return flows.complete("o-1", Fixture.complete(change));
  }

  private void assertRefused(MerchantClient.Answer answer, String code, String message) {
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.code()).isEqualTo(code);
    assertThat(answer.message()).isEqualTo(message);
    assertThat(answer.signatureValid()).isTrue();
    assertThat(sandbox.ledger("o-1")).extracting(LedgerEntry::operation).doesNotContain(Operation.COMPLETE);
  }

  @Test
  void completeOfAConfirmedOrderStartsCollection() {
    MerchantClient.Answer answer = completeConfirmed(b -> {});

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("state").asText()).isEqualTo("DOING");
    assertThat(answer.json().path("state_description").asText()).isEqualTo("MCH_COMPLETE");
    assertThat(answer.json().path("total_amount").asLong()).isEqualTo(40_00);
    assertThat(answer.json().path("need_collection").asBoolean()).isTrue();
    assertThat(answer.json().path("collection").path("state").asText()).isEqualTo("USER_PAYING");
    assertThat(sandbox.ledger("o-1"))
        .filteredOn(e -> e.operation() == Operation.COMPLETE)
        .singleElement()
        .satisfies(e -> assertThat(e.requestBody()).isEqualTo(Fixture.complete()))
        .satisfies(e -> assertThat(e.resultingState()).isEqualTo("DOING/MCH_COMPLETE"));
  }

  @Test
  void completeOfAnUnconfirmedOrderIsAnInvalidState() {
    start(Fixture.config());
    flows.created("o-1");

    assertRefused(flows.complete("o-1", Fixture.complete()), "INVALID_REQUEST", "当前订单状态不合法");
  }

  @Test
  void completeOfAnUnknownOrderIsOrderNotExist() {
    start(Fixture.config());

    MerchantClient.Answer answer = flows.complete("nope", Fixture.complete());

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.code()).isEqualTo("ORDER_NOT_EXIST");
  }

  @Test
  void completeWithOutOrderNoInTheBodyIsJudgedOnTheDocumentedFieldsOnly() {
    // the fact sheet has no rule on it (§2.5): the sandbox makes none up
    MerchantClient.Answer answer = completeConfirmed(b -> b.put("out_order_no", "o-1"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("state_description").asText()).isEqualTo("MCH_COMPLETE");
  }

  @Test
  void aDeviceTextOverItsLimitIsRefusedAndNothingApplied() {
    assertRefused(
        completeConfirmed(b -> b.putObject("device").put("end_device_id", "d".repeat(51))),
        "PARAM_ERROR",
        "device.end_device_id长度超过50");
  }

  @Test
  void aMaterielNoOverItsLimitIsRefused() {
    assertRefused(
        completeConfirmed(b -> b.putObject("device").put("materiel_no", "m".repeat(101))),
        "PARAM_ERROR",
        "device.materiel_no长度超过100");
  }

  @Test
  void aDeviceThatIsNotAnObjectOrHasANumberIsRefused() {
    assertRefused(
        completeConfirmed(b -> b.put("device", "box-1")), "PARAM_ERROR", "device应为JSON对象");
    sandbox.close();
    sandbox = null;
    assertRefused(
        completeConfirmed(b -> b.putObject("device").put("start_device_id", 42)),
        "PARAM_ERROR",
        "device.start_device_id应为字符串");
  }

  @Test
  void deviceTextsAtTheirLimitsAndTheConfiguredLimitsApply() {
    MerchantClient.Answer atLimit =
        completeConfirmed(
            b ->
                b.putObject("device")
                    .put("start_device_id", "s".repeat(50))
                    .put("end_device_id", "电".repeat(50))
                    .put("materiel_no", "m".repeat(100)));
    assertThat(atLimit.status()).isEqualTo(200);
    sandbox.close();
    start(Fixture.config().deviceIdMaxLength(20));
    assertRefused(
        completeConfirmed(b -> b.putObject("device").put("end_device_id", "d".repeat(21))),
        "PARAM_ERROR",
        "device.end_device_id长度超过20");
  }

  @Test
  void completeWithAnotherAppidIsNoAuth() {
    MerchantClient.Answer answer = completeConfirmed(b -> b.put("appid", Fixture.OTHER_APPID));

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.code()).isEqualTo("NO_AUTH");
  }

  @Test
  void totalThatDoesNotMatchTheItemsIsRefused() {
    assertRefused(completeConfirmed(b -> b.put("total_amount", 40_01)), "PARAM_ERROR", "最终总金额计算非法");
  }

  @Test
  void discountsLargerThanPaymentsAreRefused() {
    assertRefused(
        completeConfirmed(
            b -> {
              ((ObjectNode) b.get("post_discounts").get(0)).put("amount", 60_00);
              b.put("total_amount", 0);
            }),
        "PARAM_ERROR",
        "最终总金额计算非法");
  }

  @Test
  void itemsWithoutAmountsSkipTheFormulaByDefault() {
    MerchantClient.Answer answer =
        completeConfirmed(
            b -> {
              b.remove("post_discounts");
              ((ObjectNode) b.get("post_payments").get(0)).remove("amount");
              b.put("total_amount", 20_00);
            });

    assertThat(answer.status()).isEqualTo(200);
  }

  @Test
  void itemsWithoutAmountsAreSummedWhenConfigured() {
    start(Fixture.config().sumCheckWithoutAmounts(true));

    assertRefused(
        completeConfirmed(
            b -> {
              b.remove("post_discounts");
              ((ObjectNode) b.get("post_payments").get(0)).remove("amount");
              b.put("total_amount", 20_00);
            }),
        "PARAM_ERROR",
        "最终总金额计算非法");
  }

  @Test
  void aDepositOrderCannotCollectMoreThanItsRiskFund() {
    assertRefused(
        completeConfirmed(
            b -> {
              ((ObjectNode) b.get("post_payments").get(0)).put("amount", 110_01);
              b.put("total_amount", 100_01);
            }),
        "PARAM_ERROR",
        "总金额超过风险金额");
  }

  @Test
  void anEstimateOrderMayExceedItsEstimateButNotTheServiceRiskCap() {
    start(Fixture.config());
    String estimate =
        Fixture.create(
            "o-1",
            b -> {
              Fixture.object(b, "risk_fund").put("name", "ESTIMATE_ORDER_COST");
              Fixture.object(b, "time_range").put("start_time", flows.shanghai(Duration.ofHours(1)));
            });
    assertThat(flows.create(estimate).status()).isEqualTo(200);
    assertThat(flows.create(estimate.replace("\"o-1\"", "\"o-2\"")).status()).isEqualTo(200);
    sandbox.confirm("o-1");
    sandbox.confirm("o-2");
    sandbox.clock().advance(Duration.ofHours(25));
    Consumer<ObjectNode> over = amount(Fixture.RISK_CAP + 1);

    assertThat(flows.complete("o-2", Fixture.complete(amount(200_00))).status()).isEqualTo(200);
    assertRefused(flows.complete("o-1", Fixture.complete(over)), "PARAM_ERROR", "总金额超过此服务的服务风险金额");
  }

  private static Consumer<ObjectNode> amount(long total) {
    return b -> {
      b.remove("post_discounts");
      ((ObjectNode) b.get("post_payments").get(0)).put("amount", total);
      b.put("total_amount", total);
    };
  }

  @Test
  void anEndTimeAfterTheCallIsRefused() {
    assertRefused(
        completeConfirmed(b -> Fixture.object(b, "time_range").put("end_time", "20261127110001")),
        "PARAM_ERROR",
        "实际结束时间不能晚于使用完结接口的时间");
  }

  @Test
  void anEndTimeNotAfterTheStartIsRefused() {
    assertRefused(
        completeConfirmed(b -> Fixture.object(b, "time_range").put("end_time", "20261126110000")),
        "PARAM_ERROR",
        "真实结束时间小于预计开始时间");
  }

  @Test
  void anEndTimeOfAnotherPrecisionThanCreateIsRefused() {
    assertRefused(
        completeConfirmed(b -> Fixture.object(b, "time_range").put("end_time", "20261127")),
        "PARAM_ERROR",
        "时间格式需与创建订单时一致");
  }

  @Test
  void anEndTimeIsRequiredWhenCreateHadNone() {
    assertRefused(completeConfirmed(b -> b.remove("time_range")), "PARAM_ERROR", "time_range.end_time不能为空");
  }

  @Test
  void dayPrecisionOrdersCompleteWithADayPrecisionEnd() {
    start(Fixture.config());
    flows.create(Fixture.create("o-1", b -> Fixture.object(b, "time_range").put("start_time", "20261126")));
    sandbox.confirm("o-1");
    sandbox.clock().advance(Duration.ofHours(25));

    assertThat(flows.complete("o-1", Fixture.complete(b -> Fixture.object(b, "time_range").put("end_time", "20261127"))).status())
        .isEqualTo(200);
  }

  @Test
  void namesLongerThanTwentyCharactersAreRefused() {
    assertThat(completeConfirmed(b -> ((ObjectNode) b.get("post_payments").get(0)).put("name", "一二三四五六七八九十一二三四五六七八九十一")).code())
        .isEqualTo("PARAM_ERROR");
  }

  @Test
  void twentyChineseCharactersAreCountedAsTwenty() {
    assertThat(completeConfirmed(b -> ((ObjectNode) b.get("post_payments").get(0)).put("name", "一二三四五六七八九十一二三四五六七八九十")).status())
        .isEqualTo(200);
  }

  @Test
  void duplicateNamesAreRefusedExceptProductInformation() {
    MerchantClient.Answer duplicate =
        completeConfirmed(b -> b.withArray("post_payments").addObject().put("name", "使用费").put("amount", 0));
    sandbox.close();
    sandbox = null;
    MerchantClient.Answer products =
        completeConfirmed(
            b -> {
              b.remove("post_discounts");
              b.putArray("post_payments").add(product(1000)).add(product(2000));
              b.put("total_amount", 3000);
            });

    assertThat(duplicate.code()).isEqualTo("PARAM_ERROR");
    assertThat(products.status()).isEqualTo(200);
  }

  private static ObjectNode product(long amount) {
    return MerchantClient.JSON.createObjectNode().put("name", "商品信息").put("description", "可乐").put("amount", amount).put("count", 2);
  }

  @Test
  void countsOutsideOneToHundredAreRefused() {
    assertThat(completeConfirmed(b -> ((ObjectNode) b.get("post_payments").get(0)).put("count", 101)).code())
        .isEqualTo("PARAM_ERROR");
  }

  @Test
  void aPaymentWithNeitherAmountNorDescriptionIsRefused() {
    MerchantClient.Answer answer =
        completeConfirmed(b -> ((ArrayNode) b.get("post_payments")).addObject().put("name", "空项"));

    assertRefused(answer, "PARAM_ERROR", "post_payments[1]的amount和description不能同时为空");
    assertThat(answer.json().path("detail").path("field").asText()).isEqualTo("post_payments[1]");
  }

  @Test
  void emptyPostPaymentsAreRefused() {
    assertThat(completeConfirmed(b -> b.putArray("post_payments")).code()).isEqualTo("PARAM_ERROR");
  }

  @Test
  void aDiscountWithoutDescriptionIsRefused() {
    assertThat(completeConfirmed(b -> ((ObjectNode) b.get("post_discounts").get(0)).remove("description")).code())
        .isEqualTo("PARAM_ERROR");
  }

  @Test
  void aNegativeTotalIsRefused() {
    assertThat(completeConfirmed(b -> b.put("total_amount", -1)).code()).isEqualTo("PARAM_ERROR");
  }

  @Test
  void aLongGoodsTagIsRefused() {
    assertThat(completeConfirmed(b -> b.put("goods_tag", "x".repeat(33))).code()).isEqualTo("PARAM_ERROR");
  }

  @Test
  void locationLengthFollowsTheConfiguredLimit() {
    start(Fixture.config().locationMaxLength(20));

    MerchantClient.Answer answer = completeConfirmed(b -> b.putObject("location").put("end_location", "x".repeat(21)));

    assertThat(answer.code()).isEqualTo("PARAM_ERROR");
    assertThat(answer.json().path("detail").path("field").asText()).isEqualTo("location.end_location");
  }

  @Test
  void aRepeatWithOtherParametersIsAReentryMismatch() {
    completeConfirmed(b -> {});

    MerchantClient.Answer repeat = flows.complete("o-1", Fixture.complete(b -> b.put("goods_tag", "tag")));

    assertThat(repeat.code()).isEqualTo("PARAM_ERROR");
    assertThat(repeat.message()).isEqualTo("订单重入参数校验失败");
  }

  @Test
  void anIdenticalRepeatIsAnInvalidStateByDefault() {
    completeConfirmed(b -> {});

    MerchantClient.Answer repeat = flows.complete("o-1", Fixture.complete());

    assertThat(repeat.code()).isEqualTo("INVALID_REQUEST");
    assertThat(repeat.message()).isEqualTo("当前订单状态不合法");
    assertThat(sandbox.ledger("o-1")).filteredOn(e -> e.operation() == Operation.COMPLETE).hasSize(1);
  }

  @Test
  void anIdenticalRepeatIsAReentryWhenConfigured() {
    start(Fixture.config().repeatComplete(SandboxConfig.RepeatComplete.REENTER));
    completeConfirmed(b -> {});

    MerchantClient.Answer repeat = flows.complete("o-1", Fixture.complete());

    assertThat(repeat.status()).isEqualTo(200);
    assertThat(repeat.json().path("state_description").asText()).isEqualTo("MCH_COMPLETE");
    assertThat(sandbox.ledger("o-1")).filteredOn(e -> e.operation() == Operation.COMPLETE).hasSize(1);
  }

  @Test
  void aZeroAmountCompleteIsDoneByDefault() {
    MerchantClient.Answer answer = completeConfirmed(amount(0));

    assertThat(answer.json().path("state").asText()).isEqualTo("DONE");
    assertThat(answer.json().path("need_collection").asBoolean()).isFalse();
    assertThat(answer.json().has("collection")).isFalse();
  }

  @Test
  void aZeroAmountCompleteStaysMchCompleteWhenConfigured() {
    start(Fixture.config().zeroAmountCompletion(SandboxConfig.ZeroAmountCompletion.MCH_COMPLETE));

    MerchantClient.Answer answer = completeConfirmed(amount(0));

    assertThat(answer.json().path("state_description").asText()).isEqualTo("MCH_COMPLETE");
    assertThat(answer.json().path("need_collection").asBoolean()).isFalse();
  }

  @Test
  void aNoConfirmOrderCompletesAfterItsAcceptTime() {
    start(Fixture.config());
    assertThat(flows.create(Fixture.createNoConfirm("o-1")).status()).isEqualTo(200);
    sandbox.clock().advance(Duration.ofMinutes(10));

    MerchantClient.Answer answer = flows.complete("o-1", Fixture.completeNoConfirm(15_00));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("total_amount").asLong()).isEqualTo(15_00);
  }
}
