package dev.payscore;

import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.answer;
import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.applyThen;
import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.serverError;
import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.throttled;
import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.timeout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.ClaimBatch;
import dev.payscore.domain.port.out.PayScoreGateway;
import dev.payscore.domain.port.out.Repositories;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.engine.internal.Checkpoints;
import dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The dispatcher with its own threads: wake-ups, shutdown, two instances on one store. */
@Timeout(60)
final class DispatcherThreadsTest {
  private final EngineHarness h = new EngineHarness(Clock.systemUTC());

  @Test
  void aWakeUpSendsANewIntentWithoutWaitingForThePoll() throws Exception {
    // Neither the poll nor the heartbeat (a third of the lease) may find the intent first.
    h.options = h.options.withPollInterval(Duration.ofMinutes(10)).withLease(Duration.ofMinutes(30));
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch idle = new CountDownLatch(1);
    Transactions observed =
        new Transactions() {
          final AtomicInteger claims = new AtomicInteger();

          @Override
          public <T> T inTransaction(Function<Repositories, T> work) {
            T result = h.transactions.inTransaction(work);
            if (result instanceof ClaimBatch claimed) {
              events.add("claimed " + claimed.leased().size());
              if (claims.incrementAndGet() == 1) {
                idle.countDown();
              }
            }
            return result;
          }
        };
    PayScoreGateway recording = recording(events);
    try (CompletionDispatcher dispatcher =
        CompletionDispatcher.builder(observed, recording)
            .merchants(Set.of(Fixtures.MCHID))
            .clock(h.clock)
            .random(new Random(1))
            .options(h.options)
            .owner("d1")
            .build()) {
      dispatcher.start();
      assertThat(idle.await(10, TimeUnit.SECONDS)).isTrue();
      h.requested("A1", 300);
      events.add("recorded");
      dispatcher.wakeUp();

      Await.until("A1 settled", Duration.ofSeconds(10), () -> h.intent("A1").status().isSettled());
    }

    assertThat(events).containsSubsequence("claimed 0", "recorded", "claimed 1", "complete A1");
    assertThat(events.indexOf("complete A1")).isGreaterThan(events.indexOf("recorded"));
    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.SUCCEEDED);
  }

  @Test
  void closeLetsCallsInFlightFinishAndLeavesNothingLeased() throws Exception {
    h.options = h.options.withConcurrency(2).withBatchSize(2);
    for (int i = 0; i < 4; i++) {
      h.requested("C" + i, 100);
    }
    CountDownLatch entered = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    PayScoreGateway blocking =
        new ForwardingGateway(h.wechat) {
          @Override
          public GatewayOutcome<ObservedOrder> complete(
              MerchantId mchid, OutOrderNo no, byte[] body) {
            entered.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return super.complete(mchid, no, body);
          }
        };
    CompletionDispatcher dispatcher =
        CompletionDispatcher.builder(h.transactions, blocking)
            .merchants(Set.of(Fixtures.MCHID))
            .clock(h.clock)
            .random(new Random(1))
            .options(h.options)
            .owner("d1")
            .build();
    dispatcher.start();
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    Thread closing = new Thread(dispatcher::close);
    closing.start();
    // close() waits (join, then awaitTermination) only after it stopped claiming: release then,
    // or the freed slots would let the loop claim the other two.
    Await.until(
        "close() waiting for the calls in flight",
        Duration.ofSeconds(10),
        () -> closing.getState() == Thread.State.TIMED_WAITING);
    release.countDown();
    closing.join(TimeUnit.SECONDS.toMillis(30));

    assertThat(closing.isAlive()).isFalse();
    Map<IntentStatus, Long> counts =
        h.transactions.committed().intents().countByStatus(Fixtures.MCHID);
    assertThat(counts)
        .containsEntry(IntentStatus.SUCCEEDED, 2L)
        .containsEntry(IntentStatus.PENDING, 2L);
    assertThat(counts).doesNotContainKey(IntentStatus.IN_FLIGHT);
  }

  @Test
  void manyCallsAreInFlightAtOnceSoTheRoundTripDoesNotCapThroughput() throws Exception {
    int calls = 32;
    for (int i = 0; i < calls; i++) {
      h.requested("M" + i, 100);
    }
    // Every call waits until all of them have started: only 32 calls in flight together finish.
    CountDownLatch allInFlight = new CountDownLatch(calls);
    PayScoreGateway slow =
        new ForwardingGateway(h.wechat) {
          @Override
          public GatewayOutcome<ObservedOrder> complete(
              MerchantId mchid, OutOrderNo no, byte[] body) {
            allInFlight.countDown();
            try {
              if (!allInFlight.await(20, TimeUnit.SECONDS)) {
                return Step.timeout();
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return super.complete(mchid, no, body);
          }
        };
    try (CompletionDispatcher dispatcher =
        CompletionDispatcher.builder(h.transactions, slow)
            .merchants(Set.of(Fixtures.MCHID))
            .clock(h.clock)
            .random(new Random(1))
            .options(DispatcherOptions.defaults())
            .owner("wide")
            .build()) {
      dispatcher.start();
      Await.until("all settled", Duration.ofSeconds(30), () -> settled() == calls);
    }

    assertThat(h.transactions.committed().intents().countByStatus(Fixtures.MCHID))
        .containsExactly(Map.entry(IntentStatus.SUCCEEDED, (long) calls));
    assertThat(h.wechat.calls()).filteredOn(c -> c.operation().equals("query")).isEmpty();
  }

  @Test
  void twoDispatchersDrainIntentsWithFaultsExactlyOnce() {
    h.options =
        h.options
            .withConcurrency(8)
            .withBatchSize(8)
            .withPollInterval(Duration.ofMillis(20))
            .withRetry(
                new RetryPolicy(
                    Duration.ofMillis(1), Duration.ofMillis(10), 50, Duration.ofHours(1)))
            .withRateLimit(new RateLimit(1_000_000, 1_000, 1));
    int n = 300;
    Random faults = new Random(3);
    for (int i = 0; i < n; i++) {
      h.requested("K" + i, 100 + i);
      h.wechat.scriptComplete(OutOrderNo.of("K" + i), fault(faults), fault(faults));
    }
    CompletionDispatcher one = h.dispatcher("one");
    CompletionDispatcher two =
        CompletionDispatcher.builder(h.transactions, h.wechat)
            .merchants(Set.of(Fixtures.MCHID))
            .clock(h.clock)
            .random(new Random(9))
            .options(h.options)
            .owner("two")
            .build();
    try (one;
        two) {
      one.start();
      two.start();
      Await.until("all settled", Duration.ofSeconds(45), () -> settled() == n);
    }

    for (int i = 0; i < n; i++) {
      OutOrderNo no = OutOrderNo.of("K" + i);
      CompletionIntent intent = h.intent(no.value());
      assertThat(intent.status())
          .as("%s: %s", no, intent.lastError())
          .isEqualTo(IntentStatus.SUCCEEDED);
      assertThat(h.wechat.applied(no)).as("applied %s", no).isEqualTo(1);
      assertThat(h.wechat.appliedPayload(no)).contains(intent.completion());
      assertThat(h.order(no.value()).lifecycle())
          .isEqualTo(h.wechat.view(no).orElseThrow().lifecycle());
      assertThat(h.auditTypes(no.value())).containsOnlyOnce(AuditEventType.COMPLETION_SUCCEEDED);
    }
  }

  private long settled() {
    return h.transactions.committed().intents().countByStatus(Fixtures.MCHID).entrySet().stream()
        .filter(e -> e.getKey().isSettled())
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private static Step fault(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> applyThen(timeout());
      case 1 -> answer(serverError());
      case 2 -> answer(throttled());
      case 3 -> applyThen(Step.unknown(GatewayOutcome.UnknownCause.CONNECTION_DROPPED, 0));
      case 4 -> applyThen(serverError());
      default -> Step.behave();
    };
  }

  @Test
  void aCallersExecutorRunsTheCallsAndOutlivesTheDispatcher() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    java.util.concurrent.ExecutorService callers =
        java.util.concurrent.Executors.newFixedThreadPool(
            2, r -> new Thread(r, "callers-" + events.size()));
    PayScoreGateway threads =
        new ForwardingGateway(h.wechat) {
          @Override
          public GatewayOutcome<ObservedOrder> complete(
              MerchantId mchid, OutOrderNo no, byte[] body) {
            events.add("complete " + no + " on " + Thread.currentThread().getName());
            return super.complete(mchid, no, body);
          }
        };
    try {
      try (CompletionDispatcher dispatcher =
          CompletionDispatcher.builder(h.transactions, threads)
              .merchants(Set.of(Fixtures.MCHID))
              .clock(h.clock)
              .options(h.options)
              .owner("d1")
              .executor(callers)
              .build()) {
        h.requested("E1", 300);
        h.requested("E2", 300);
        dispatcher.start();
        Await.until(
            "E1 and E2 settled",
            Duration.ofSeconds(10),
            () -> h.intent("E1").status().isSettled() && h.intent("E2").status().isSettled());
      }

      assertThat(events).hasSize(2).allMatch(e -> e.contains(" on callers-"));
      assertThat(callers.isShutdown()).isFalse();
      assertThat(callers.submit(() -> "still usable").get(5, TimeUnit.SECONDS))
          .isEqualTo("still usable");
    } finally {
      callers.shutdownNow();
    }
  }

  private PayScoreGateway recording(List<String> events) {
    return new ForwardingGateway(h.wechat) {
      @Override
      public GatewayOutcome<ObservedOrder> complete(
          MerchantId mchid, OutOrderNo no, byte[] body) {
        events.add("complete " + no);
        return super.complete(mchid, no, body);
      }
    };
  }
}
