package dev.payscore.testing.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.CompleteOrder;
import dev.payscore.MerchantId;
import dev.payscore.domain.completion.CompletionPayload;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.RejectionKind;
import dev.payscore.testing.ServiceOrderFixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScriptedPayScoreGatewayTest {
  static final MerchantId MCHID = MerchantId.of(ServiceOrderFixtures.MCHID);

  @Test
  void storedCompleteBytesArePlayedAsTheRequestTheyHoldAndKeptAsSent() {
    ScriptedPayScoreGateway wechat = new ScriptedPayScoreGateway();
    ServiceOrder order = ServiceOrderFixtures.aDoingOrder();
    wechat.register(order);
    CompleteOrder body = ServiceOrderFixtures.aValidCompletion();
    byte[] stored = CompletionPayload.of(body).bytes();

    GatewayOutcome<?> outcome = wechat.complete(MCHID, order.outOrderNo(), stored);

    assertThat(outcome).isInstanceOf(GatewayOutcome.Accepted.class);
    assertThat(wechat.applied(order.outOrderNo())).isEqualTo(1);
    assertThat(wechat.appliedPayload(order.outOrderNo())).contains(CompletionPayload.of(body));
    assertThat(wechat.sentBodies())
        .containsExactly(
            new ScriptedPayScoreGateway.SentBody(
                "complete", order.outOrderNo(), new String(stored, StandardCharsets.UTF_8)));
  }

  @Test
  void aRepeatWithOtherStoredBytesIsAReentryMismatch() {
    ScriptedPayScoreGateway wechat = new ScriptedPayScoreGateway();
    ServiceOrder order = ServiceOrderFixtures.aDoingOrder();
    wechat.register(order);
    CompleteOrder body = ServiceOrderFixtures.aValidCompletion();
    wechat.complete(MCHID, order.outOrderNo(), CompletionPayload.of(body).bytes());
    String other =
        new String(CompletionPayload.of(body).bytes(), StandardCharsets.UTF_8)
            .replace("\"total_amount\":" + body.totalAmount(), "\"total_amount\":1");

    GatewayOutcome<?> outcome =
        wechat.complete(MCHID, order.outOrderNo(), other.getBytes(StandardCharsets.UTF_8));

    assertThat(outcome).isInstanceOf(GatewayOutcome.Rejected.class);
    assertThat(((GatewayOutcome.Rejected<?>) outcome).kind())
        .isEqualTo(RejectionKind.REENTRY_MISMATCH);
  }

  @Test
  void storedCancelBytesRevokeTheOrder() {
    ScriptedPayScoreGateway wechat = new ScriptedPayScoreGateway();
    ServiceOrder order = ServiceOrderFixtures.aDoingOrder();
    wechat.register(order);
    String cancel =
        "{\"appid\":\"" + order.appid().value() + "\",\"service_id\":\""
            + order.serviceId().value() + "\",\"reason\":\"用户取消\"}";

    GatewayOutcome<?> outcome =
        wechat.cancel(MCHID, order.outOrderNo(), cancel.getBytes(StandardCharsets.UTF_8));

    assertThat(outcome).isInstanceOf(GatewayOutcome.Accepted.class);
    assertThat(wechat.view(order.outOrderNo()).orElseThrow().lifecycle())
        .isEqualTo(LifecycleState.REVOKED);
  }
}
