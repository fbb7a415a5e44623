package dev.payscore.wechat;

import static dev.payscore.wechat.WechatPayScoreGatewayTest.MCHID;
import static dev.payscore.wechat.WechatPayScoreGatewayTest.ORDER_JSON;
import static dev.payscore.wechat.WechatPayScoreGatewayTest.OUT_ORDER_NO;
import static dev.payscore.wechat.WechatPayScoreGatewayTest.WECHAT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.AppId;
import dev.payscore.ServiceId;
import dev.payscore.domain.model.CollectionState;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.Oddity;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.OrderQuery;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 16: a verified answer with a value this version does not understand stays
 * readable; what is odd is kept raw on the order, and an unrecognised state is marked as such.
 */
class TolerantResponsesTest {
  static final OrderQuery QUERY =
      OrderQuery.byOutOrderNo(AppId.of("wxd678efh567hg6787"), ServiceId.of("500001"), OUT_ORDER_NO);

  @StartStop final MockWebServer server = new MockWebServer();
  WechatPayScoreGateway gateway;

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  ObservedOrder answered(String body) {
    server.enqueue(WECHAT.response(200, body));
    gateway =
        WechatPayScoreGateway.builder()
            .baseUrl(server.url("/").toString())
            .merchant(WechatPaySide.merchant(MCHID.value()), WECHAT.keys())
            .clock(WechatPayScoreGatewayTest.CLOCK)
            .build();
    GatewayOutcome<ObservedOrder> outcome = gateway.query(MCHID, QUERY);
    assertThat(outcome).as(outcome.summary()).isInstanceOf(GatewayOutcome.Accepted.class);
    return ((GatewayOutcome.Accepted<ObservedOrder>) outcome).body();
  }

  @Test
  void anUnknownStateIsKeptRawAndMarkedUnrecognised() {
    ObservedOrder order =
        answered(ORDER_JSON.replace("\"state\":\"DOING\"", "\"state\":\"SUSPENDED\""));

    assertThat(order.stateRecognized()).isFalse();
    assertThat(order.oddities())
        .containsExactly(new Oddity("state", "SUSPENDED", Oddity.Problem.UNKNOWN_VALUE));
    assertThat(order.totalAmount()).isEqualTo(3000L);
    assertThat(order.collection().state()).isEqualTo(CollectionState.USER_PAYING);
  }

  @Test
  void aRiskFundOfZeroIsLeftOutAndFlagged() {
    ObservedOrder order = answered(ORDER_JSON.replace("\"amount\":10000", "\"amount\":0"));

    assertThat(order.riskFund()).isNull();
    assertThat(order.stateRecognized()).isTrue();
    assertThat(order.lifecycle()).isEqualTo(LifecycleState.DOING_MCH_COMPLETE);
    assertThat(order.oddities())
        .containsExactly(new Oddity("risk_fund.amount", "0", Oddity.Problem.OUT_OF_RANGE));
  }

  @Test
  void anItemWithoutANameKeepsItsAmountAndIsFlagged() {
    ObservedOrder order = answered(ORDER_JSON.replace("\"name\":\"充电费\",", ""));

    assertThat(order.postPayments()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEmpty();
      assertThat(p.amount()).isEqualTo(3000L);
    });
    assertThat(order.oddities())
        .containsExactly(new Oddity("post_payments[0].name", null, Oddity.Problem.MISSING));
  }

  @Test
  void newRiskFundAndCollectionKindsAndAnEmptyDescriptionAreFlaggedTogether() {
    ObservedOrder order =
        answered(
            ORDER_JSON
                .replace("\"DEPOSIT\"", "\"CREDIT_LINE\"")
                .replace("\"USER_PAYING\"", "\"USER_OVERDUE\"")
                .replace("\"MCH_COMPLETE\"", "\"\""));

    assertThat(order.riskFund()).isNull();
    assertThat(order.collection()).isNull();
    assertThat(order.lifecycle()).isEqualTo(LifecycleState.DOING_USER_CONFIRM);
    assertThat(order.oddities())
        .containsExactlyInAnyOrder(
            new Oddity("state_description", "", Oddity.Problem.EMPTY_VALUE),
            new Oddity("risk_fund.name", "CREDIT_LINE", Oddity.Problem.UNKNOWN_VALUE),
            new Oddity("collection.state", "USER_OVERDUE", Oddity.Problem.UNKNOWN_VALUE));
  }

  @Test
  void aMissingIdentifierIsStillMalformed() {
    server.enqueue(WECHAT.response(200, ORDER_JSON.replace("\"mchid\":\"1230000109\",", "")));
    gateway =
        WechatPayScoreGateway.builder()
            .baseUrl(server.url("/").toString())
            .merchant(WechatPaySide.merchant(MCHID.value()), WECHAT.keys())
            .clock(WechatPayScoreGatewayTest.CLOCK)
            .build();

    assertThat(gateway.query(MCHID, QUERY)).isInstanceOf(GatewayOutcome.Unknown.class);
  }
}
