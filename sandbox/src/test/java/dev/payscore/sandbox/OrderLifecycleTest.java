package dev.payscore.sandbox;

import static dev.payscore.sandbox.Flows.ORDERS;
import static dev.payscore.sandbox.Flows.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class OrderLifecycleTest {
  private PayScoreSandbox sandbox;
  private Flows flows;

  @BeforeEach
  void start() {
    sandbox = PayScoreSandbox.start(Fixture.config().build());
    flows = new Flows(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void createInConfirmModeAnswersCreatedWithPackage() {
    MerchantClient.Answer answer = flows.create(Fixture.create("o-1"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.signatureValid()).isTrue();
    assertThat(answer.json().path("state").asText()).isEqualTo("CREATED");
    assertThat(answer.json().path("package").asText()).isNotEmpty();
    assertThat(answer.json().path("order_id").asText()).hasSize(31);
    assertThat(answer.json().path("mchid").asText()).isEqualTo(Fixture.MCHID);
  }

  @Test
  void createInNoConfirmModeAnswersDoingUserConfirmWithoutPackage() {
    MerchantClient.Answer answer = flows.create(Fixture.createNoConfirm("o-1"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("state").asText()).isEqualTo("DOING");
    assertThat(answer.json().path("state_description").asText()).isEqualTo("USER_CONFIRM");
    assertThat(answer.json().has("package")).isFalse();
  }

  @Test
  void identicalCreateIsReentryAndDifferentCreateIsRefused() {
    flows.created("o-1");

    MerchantClient.Answer same = flows.create(Fixture.create("o-1"));
    MerchantClient.Answer different =
        flows.create(Fixture.create("o-1", b -> b.put("service_introduction", "别的服务")));

    assertThat(same.status()).isEqualTo(200);
    assertThat(different.status()).isEqualTo(400);
    assertThat(different.code()).isEqualTo("INVALID_REQUEST");
    assertThat(different.message()).isEqualTo("订单重入参数校验失败");
    assertThat(sandbox.ledger("o-1")).extracting(LedgerEntry::operation).containsExactly(Operation.CREATE);
  }

  @Test
  void createRefusesAnUnboundAppidOrServiceWithNoAuth() {
    MerchantClient.Answer appid = flows.create(Fixture.create("o-1", b -> b.put("appid", "wxUnbound")));
    MerchantClient.Answer service =
        flows.create(Fixture.create("o-2", b -> b.put("service_id", "99994000000000000000000000000009")));
    MerchantClient.Answer noConfirm =
        flows.create(Fixture.create("o-3", b -> b.put("need_user_confirm", false)));

    assertThat(appid.status()).isEqualTo(403);
    assertThat(appid.code()).isEqualTo("NO_AUTH");
    assertThat(service.status()).isEqualTo(403);
    assertThat(noConfirm.status()).isEqualTo(403);
  }

  @Test
  void createRefusesBadParametersWithParamError() {
    assertThat(flows.create(Fixture.create("o 1")).code()).isEqualTo("PARAM_ERROR");
    assertThat(flows.create(Fixture.create("o-2", b -> b.with("risk_fund").put("amount", Fixture.RISK_CAP + 1))).code())
        .isEqualTo("PARAM_ERROR");
    assertThat(flows.create(Fixture.create("o-3", b -> b.with("time_range").put("start_time", "20261126095959"))).message())
        .isEqualTo("预计服务开始时间必须晚于当前时间");
    assertThat(flows.create(Fixture.create("o-4", b -> b.put("service_introduction", "一二三四五六七八九十一二三四五六七八九十一"))).code())
        .isEqualTo("PARAM_ERROR");
    assertThat(flows.create(Fixture.create("o-5", b -> b.with("risk_fund").put("name", "CREDIT"))).code())
        .isEqualTo("PARAM_ERROR");
    assertThat(flows.create(Fixture.create("o-6", b -> b.remove("notify_url"))).status()).isEqualTo(400);
    assertThat(flows.create(Fixture.createNoConfirm("o-7", b -> b.remove("openid"))).message())
        .isEqualTo("免确认模式openid不能为空");
    assertThat(sandbox.ledger()).isEmpty();
  }

  @Test
  void queryFindsAnOrderByOutOrderNoOrByQueryId() {
    flows.created("o-1");
    String queryId = sandbox.confirm("o-1");

    MerchantClient.Answer byNumber = flows.query("o-1");
    MerchantClient.Answer byQueryId =
        flows.client.get(ORDERS + "?query_id=" + queryId + "&service_id=" + Fixture.CONFIRM_SERVICE + "&appid=" + Fixture.APPID);

    assertThat(byNumber.json().path("state_description").asText()).isEqualTo("USER_CONFIRM");
    assertThat(byNumber.json().path("openid").asText()).isNotEmpty();
    assertThat(byQueryId.json().path("out_order_no").asText()).isEqualTo("o-1");
  }

  @Test
  void queryNeedsExactlyOneKeyAndAnswers404ForAnUnknownOrder() {
    MerchantClient.Answer neither =
        flows.client.get(ORDERS + "?service_id=" + Fixture.CONFIRM_SERVICE + "&appid=" + Fixture.APPID);
    MerchantClient.Answer unknown = flows.query("nope");

    assertThat(neither.code()).isEqualTo("PARAM_ERROR");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.code()).isEqualTo("ORDER_NOT_EXIST");
    assertThat(unknown.signatureValid()).isTrue();
  }

  @Test
  void cancelRevokesCreatedConfirmedAndUnpaidOrders() {
    flows.created("o-1");
    flows.confirmed("o-2");
    flows.completed("o-3");

    for (String order : new String[] {"o-1", "o-2", "o-3"}) {
      MerchantClient.Answer answer = flows.cancel(order, "用户取消");
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.json().path("order_id").asText()).hasSize(31);
      assertThat(flows.state(order)).isEqualTo("REVOKED");
    }
  }

  @Test
  void identicalCancelIsReentryAndDifferentCancelIsRefused() {
    flows.created("o-1");
    flows.cancel("o-1", "用户取消");

    assertThat(flows.cancel("o-1", "用户取消").status()).isEqualTo(200);
    MerchantClient.Answer different = flows.cancel("o-1", "商户取消");
    assertThat(different.code()).isEqualTo("INVALID_REQUEST");
    assertThat(different.message()).isEqualTo("订单重入参数校验失败");
    assertThat(sandbox.ledger("o-1")).extracting(LedgerEntry::operation)
        .containsExactly(Operation.CREATE, Operation.CANCEL);
  }

  @Test
  void cancelOfAPaidOrderIsOrderDone() {
    flows.completed("o-1");
    sandbox.pay("o-1");

    MerchantClient.Answer answer = flows.cancel("o-1", "用户取消");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.code()).isEqualTo("ORDER_DONE");
  }

  @Test
  void modifyLowersTheAmountOfAnUnpaidOrderOnly() {
    flows.completed("o-1");
    String lower = "{" + Flows.appidAndService()
        + ",\"post_payments\":[{\"name\":\"使用费\",\"amount\":3000}],\"total_amount\":3000,\"reason\":\"优惠\"}";
    String higher = lower.replace("3000", "9000");

    MerchantClient.Answer modified = flows.client.post(path("o-1", "modify"), lower);
    MerchantClient.Answer raised = flows.client.post(path("o-1", "modify"), higher);

    assertThat(modified.status()).isEqualTo(200);
    assertThat(modified.json().path("total_amount").asLong()).isEqualTo(3000);
    assertThat(modified.json().path("collection").path("paying_amount").asLong()).isEqualTo(3000);
    assertThat(raised.code()).isEqualTo("PARAM_ERROR");
  }

  @Test
  void modifySyncAndPayRefuseOrdersNotAwaitingPayment() {
    flows.confirmed("o-1");
    flows.created("o-2");
    flows.cancel("o-2", "取消");
    String modify = "{" + Flows.appidAndService()
        + ",\"post_payments\":[{\"name\":\"使用费\",\"amount\":1}],\"total_amount\":1,\"reason\":\"r\"}";
    String pay = "{" + Flows.appidAndService() + "}";

    assertThat(flows.client.post(path("o-1", "modify"), modify).code()).isEqualTo("INVALID_ORDER_STATE");
    assertThat(flows.client.post(path("o-1", "pay"), pay).code()).isEqualTo("INVALID_ORDER_STATE");
    assertThat(flows.client.post(path("o-2", "pay"), pay).code()).isEqualTo("ORDER_CANCELED");
    assertThat(flows.client.post(path("o-2", "sync"), sync("20261127110000")).code()).isEqualTo("ORDER_CANCELED");
  }

  private static String sync(String paidTime) {
    return "{" + Flows.appidAndService() + ",\"type\":\"Order_Paid\",\"detail\":{\"paid_time\":\"" + paidTime + "\"}}";
  }

  @Test
  void syncSettlesAnUnpaidOrderPaidElsewhere() {
    flows.completed("o-1");

    MerchantClient.Answer answer = flows.client.post(path("o-1", "sync"), sync("20261127105000"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("state").asText()).isEqualTo("DONE");
    assertThat(answer.json().path("collection").path("state").asText()).isEqualTo("USER_PAID");
    assertThat(answer.json().path("collection").path("details").get(0).path("paid_type").asText()).isEqualTo("MCH");
    assertThat(flows.client.post(path("o-1", "sync"), sync("20261127105000")).code()).isEqualTo("ORDER_DONE");
  }

  @Test
  void syncRefusesAnUnknownType() {
    flows.completed("o-1");

    MerchantClient.Answer answer =
        flows.client.post(path("o-1", "sync"), sync("20261127105000").replace("Order_Paid", "Order_Refunded"));

    assertThat(answer.code()).isEqualTo("PARAM_ERROR");
  }

  @Test
  void payAsksForCollectionWithoutChangingTheOrder() {
    flows.completed("o-1");

    MerchantClient.Answer answer = flows.client.post(path("o-1", "pay"), "{" + Flows.appidAndService() + "}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("out_order_no").asText()).isEqualTo("o-1");
    assertThat(flows.state("o-1")).isEqualTo("DOING/MCH_COMPLETE");
    assertThat(sandbox.ledger("o-1")).extracting(LedgerEntry::operation).endsWith(Operation.PAY);
  }

  @Test
  void theUserPaysACompletedOrderWithATransaction() {
    flows.completed("o-1");

    sandbox.pay("o-1");

    var order = flows.query("o-1").json();
    assertThat(order.path("state").asText()).isEqualTo("DONE");
    var detail = order.path("collection").path("details").get(0);
    assertThat(detail.path("paid_type").asText()).isEqualTo("NEWTON");
    assertThat(detail.path("amount").asLong()).isEqualTo(40_00);
    assertThat(detail.path("transaction_id").asText()).hasSize(32);
    assertThat(order.path("collection").path("paid_amount").asLong()).isEqualTo(40_00);
  }

  @Test
  void wechatCollectsAutomaticallyAfterTheConfiguredDelay() {
    flows.completed("o-1");

    sandbox.clock().advance(Duration.ofSeconds(59));
    String before = flows.state("o-1");
    sandbox.clock().advance(Duration.ofSeconds(1));

    assertThat(before).isEqualTo("DOING/MCH_COMPLETE");
    assertThat(flows.state("o-1")).isEqualTo("DONE");
    assertThat(sandbox.ledger("o-1")).extracting(LedgerEntry::operation).endsWith(Operation.USER_PAID);
  }

  @Test
  void anUnconfirmedOrderExpiresAfterThirtyDays() {
    flows.created("o-1");

    sandbox.clock().advance(Duration.ofDays(30).minusSeconds(1));
    String before = flows.state("o-1");
    sandbox.clock().advance(Duration.ofSeconds(1));

    assertThat(before).isEqualTo("CREATED");
    assertThat(flows.state("o-1")).isEqualTo("EXPIRED");
    assertThat(flows.cancel("o-1", "取消").code()).isEqualTo("INVALID_ORDER_STATE");
  }

  @Test
  void theUserCannotConfirmTwiceOrPayAnUncompletedOrder() {
    flows.confirmed("o-1");

    assertThatThrownBy(() -> sandbox.confirm("o-1")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> sandbox.pay("o-1")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anUnknownPathIs404AndAWrongMethod405() {
    assertThat(flows.client.get("/v3/nothing").status()).isEqualTo(404);
    assertThat(flows.client.get(path("o-1", "complete")).status()).isEqualTo(405);
  }

  @Test
  void aChunkedRequestBodyIsReadWhole() {
    MerchantClient.Answer answer = flows.client.postChunked(ORDERS, Fixture.create("o-1"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(sandbox.ledger("o-1")).singleElement().satisfies(e -> assertThat(e.requestBody()).isEqualTo(Fixture.create("o-1")));
  }

  @Test
  void cancelWithoutServiceIdIsAccepted() {
    flows.created("o-1");

    MerchantClient.Answer answer =
        flows.client.post(path("o-1", "cancel"), "{\"appid\":\"" + Fixture.APPID + "\",\"reason\":\"用户取消\"}");

    assertThat(answer.status()).isEqualTo(200);
  }

  @Test
  void anotherMerchantDoesNotSeeTheOrder() {
    java.security.KeyPair otherKeys = Fixture.newKeys();
    SandboxConfig.Merchant other =
        new SandboxConfig.Merchant(
            "1900000002", "0A0B", otherKeys.getPublic(), Fixture.API_V3_KEY,
            java.util.Set.of(Fixture.APPID),
            java.util.List.of(new SandboxConfig.Service(Fixture.CONFIRM_SERVICE, SandboxConfig.ServiceMode.CONFIRM, 1)));
    try (PayScoreSandbox two = PayScoreSandbox.start(Fixture.config().merchant(other).build())) {
      Flows mine = new Flows(two);
      mine.created("o-1");
      MerchantClient theirs =
          new MerchantClient(two.baseUrl(), "1900000002", "0A0B", otherKeys.getPrivate(), two.clock(), two.publicKeys());

      MerchantClient.Answer answer =
          theirs.get(ORDERS + "?out_order_no=o-1&service_id=" + Fixture.CONFIRM_SERVICE + "&appid=" + Fixture.APPID);

      assertThat(answer.status()).isEqualTo(404);
      assertThat(mine.query("o-1").status()).isEqualTo(200);
    }
  }
}
