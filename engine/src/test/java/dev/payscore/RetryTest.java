package dev.payscore;

import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.answer;
import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.serverError;
import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.throttled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Back-off timings, limits and idempotent replay of a failing completion. */
final class RetryTest {
  private static final OutOrderNo A1 = OutOrderNo.of("A1");

  private final EngineHarness h = new EngineHarness();

  @Test
  void ceilingDoublesFromOneSecondToFiveMinutes() {
    RetryPolicy policy = RetryPolicy.defaults();

    assertThat(List.of(1, 2, 3, 4, 9, 10, 25))
        .extracting(policy::ceiling)
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(256),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5));
  }

  @Test
  void fullJitterStaysWithinTheCeilingAndSpreads() {
    RetryPolicy policy = RetryPolicy.defaults();
    Random random = new Random(7);
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      delays.add(policy.delay(4, random));
    }

    assertThat(delays)
        .allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(8)));
    assertThat(delays.stream().distinct().count()).isGreaterThan(100);
  }

  @Test
  void policyRejectsNonsense() {
    assertThatThrownBy(
            () -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 3, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new RetryPolicy(
                    Duration.ofSeconds(2), Duration.ofSeconds(1), 3, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new RetryPolicy(
                    Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachRetryWaitsTheSeededFullJitterDelayOfItsAttempt() {
    h.requested("A1", 300);
    h.wechat.scriptComplete(A1, answer(serverError()), answer(serverError()), answer(throttled()));
    CompletionDispatcher dispatcher = h.dispatcher("d1");
    Random expected = new Random(EngineHarness.SEED);

    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThat(dispatcher.runOnce()).isEqualTo(1);
      Duration waited = Duration.between(h.clock.instant(), h.intent("A1").nextAttemptAt());
      assertThat(waited).isEqualTo(RetryPolicy.defaults().delay(attempt, expected));
      h.advance(waited);
    }
    assertThat(dispatcher.runOnce()).isEqualTo(1);

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.SUCCEEDED);
    assertThat(h.intent("A1").attempts()).as("the 429 uses up no attempt").isEqualTo(3);
    assertThat(h.wechat.applied(A1)).isEqualTo(1);
    assertThat(h.auditTypes("A1").stream().filter(t -> t == AuditEventType.COMPLETION_ATTEMPTED))
        .hasSize(4);
  }

  @Test
  void attemptLimitTurnsTheIntentOverToAPerson() {
    h.options =
        h.options.withRetry(
            new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), 3, Duration.ofDays(1)));
    h.requested("A1", 300);
    h.wechat.scriptComplete(
        A1, answer(serverError()), answer(serverError()), answer(serverError()));
    CompletionDispatcher dispatcher = h.dispatcher("d1");

    for (int i = 0; i < 5; i++) {
      dispatcher.runOnce();
      h.advance(Duration.ofSeconds(5));
    }

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.NEEDS_ATTENTION);
    assertThat(h.intent("A1").lastError()).startsWith("gave up after 3 attempts");
    assertThat(h.completeCalls("A1")).hasSize(3);
    assertThat(h.auditTypes("A1")).endsWith(AuditEventType.COMPLETION_NEEDS_ATTENTION);
  }

  @Test
  void ageLimitTurnsTheIntentOverToAPerson() {
    h.options =
        h.options.withRetry(
            new RetryPolicy(
                Duration.ofSeconds(1), Duration.ofSeconds(4), 100, Duration.ofMinutes(10)));
    h.requested("A1", 300);
    h.wechat.scriptComplete(A1, answer(serverError()));
    h.advance(Duration.ofMinutes(11));

    h.dispatcher("d1").runOnce();

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.NEEDS_ATTENTION);
    assertThat(h.intent("A1").lastError()).startsWith("gave up after age");
  }

  @Test
  void settledIntentIsNeverClaimedAgain() {
    h.requested("A1", 300);
    CompletionDispatcher dispatcher = h.dispatcher("d1");
    dispatcher.runOnce();

    h.advance(Duration.ofDays(2));

    assertThat(dispatcher.runOnce()).isZero();
    assertThat(h.completeCalls("A1")).hasSize(1);
  }
}
