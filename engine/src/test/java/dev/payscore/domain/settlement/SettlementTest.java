package dev.payscore.domain.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.AuditEventType;
import dev.payscore.CompletionIntent;
import dev.payscore.Fixtures;
import dev.payscore.IntentStatus;
import dev.payscore.OutOrderNo;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.completion.CompletionPayload;
import dev.payscore.domain.intent.IntentEvent;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.RejectionKind;
import dev.payscore.testing.ServiceOrderFixtures;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The settlement of one attempt as a plan: pure, from the intent, WeChat's answer and the order. */
final class SettlementTest {
  private static final Instant NOW = ServiceOrderFixtures.NOW;
  private static final Settlement.Rules RULES =
      new Settlement.Rules(3, Duration.ofDays(1), Duration.ofMinutes(3), n -> Duration.ofSeconds(n));

  private final ServiceOrder order = Fixtures.confirmedOrder("P1");
  private final CompletionIntent claimed =
      CompletionIntent.pending(
              Fixtures.MCHID,
              OutOrderNo.of("P1"),
              CompletionPayload.of(ServiceOrderFixtures.aCompletion().build()),
              "test",
              NOW)
          .after(IntentEvent.CLAIMED, 1, NOW, null, null, NOW); // the claim counts attempt 1

  @Test
  void aThrottledCallIsRecordedButUsesNoAttempt() {
    GatewayOutcome<ObservedOrder> throttled =
        new GatewayOutcome.Throttled<>("FREQUENCY_LIMITED", "频率超限", "r");

    SettlementPlan plan = plan(throttled, claimed);

    assertThat(plan.intent()).isNotNull();
    assertThat(plan.intent().status()).isEqualTo(IntentStatus.PENDING);
    assertThat(plan.intent().attempts()).isZero();
    assertThat(plan.dueIn()).isEqualTo(Duration.ofSeconds(1));
    assertThat(plan.audit())
        .extracting(AuditEntry::type)
        .containsExactly(
            AuditEventType.COMPLETION_ATTEMPTED, AuditEventType.COMPLETION_RETRY_SCHEDULED);
  }

  @Test
  void aConfigRefusalNeedsAttentionAndSaysWhy() {
    GatewayOutcome<ObservedOrder> noAuth =
        new GatewayOutcome.Rejected<>(403, "NO_AUTH", RejectionKind.AUTH_CONFIG, "无权限", null, "r");

    SettlementPlan plan = plan(noAuth, claimed);

    assertThat(plan.intent().status()).isEqualTo(IntentStatus.NEEDS_ATTENTION);
    assertThat(plan.intent().attempts()).isEqualTo(1);
    assertThat(plan.attention()).contains("credentials or configuration");
    assertThat(plan.audit())
        .extracting(AuditEntry::type)
        .endsWith(AuditEventType.COMPLETION_NEEDS_ATTENTION);
  }

  @Test
  void aLostClaimRecordsOnlyTheAttempt() {
    GatewayOutcome<ObservedOrder> refused =
        new GatewayOutcome.Rejected<>(
            400, "PARAM_ERROR", RejectionKind.PARAMETER, "参数错误", null, "r");

    SettlementPlan plan = plan(refused, null);

    assertThat(plan.lost()).isTrue();
    assertThat(plan.order()).isNull();
    assertThat(plan.audit())
        .extracting(AuditEntry::type)
        .containsExactly(AuditEventType.COMPLETION_ATTEMPTED);
  }

  @Test
  void aRetryPastTheAttemptLimitNeedsAttention() {
    GatewayOutcome<ObservedOrder> timeout =
        new GatewayOutcome.Unknown<>(GatewayOutcome.UnknownCause.TIMEOUT, "timeout", 0, null);
    CompletionIntent third =
        claimed
            .after(IntentEvent.RELEASED, 2, NOW, null, null, NOW)
            .after(IntentEvent.CLAIMED, 3, NOW, null, null, NOW);

    SettlementPlan plan =
        Settlement.plan(
            new Settlement.Attempt(third, timeout, null), third, order, RULES, "test", NOW);

    assertThat(plan.intent().status()).isEqualTo(IntentStatus.NEEDS_ATTENTION);
    assertThat(plan.intent().lastError()).startsWith("gave up after 3 attempts");
  }

  private SettlementPlan plan(GatewayOutcome<ObservedOrder> outcome, CompletionIntent current) {
    return Settlement.plan(
        new Settlement.Attempt(claimed, outcome, null), current, order, RULES, "test", NOW);
  }
}
