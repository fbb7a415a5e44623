package dev.payscore.domain.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.AppId;
import dev.payscore.CompleteOrder;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PostPayment;
import dev.payscore.ServiceId;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.RejectionKind;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The decisions that could turn a completion WeChat applied into a failure, one by one. */
final class DeciderTest {
  private static final OutOrderNo NO = OutOrderNo.of("D1");
  private static final CompleteOrder FROZEN =
      new CompleteOrder(
          "wx1",
          "svc",
          List.of(new PostPayment("费用", 300L, null, 1)),
          List.of(),
          300,
          null,
          null,
          null,
          null,
          null);

  private static GatewayOutcome<ObservedOrder> wechatSays(
      LifecycleState state, @Nullable Long total) {
    return wechatSays(state, total, total == null ? List.of() : FROZEN.postPayments());
  }

  private static GatewayOutcome<ObservedOrder> wechatSays(
      LifecycleState state, @Nullable Long total, List<PostPayment> items) {
    ObservedOrder view =
        new ObservedOrder(
            AppId.of("wx1"),
            MerchantId.of("1900000001"),
            NO,
            ServiceId.of("svc"),
            null,
            state.state(),
            state.stateDescription().orElse(null),
            total,
            items,
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
            null, List.of());
    return new GatewayOutcome.Accepted<>(view, "q");
  }

  private static GatewayOutcome<ObservedOrder> rejected(
      String code, RejectionKind kind, String message) {
    return new GatewayOutcome.Rejected<>(400, code, kind, message, null, "r");
  }

  private static final GatewayOutcome<ObservedOrder> TIMEOUT =
      new GatewayOutcome.Unknown<>(GatewayOutcome.UnknownCause.TIMEOUT, "read timed out", 0, null);

  @Test
  void anOrderRevokedAfterOurCompletionIsStillASuccess() {
    assertThat(Decider.decide(NO, FROZEN, TIMEOUT, wechatSays(LifecycleState.REVOKED, 300L)))
        .isInstanceOf(Decision.Succeeded.class);
  }

  @Test
  void anOrderRevokedWithoutACompletionFails() {
    assertThat(Decider.decide(NO, FROZEN, TIMEOUT, wechatSays(LifecycleState.REVOKED, null)))
        .isInstanceOf(Decision.Failed.class);
  }

  @Test
  void anOrderPaidAlreadyWithOurAmountIsASuccess() {
    assertThat(Decider.decide(NO, FROZEN, TIMEOUT, wechatSays(LifecycleState.DONE, 300L)))
        .isInstanceOf(Decision.Succeeded.class);
  }

  @Test
  void anUnconfirmedOrderAtWechatNeedsAPerson() {
    assertThat(Decider.decide(NO, FROZEN, TIMEOUT, wechatSays(LifecycleState.CREATED, null)))
        .isInstanceOf(Decision.NeedsAttention.class);
  }

  @Test
  void theOldStateErrorTextIsSettledByTheQueryToo() {
    GatewayOutcome<ObservedOrder> old = rejected("PARAM_ERROR", RejectionKind.STATE, "完结订单状态不合法");

    assertThat(Decider.needsQuery(old)).isTrue();
    assertThat(Decider.decide(NO, FROZEN, old, wechatSays(LifecycleState.DOING_MCH_COMPLETE, 300L)))
        .isInstanceOf(Decision.Succeeded.class);
  }

  @Test
  void aParameterErrorIsNotAStateErrorAndFails() {
    GatewayOutcome<ObservedOrder> formula = rejected("PARAM_ERROR", RejectionKind.PARAMETER, "最终总金额计算非法");

    assertThat(Decider.needsQuery(formula)).isFalse();
    assertThat(Decider.decide(NO, FROZEN, formula, null)).isInstanceOf(Decision.Failed.class);
  }

  @Test
  void aStateErrorWhoseQueryFailedIsSentAgainNeverFailed() {
    GatewayOutcome<ObservedOrder> state = rejected("ORDER_DONE", RejectionKind.STATE, "订单已完成");

    assertThat(Decider.decide(NO, FROZEN, state, TIMEOUT)).isInstanceOf(Decision.Retry.class);
  }

  @Test
  void aThrottledQueryAfterAnUnknownOutcomeIsSentAgain() {
    GatewayOutcome<ObservedOrder> throttled =
        new GatewayOutcome.Throttled<>("FREQUENCY_LIMITED", "频率超限", null);

    Decision decision = Decider.decide(NO, FROZEN, TIMEOUT, throttled);

    assertThat(decision).isInstanceOf(Decision.Retry.class);
    assertThat(((Decision.Retry) decision).atLeast()).isEqualTo(Duration.ZERO);
  }

  @Test
  void aCompletionWechatHoldsWithOtherItemsNeedsAttention() {
    GatewayOutcome<ObservedOrder> other =
        wechatSays(
            LifecycleState.DOING_MCH_COMPLETE,
            300L,
            List.of(new PostPayment("别的费用", 300L, null, 1)));

    assertThat(Decider.decide(NO, FROZEN, TIMEOUT, other))
        .isInstanceOfSatisfying(
            Decision.NeedsAttention.class,
            attention -> assertThat(attention.detail()).contains("post_payments"));
  }

  @Test
  void authAndConfigRefusalsNeedAttentionNotFailure() {
    GatewayOutcome<ObservedOrder> noAuth =
        new GatewayOutcome.Rejected<>(403, "NO_AUTH", RejectionKind.AUTH_CONFIG, "无权限", null, "r");
    GatewayOutcome<ObservedOrder> signError =
        new GatewayOutcome.Rejected<>(
            401, "SIGN_ERROR", RejectionKind.AUTH_CONFIG, "签名错误", null, "r");
    GatewayOutcome<ObservedOrder> unknownMerchant =
        new GatewayOutcome.Rejected<>(
            400, "MCH_NOT_EXISTS", RejectionKind.AUTH_CONFIG, "商户号不存在", null, "r");

    for (GatewayOutcome<ObservedOrder> refusal : List.of(noAuth, signError, unknownMerchant)) {
      assertThat(Decider.needsQuery(refusal)).isFalse();
      assertThat(Decider.decide(NO, FROZEN, refusal, null))
          .as(refusal.summary())
          .isInstanceOf(Decision.NeedsAttention.class);
    }
  }

  @Test
  void refusalsAreDecidedByTheirKindNeverByWechatsText() {
    // WeChat's words for a re-entry mismatch and for deducting, classified as a plain parameter
    // error: the text changes nothing.
    assertThat(
            Decider.decide(
                NO, FROZEN, rejected("PARAM_ERROR", RejectionKind.PARAMETER, "订单重入参数校验失败"), null))
        .isInstanceOf(Decision.Failed.class);
    assertThat(
            Decider.decide(
                NO, FROZEN, rejected("PARAM_ERROR", RejectionKind.PARAMETER, "单据正在扣款中"), null))
        .isInstanceOf(Decision.Failed.class);
    // and the kinds decide whatever the text says
    assertThat(Decider.decide(NO, FROZEN, rejected("X", RejectionKind.REENTRY_MISMATCH, "?"), null))
        .isInstanceOf(Decision.NeedsAttention.class);
    assertThat(Decider.decide(NO, FROZEN, rejected("X", RejectionKind.BUSY, "?"), null))
        .isInstanceOf(Decision.Retry.class)
        .extracting(d -> ((Decision.Retry) d).atLeast())
        .isEqualTo(Decider.DEDUCTING_WAIT);
  }
}
