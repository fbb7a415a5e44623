package dev.payscore;

import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.answer;
import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.applyThen;
import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.AuditHistory;
import dev.payscore.domain.port.out.AuditLog;
import dev.payscore.domain.port.out.CompletionIntents;
import dev.payscore.domain.port.out.NotificationInbox;
import dev.payscore.domain.port.out.Repositories;
import dev.payscore.domain.port.out.ServiceOrders;
import dev.payscore.domain.port.out.StaleWriteException;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.engine.internal.Checkpoints.Stage;
import dev.payscore.engine.internal.Checkpoints;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The recovery points: a dispatcher stopped after claiming, after sending, after deciding (before
 * settling); another one takes over once the lease expired and finishes exactly once.
 */
final class RecoveryTest {
  private static final OutOrderNo A1 = OutOrderNo.of("A1");

  private final EngineHarness h = new EngineHarness();

  /** A dispatcher dying at a point: nothing after it runs. */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(Stage stage) {
      super("crash at " + stage, null, false, false);
    }
  }

  private static Checkpoints crashAt(Stage stage) {
    return (reached, intent) -> {
      if (reached == stage) {
        throw new SimulatedCrash(stage);
      }
    };
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void anotherDispatcherFinishesExactlyOnceAfterACrashAt(Stage stage) {
    h.requested("A1", 300);
    CompletionDispatcher first = h.dispatcher("first", crashAt(stage));
    assertThatThrownBy(first::runOnce).isInstanceOf(SimulatedCrash.class);
    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.IN_FLIGHT);
    assertThat(h.intent("A1").leaseOwner()).isEqualTo("first");
    CompletionDispatcher second = h.dispatcher("second");

    assertThat(second.runOnce()).as("lease still held").isZero();
    h.advance(h.options.lease());
    assertThat(second.runOnce()).isEqualTo(1);

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.SUCCEEDED);
    assertThat(h.wechat.applied(A1)).isEqualTo(1);
    assertThat(h.order("A1").lifecycle()).isEqualTo(LifecycleState.DOING_MCH_COMPLETE);
    assertThat(h.auditTypes("A1")).containsOnlyOnce(AuditEventType.COMPLETION_SUCCEEDED);
    int sends = stage == Stage.CLAIMED ? 1 : 2;
    assertThat(h.completeCalls("A1")).hasSize(sends);
    // Every call sent is counted and in the history, also the one whose dispatcher died.
    assertThat(h.intent("A1").attempts()).isEqualTo(2);
    assertThat(
            h.audit("A1").stream()
                .filter(e -> e.entry().type() == AuditEventType.COMPLETION_ATTEMPTED)
                .map(e -> e.entry().actor() + " " + e.entry().detail()))
        .hasSize(2)
        .anySatisfy(
            attempt ->
                assertThat(attempt)
                    .startsWith("dispatcher:second attempt 1: no outcome recorded; the lease of first"));
    if (stage != Stage.CLAIMED) {
      assertThat(
              h.audit("A1").stream()
                  .filter(e -> e.entry().type() == AuditEventType.COMPLETION_SUCCEEDED)
                  .map(e -> e.entry().detail()))
          .singleElement()
          .asString()
          .startsWith("applied by an earlier attempt (1..1)");
    }
  }

  @Test
  void aDispatcherWhoseLeaseWasTakenOverRecordsItsAttemptButNeverSettles() {
    h.requested("A1", 300);
    h.wechat.scriptComplete(A1, applyThen(timeout()));
    CompletionDispatcher second = h.dispatcher("second");
    AtomicBoolean once = new AtomicBoolean();
    CompletionDispatcher first =
        h.dispatcher(
            "first",
            (stage, intent) -> {
              if (stage == Stage.DECIDED && once.compareAndSet(false, true)) {
                // "first" stalls past its lease; "second" takes over and settles.
                h.advance(h.options.lease());
                assertThat(second.runOnce()).isEqualTo(1);
              }
            });

    first.runOnce();

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.SUCCEEDED);
    assertThat(h.wechat.applied(A1)).isEqualTo(1);
    assertThat(h.auditTypes("A1")).containsOnlyOnce(AuditEventType.COMPLETION_SUCCEEDED);
    assertThat(
            h.audit("A1").stream()
                .filter(e -> e.entry().type() == AuditEventType.COMPLETION_ATTEMPTED)
                .map(e -> e.entry().actor()))
        .as("first's late attempt, second's note of it when taking over, second's own")
        .containsExactlyInAnyOrder("dispatcher:first", "dispatcher:second", "dispatcher:second");
  }

  @Test
  void aStaleWriteWhileSettlingIsDecidedAgainFromFreshRowsAndNeverOverwrites() {
    h.requested("A1", 300);
    ObservedOrder paid = h.wechatView("A1", LifecycleState.DONE, 300L);
    Transactions racing = new RacingTransactions(h, paid);
    CompletionDispatcher dispatcher =
        CompletionDispatcher.builder(racing, h.wechat)
            .merchants(Set.of(Fixtures.MCHID))
            .clock(h.clock)
            .random(new Random(1))
            .options(h.options)
            .owner("d1")
            .build();

    dispatcher.runOnce();

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.SUCCEEDED);
    // The payment that won the race stays: the complete response (MCH_COMPLETE) is older news.
    assertThat(h.order("A1").lifecycle()).isEqualTo(LifecycleState.DONE);
    assertThat(h.auditTypes("A1"))
        .containsSubsequence(
            AuditEventType.COMPLETION_ATTEMPTED,
            AuditEventType.STALE_EVENT_IGNORED,
            AuditEventType.COMPLETION_SUCCEEDED);
  }

  @Test
  void aStoppingDispatcherGivesBackWhatItClaimedForOthersToTakeAtOnce() {
    h.requested("A1", 300);
    h.requested("A2", 300);
    CompletionDispatcher stopping = h.dispatcher("stopping");
    stopping.close();

    assertThat(stopping.runOnce()).isEqualTo(2);

    assertThat(h.wechat.calls()).isEmpty();
    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.PENDING);
    assertThat(h.intent("A1").leaseOwner()).isNull();
    assertThat(h.dispatcher("other").runOnce()).isEqualTo(2);
    assertThat(h.intent("A2").status()).isEqualTo(IntentStatus.SUCCEEDED);
  }

  @Test
  void storageTroubleWhileSettlingLeavesTheIntentToItsLease() {
    h.requested("A1", 300);
    h.wechat.scriptComplete(A1, answer(timeout()));
    AtomicBoolean broken = new AtomicBoolean(true);
    Transactions failingOnce =
        new Transactions() {
          int calls;

          @Override
          public <T> T inTransaction(Function<Repositories, T> work) {
            calls++;
            if (calls == 2 && broken.getAndSet(false)) { // the settlement, after the claim
              throw new dev.payscore.StorageException(
                  "connection reset", new RuntimeException());
            }
            return h.transactions.inTransaction(work);
          }
        };
    CompletionDispatcher.builder(failingOnce, h.wechat)
            .merchants(Set.of(Fixtures.MCHID))
            .clock(h.clock)
            .random(new Random(1))
            .options(h.options)
            .owner("d1")
            .build()
        .runOnce();
    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.IN_FLIGHT);

    h.advance(h.options.lease());
    h.dispatcher("d2").runOnce();

    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.SUCCEEDED);
    assertThat(h.wechat.applied(A1)).isEqualTo(1);
  }

  @Test
  void aBrokenConnectionWhileSettlingIsTriedAgainAndTheAnswerKept() {
    h.requested("A1", 300);
    AtomicBoolean broken = new AtomicBoolean(true);
    Transactions brokenOnce =
        new Transactions() {
          int calls;

          @Override
          public <T> T inTransaction(Function<Repositories, T> work) {
            calls++;
            if (calls == 2 && broken.getAndSet(false)) { // the settlement, after the claim
              throw new dev.payscore.StorageException(
                  "settling failed",
                  new java.sql.SQLException("terminating connection", "57P01"));
            }
            return h.transactions.inTransaction(work);
          }
        };
    CompletionDispatcher.builder(brokenOnce, h.wechat)
        .merchants(Set.of(Fixtures.MCHID))
        .clock(h.clock)
        .random(new Random(1))
        .options(h.options)
        .owner("d1")
        .build()
        .runOnce();

    assertThat(broken).isFalse();
    assertThat(h.intent("A1").status()).isEqualTo(IntentStatus.SUCCEEDED);
    assertThat(h.completeCalls("A1")).as("sent once: the verified answer was kept").hasSize(1);
    assertThat(h.auditTypes("A1")).containsOnlyOnce(AuditEventType.COMPLETION_ATTEMPTED);
  }

  /**
   * Transactions whose first order update loses a race: a USER_PAID callback commits the order as
   * DONE just before, so the update is stale and the transaction rolls back.
   */
  private static final class RacingTransactions implements Transactions {
    private final EngineHarness h;
    private final ObservedOrder paid;
    private final AtomicBoolean raced = new AtomicBoolean();

    RacingTransactions(EngineHarness h, ObservedOrder paid) {
      this.h = h;
      this.paid = paid;
    }

    @Override
    public <T> T inTransaction(Function<Repositories, T> work) {
      return h.transactions.inTransaction(repos -> work.apply(new Racing(repos)));
    }

    private final class Racing implements Repositories, ServiceOrders {
      private final Repositories inner;

      Racing(Repositories inner) {
        this.inner = inner;
      }

      @Override
      public ServiceOrders orders() {
        return this;
      }

      @Override
      public CompletionIntents intents() {
        return inner.intents();
      }

      @Override
      public AuditLog audit() {
        return inner.audit();
      }

      @Override
      public AuditHistory history() {
        return inner.history();
      }

      @Override
      public NotificationInbox inbox() {
        return inner.inbox();
      }

      @Override
      public Optional<ServiceOrder> find(
          dev.payscore.MerchantId mchid, OutOrderNo outOrderNo) {
        return inner.orders().find(mchid, outOrderNo);
      }

      @Override
      public Optional<ServiceOrder> lock(
          dev.payscore.MerchantId mchid, OutOrderNo outOrderNo) {
        return inner.orders().lock(mchid, outOrderNo);
      }

      @Override
      public ServiceOrder insert(ServiceOrder order) {
        return inner.orders().insert(order);
      }

      @Override
      public ServiceOrder update(ServiceOrder order) {
        if (raced.compareAndSet(false, true)) {
          ServiceOrder current = h.order("A1");
          h.transactions.committed().orders().update(current.refreshedFrom(paid));
          throw new StaleWriteException("service order A1", order.version());
        }
        return inner.orders().update(order);
      }

      @Override
      public java.util.List<dev.payscore.domain.port.out.SweepCandidate> claimForSweep(
          dev.payscore.domain.model.LifecycleState state,
          java.util.Set<dev.payscore.MerchantId> merchants,
          java.time.Duration unchangedFor,
          int limit) {
        return inner.orders().claimForSweep(state, merchants, unchangedFor, limit);
      }

      @Override
      public boolean recordSweep(
          ServiceOrder order,
          java.time.Duration nextCheckIn,
          int checks,
          @org.jspecify.annotations.Nullable String lastFinding) {
        return inner.orders().recordSweep(order, nextCheckIn, checks, lastFinding);
      }
    }
  }
}
