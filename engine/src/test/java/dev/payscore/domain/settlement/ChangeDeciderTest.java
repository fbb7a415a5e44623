package dev.payscore.domain.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.AppId;
import dev.payscore.CompletionIntent;
import dev.payscore.IntentKind;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PostPayment;
import dev.payscore.ServiceId;
import dev.payscore.domain.intent.CancelPayload;
import dev.payscore.domain.intent.ModifyPayload;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.port.out.CancelOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.ModifyOrder;
import dev.payscore.domain.port.out.OrderReceipt;
import dev.payscore.domain.port.out.RejectionKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The decisions for cancel and modify intents: WeChat's view settles them, never a guess. */
final class ChangeDeciderTest {
  private static final MerchantId MCHID = MerchantId.of("1900000001");
  private static final OutOrderNo NO = OutOrderNo.of("C1");
  private static final CompletionIntent CANCEL =
      CompletionIntent.pending(
          MCHID,
          NO,
          IntentKind.CANCEL,
          CancelPayload.of(new CancelOrder("wx1", "svc", "取消")),
          "t",
          Instant.EPOCH);
  private static final CompletionIntent MODIFY =
      CompletionIntent.pending(
          MCHID,
          NO,
          IntentKind.MODIFY,
          ModifyPayload.of(
              new ModifyOrder(
                  "wx1",
                  "svc",
                  List.of(new PostPayment("费用", 200L, null, 1)),
                  List.of(),
                  200,
                  "优惠",
                  null)),
          "t",
          Instant.EPOCH);
  private static final GatewayOutcome<ObservedOrder> TIMEOUT =
      new GatewayOutcome.Unknown<>(GatewayOutcome.UnknownCause.TIMEOUT, "read timed out", 0, null);

  private static GatewayOutcome<ObservedOrder> wechatSays(
      LifecycleState state, @Nullable Long total) {
    return new GatewayOutcome.Accepted<>(
        new ObservedOrder(
            AppId.of("wx1"),
            MCHID,
            NO,
            ServiceId.of("svc"),
            null,
            state.state(),
            state.stateDescription().orElse(null),
            total,
            List.of(),
            List.of(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null, List.of()),
        "q");
  }

  @Test
  void aCancelIsAlwaysFollowedByAQueryExceptWhenThrottled() {
    GatewayOutcome<OrderReceipt> accepted =
        new GatewayOutcome.Accepted<>(
            new OrderReceipt(AppId.of("wx1"), MCHID, NO, ServiceId.of("svc"), "o1"), "r");

    assertThat(Decider.needsQuery(IntentKind.CANCEL, accepted)).isTrue();
    assertThat(Decider.needsQuery(IntentKind.CANCEL, TIMEOUT)).isTrue();
    assertThat(
            Decider.needsQuery(
                IntentKind.CANCEL,
                new GatewayOutcome.Throttled<>("FREQUENCY_LIMITED", "slow", null)))
        .isFalse();
  }

  @Test
  void aCancelSucceedsWhenWeChatShowsTheOrderRevokedWhateverTheCallSaid() {
    assertThat(Decider.decide(CANCEL, TIMEOUT, wechatSays(LifecycleState.REVOKED, null)))
        .isInstanceOf(Decision.Succeeded.class);
    assertThat(
            Decider.decide(
                CANCEL,
                new GatewayOutcome.Rejected<>(400, "ORDER_CANCELED", RejectionKind.STATE, "已取消", null, "r"),
                wechatSays(LifecycleState.REVOKED, null)))
        .isInstanceOf(Decision.Succeeded.class);
  }

  @Test
  void aCancelOfAPaidOrderFailsAndAnAmbiguousOneOnAnOpenOrderIsSentAgain() {
    assertThat(Decider.decide(CANCEL, TIMEOUT, wechatSays(LifecycleState.DONE, 300L)))
        .isInstanceOf(Decision.Failed.class);
    assertThat(Decider.decide(CANCEL, TIMEOUT, wechatSays(LifecycleState.CREATED, null)))
        .isInstanceOf(Decision.Retry.class);
    assertThat(Decider.decide(CANCEL, TIMEOUT, TIMEOUT)).isInstanceOf(Decision.Retry.class);
  }

  @Test
  void aCancelDuringADeductionWaitsThreeMinutes() {
    Decision decision =
        Decider.decide(
            CANCEL,
            new GatewayOutcome.Rejected<>(
                400, "INVALID_REQUEST", RejectionKind.BUSY, "单据正在扣款中，请稍后再试", null, "r"),
            null);

    assertThat(decision).isInstanceOf(Decision.Retry.class);
    assertThat(((Decision.Retry) decision).atLeast()).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void aModifySucceedsOnlyWhenWeChatHoldsTheFrozenTotal() {
    assertThat(Decider.decide(MODIFY, wechatSays(LifecycleState.DOING_MCH_COMPLETE, 200L), null))
        .isInstanceOf(Decision.Succeeded.class);
    assertThat(Decider.decide(MODIFY, wechatSays(LifecycleState.DOING_MCH_COMPLETE, 300L), null))
        .isInstanceOf(Decision.NeedsAttention.class);
    assertThat(Decider.decide(MODIFY, TIMEOUT, wechatSays(LifecycleState.DOING_MCH_COMPLETE, 200L)))
        .isInstanceOf(Decision.Succeeded.class);
    assertThat(Decider.decide(MODIFY, TIMEOUT, wechatSays(LifecycleState.DOING_MCH_COMPLETE, 300L)))
        .isInstanceOf(Decision.Retry.class);
    assertThat(Decider.decide(MODIFY, TIMEOUT, wechatSays(LifecycleState.DONE, 300L)))
        .isInstanceOf(Decision.Failed.class);
  }

  @Test
  void aModifyWithOtherParametersThanWeChatHoldsNeedsAttention() {
    assertThat(
            Decider.decide(
                MODIFY,
                new GatewayOutcome.Rejected<>(
                    400, "PARAM_ERROR", RejectionKind.REENTRY_MISMATCH, "订单重入参数校验失败", null, "r"),
                null))
        .isInstanceOf(Decision.NeedsAttention.class);
  }
}
