package dev.payscore;

import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.answer;
import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.throttled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.testing.fakes.ScriptedPayScoreGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The send rate is taken before claiming: a dispatcher claims no more intents of a merchant than
 * it may send now, so nothing is claimed only to be given back; and WeChat's 429 paces the sends
 * without using up attempts.
 */
final class RateLimitTest {
  private final EngineHarness h = new EngineHarness();

  @Test
  void aClaimTakesAtMostTheMerchantsPermitsAndLeavesTheOthersUntouched() {
    h.options = h.options.withRateLimit(new RateLimit(2, 1, 0));
    List<CompletionIntent> recorded = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      recorded.add(h.requested("R" + i, 100));
    }

    assertThat(h.dispatcher("d1").runOnce()).isEqualTo(2);

    assertThat(h.wechat.calls()).filteredOn(c -> c.operation().equals("complete")).hasSize(2);
    List<CompletionIntent> untouched =
        recorded.stream()
            .map(i -> h.intent(i.outOrderNo().value()))
            .filter(i -> i.status() == IntentStatus.PENDING)
            .toList();
    assertThat(untouched).hasSize(3);
    for (CompletionIntent intent : untouched) {
      String no = intent.outOrderNo().value();
      assertThat(intent.version()).as(no + " never claimed, never released").isEqualTo(1);
      assertThat(intent.attempts()).as(no).isZero();
      assertThat(h.auditTypes(no)).as(no).containsExactly(AuditEventType.COMPLETION_REQUESTED);
    }
  }

  @Test
  void aLongThrottleNeverEndsInNeedsAttentionByAttempts() {
    h.options =
        h.options.withRetry(
            new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), 3, Duration.ofDays(1)));
    h.requested("A1", 300);
    ScriptedPayScoreGateway.Step[] tenThrottles = new ScriptedPayScoreGateway.Step[10];
    Arrays.fill(tenThrottles, answer(throttled()));
    h.wechat.scriptAnyComplete(tenThrottles);
    CompletionDispatcher dispatcher = h.dispatcher("d1");

    for (int i = 0; i < 10; i++) {
      dispatcher.runOnce();
      h.advance(Duration.ofSeconds(10));
    }

    assertThat(h.completeCalls("A1")).hasSize(10);
    CompletionIntent intent = h.intent("A1");
    assertThat(intent.status()).isEqualTo(IntentStatus.PENDING);
    assertThat(intent.attempts()).isZero();
    assertThat(h.auditTypes("A1")).doesNotContain(AuditEventType.COMPLETION_NEEDS_ATTENTION);
  }
}
