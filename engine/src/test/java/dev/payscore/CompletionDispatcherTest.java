package dev.payscore;

import static dev.payscore.AuditEventType.COMPLETION_ATTEMPTED;
import static dev.payscore.AuditEventType.COMPLETION_FAILED;
import static dev.payscore.AuditEventType.COMPLETION_NEEDS_ATTENTION;
import static dev.payscore.AuditEventType.COMPLETION_QUERIED;
import static dev.payscore.AuditEventType.COMPLETION_REQUESTED;
import static dev.payscore.AuditEventType.COMPLETION_RETRY_SCHEDULED;
import static dev.payscore.AuditEventType.COMPLETION_SUCCEEDED;
import static dev.payscore.AuditEventType.STATE_OBSERVED;
import static dev.payscore.AuditEventType.TRANSITION_APPLIED;
import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.answer;
import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.applyThen;
import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.rejected;
import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.serverError;
import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.throttled;
import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.timeout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.RejectionKind;
import dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step;
import dev.payscore.testing.fakes.ScriptedPayScoreGateway;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The outcome table of issue 6, one row per test, on the in-memory fakes. */
final class CompletionDispatcherTest {
  private static final OutOrderNo A1 = OutOrderNo.of("A1");

  private final EngineHarness h = new EngineHarness();

  @Test
  void acceptedAndEqualSucceedsAndMovesTheOrderToMchComplete() {
    CompletionIntent intent = h.requested("A1", 300);

    assertThat(h.dispatcher("d1").runOnce()).isEqualTo(1);

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.SUCCEEDED);
    assertThat(h.intent("A1").attempts()).isEqualTo(1);
    assertThat(h.intent("A1").leaseOwner()).isNull();
    assertThat(h.order("A1").lifecycle()).isEqualTo(LifecycleState.DOING_MCH_COMPLETE);
    assertThat(h.order("A1").totalAmount()).isEqualTo(300L);
    assertThat(h.wechat.applied(A1)).isEqualTo(1);
    assertThat(h.wechat.appliedPayload(A1)).contains(intent.completion());
    assertThat(h.auditTypes("A1"))
        .containsExactly(
            COMPLETION_REQUESTED, COMPLETION_ATTEMPTED, TRANSITION_APPLIED, COMPLETION_SUCCEEDED);
    AuditEvent moved = h.audit("A1").get(2);
    assertThat(moved.entry().fromState()).isEqualTo(LifecycleState.DOING_USER_CONFIRM);
    assertThat(moved.entry().toState()).isEqualTo(LifecycleState.DOING_MCH_COMPLETE);
  }

  @Test
  void zeroAmountCompletionEndsTheOrderDone() {
    h.requested("A1", 0);

    h.dispatcher("d1").runOnce();

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.SUCCEEDED);
    assertThat(h.order("A1").lifecycle()).isEqualTo(LifecycleState.DONE);
  }

  @Test
  void zeroAmountCompletionLeftDoingByWechatIsFollowed() {
    h.wechat.zeroAmountState(LifecycleState.DOING_MCH_COMPLETE);
    h.requested("A1", 0);

    h.dispatcher("d1").runOnce();

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.SUCCEEDED);
    assertThat(h.order("A1").lifecycle()).isEqualTo(LifecycleState.DOING_MCH_COMPLETE);
  }

  @Test
  void acceptedWithADifferentTotalNeedsAttentionWithBothSides() {
    h.requested("A1", 300);
    ObservedOrder other = h.wechatView("A1", LifecycleState.DOING_MCH_COMPLETE, 290L);
    h.wechat.scriptComplete(A1, answer(new GatewayOutcome.Accepted<>(other, "req-1")));

    h.dispatcher("d1").runOnce();

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.NEEDS_ATTENTION);
    assertThat(h.auditTypes("A1")).endsWith(COMPLETION_NEEDS_ATTENTION);
    assertThat(last().entry().detail()).contains("total_amount: frozen=300 wechat=290");
    // WeChat's state is followed, its amount is recorded, our frozen payload is untouched.
    assertThat(h.order("A1").lifecycle()).isEqualTo(LifecycleState.DOING_MCH_COMPLETE);
    assertThat(h.order("A1").totalAmount()).isEqualTo(290L);
    assertThat(h.intent("A1").completion().order().totalAmount()).isEqualTo(300L);
  }

  @Test
  void unknownAfterWechatAppliedIsSettledByTheQueryWithoutResending() {
    h.requested("A1", 300);
    h.wechat.scriptComplete(A1, applyThen(timeout()));

    h.dispatcher("d1").runOnce();

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.SUCCEEDED);
    assertThat(h.completeCalls("A1")).hasSize(1);
    assertThat(h.queries("A1")).hasSize(1);
    assertThat(h.wechat.applied(A1)).isEqualTo(1);
    assertThat(h.order("A1").lifecycle()).isEqualTo(LifecycleState.DOING_MCH_COMPLETE);
    assertThat(h.auditTypes("A1"))
        .containsExactly(
            COMPLETION_REQUESTED,
            COMPLETION_ATTEMPTED,
            COMPLETION_QUERIED,
            STATE_OBSERVED,
            COMPLETION_SUCCEEDED);
  }

  @Test
  void unknownOnAnOrderStillOpenResendsTheSamePayloadAfterBackOff() {
    CompletionIntent intent = h.requested("A1", 300);
    h.wechat.scriptComplete(A1, answer(serverError()));
    CompletionDispatcher dispatcher = h.dispatcher("d1");

    dispatcher.runOnce();

    CompletionIntent waiting = h.intent("A1");
    assertThat(waiting.status()).isEqualTo(IntentStatus.PENDING);
    assertThat(waiting.attempts()).isEqualTo(1);
    Duration delay = Duration.between(h.clock.instant(), waiting.nextAttemptAt());
    assertThat(delay).isEqualTo(RetryPolicy.defaults().delay(1, new Random(EngineHarness.SEED)));
    assertThat(h.auditTypes("A1")).endsWith(COMPLETION_QUERIED, COMPLETION_RETRY_SCHEDULED);

    h.advance(delay.minusMillis(1));
    if (!delay.isZero()) {
      assertThat(dispatcher.runOnce()).isZero();
    }
    h.advance(Duration.ofMillis(1));
    assertThat(dispatcher.runOnce()).isEqualTo(1);

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.SUCCEEDED);
    assertThat(h.intent("A1").attempts()).isEqualTo(2);
    assertThat(h.completeCalls("A1"))
        .extracting(ScriptedPayScoreGateway.Call::body)
        .containsExactly(intent.completion().order(), intent.completion().order());
    assertThat(h.wechat.applied(A1)).isEqualTo(1);
  }

  @Test
  void unknownWhoseQueryFailsTooBacksOff() {
    h.requested("A1", 300);
    h.wechat.scriptComplete(A1, answer(timeout()));
    h.wechat.scriptQuery(A1, answer(serverError()));

    h.dispatcher("d1").runOnce();

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.PENDING);
    assertThat(h.intent("A1").lastError()).contains("TIMEOUT").contains("query failed");
    assertThat(h.order("A1").lifecycle()).isEqualTo(LifecycleState.DOING_USER_CONFIRM);
  }

  @Test
  void unknownOnARevokedOrderFailsForGoodAndTheOrderFollowsWechat() {
    h.requested("A1", 300);
    h.wechat.moveTo(A1, LifecycleState.REVOKED);
    h.wechat.scriptComplete(A1, answer(timeout()));

    h.dispatcher("d1").runOnce();

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.FAILED);
    assertThat(h.intent("A1").lastError()).contains("ORDER_REVOKED");
    assertThat(h.order("A1").lifecycle()).isEqualTo(LifecycleState.REVOKED);
    assertThat(h.auditTypes("A1")).endsWith(STATE_OBSERVED, COMPLETION_FAILED);
  }

  @Test
  void unknownOnAnExpiredOrderFailsForGood() {
    h.requested("A1", 300);
    h.wechat.scriptQuery(
        A1,
        answer(
            new GatewayOutcome.Accepted<>(h.wechatView("A1", LifecycleState.EXPIRED, null), "q")));
    h.wechat.scriptComplete(A1, answer(timeout()));

    h.dispatcher("d1").runOnce();

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.FAILED);
  }

  @Test
  void stateErrorOnAnOrderWechatAlreadyCompletedIsSuccessAfterTheQuery() {
    CompletionIntent intent = h.requested("A1", 300);
    // An earlier attempt reached WeChat but its answer was lost (a crash before settling).
    h.wechat.complete(Fixtures.MCHID, A1, intent.completion().order());

    h.dispatcher("d1").runOnce();

    assertThat(h.completeCalls("A1").get(1).outcome()).isInstanceOf(GatewayOutcome.Rejected.class);
    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.SUCCEEDED);
    assertThat(h.wechat.applied(A1)).isEqualTo(1);
  }

  @Test
  void identicalRepeatAcceptedByWechatIsSuccessToo() {
    CompletionIntent intent = h.requested("A1", 300);
    h.wechat.acceptIdenticalRepeat(true);
    h.wechat.complete(Fixtures.MCHID, A1, intent.completion().order());

    h.dispatcher("d1").runOnce();

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.SUCCEEDED);
    assertThat(h.queries("A1")).isEmpty();
  }

  @Test
  void stateErrorOnAnOrderWechatStillShowsOpenFailsWithWechatsCode() {
    h.requested("A1", 300);
    h.wechat.scriptComplete(A1, answer(rejected(400, "INVALID_ORDER_STATE", RejectionKind.STATE, "订单状态不允许")));

    h.dispatcher("d1").runOnce();

    assertThat(h.queries("A1")).hasSize(1);
    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.FAILED);
    assertThat(h.intent("A1").lastError()).isEqualTo("INVALID_ORDER_STATE 订单状态不允许");
  }

  @Test
  void reentryMismatchNeedsAttentionAndIsNeverRetried() {
    h.requested("A1", 300);
    h.wechat.scriptComplete(A1, answer(rejected(400, "INVALID_REQUEST", RejectionKind.REENTRY_MISMATCH, "订单重入参数校验失败")));

    h.dispatcher("d1").runOnce();
    h.advance(Duration.ofHours(1));
    assertThat(h.dispatcher("d1").runOnce()).isZero();

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.NEEDS_ATTENTION);
    assertThat(h.completeCalls("A1")).hasSize(1);
    assertThat(h.queries("A1")).isEmpty();
  }

  @Test
  void otherRejectionFailsWithWechatsCodeAndMessageWithoutAQuery() {
    h.requested("A1", 300);
    h.wechat.scriptComplete(
        A1, answer(rejected(400, "PARAM_ERROR", RejectionKind.PARAMETER, "最终总金额计算非法")));

    h.dispatcher("d1").runOnce();

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.FAILED);
    assertThat(h.intent("A1").lastError()).isEqualTo("PARAM_ERROR 最终总金额计算非法");
    assertThat(h.queries("A1")).isEmpty();
    assertThat(last().entry().wechatCode()).isEqualTo("PARAM_ERROR");
    assertThat(h.order("A1").lifecycle()).isEqualTo(LifecycleState.DOING_USER_CONFIRM);
  }

  @Test
  void aRefusedSignatureNeedsAttentionRatherThanFailingTheOrderForGood() {
    h.requested("A1", 300);
    h.wechat.scriptComplete(A1, answer(rejected(401, "SIGN_ERROR", RejectionKind.AUTH_CONFIG, "签名错误")));

    h.dispatcher("d1").runOnce();

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.NEEDS_ATTENTION);
    assertThat(h.queries("A1")).isEmpty();
  }

  @Test
  void deductionInProgressWaitsAtLeastThreeMinutes() {
    h.requested("A1", 300);
    h.wechat.scriptComplete(A1, answer(rejected(400, "INVALID_REQUEST", RejectionKind.BUSY, "单据正在扣款中，请稍后再试")));

    h.dispatcher("d1").runOnce();

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.PENDING);
    assertThat(Duration.between(h.clock.instant(), h.intent("A1").nextAttemptAt()))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void throttledBacksOffWithoutAQuery() {
    h.requested("A1", 300);
    h.wechat.scriptComplete(A1, answer(throttled()));

    h.dispatcher("d1").runOnce();

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.PENDING);
    assertThat(h.intent("A1").lastOutcome()).isEqualTo("THROTTLED FREQUENCY_LIMITED");
    assertThat(h.queries("A1")).isEmpty();
  }

  @Test
  void unverifiableResponseIsNeverTakenAsFailure() {
    h.requested("A1", 300);
    h.wechat.scriptComplete(
        A1, applyThen(Step.unknown(GatewayOutcome.UnknownCause.UNVERIFIABLE_RESPONSE, 200)));

    h.dispatcher("d1").runOnce();

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.SUCCEEDED);
  }

  @Test
  void orderUnknownToWechatNeedsAttention() {
    CompletionIntent intent = h.requested("A1", 300);
    h.wechat.scriptComplete(A1, answer(timeout()));
    h.wechat.scriptQuery(A1, answer(rejected(404, "ORDER_NOT_EXIST", RejectionKind.NOT_FOUND, "订单不存在")));

    h.dispatcher("d1").runOnce();

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.NEEDS_ATTENTION);
    assertThat(intent.status()).isEqualTo(IntentStatus.PENDING);
  }

  private AuditEvent last() {
    var events = h.audit("A1");
    return events.get(events.size() - 1);
  }

  @Test
  void aMissingPermissionNeedsAttentionRatherThanFailing() {
    h.requested("A1", 300);
    h.wechat.scriptComplete(
        A1, answer(rejected(403, "NO_AUTH", RejectionKind.AUTH_CONFIG, "商户暂无权限使用此服务")));

    h.dispatcher("d1").runOnce();

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.NEEDS_ATTENTION);
    assertThat(last().entry().type()).isEqualTo(AuditEventType.COMPLETION_NEEDS_ATTENTION);
  }
}
