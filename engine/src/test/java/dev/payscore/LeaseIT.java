package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.domain.completion.CompletionPayload;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.PayScoreGateway;
import dev.payscore.domain.port.out.RejectionKind;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.persistence.JooqTransactions;
import dev.payscore.testing.ServiceOrderFixtures;
import dev.payscore.testing.database.TestDatabase;
import dev.payscore.testing.fakes.ScriptedPayScoreGateway;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Leases on real PostgreSQL: due times and lease expiry are the database's time, so dispatchers
 * whose clocks are ten minutes off neither ignore fresh intents nor take over live leases; a lease
 * is renewed while its call is in flight; and a dispatcher whose claim was taken over cannot
 * settle, even when the one that took it over has the same name.
 */
@ExtendWith(TestDatabase.class)
class LeaseIT {
  private static final MerchantId MCHID = Fixtures.MCHID;
  private static final Duration SKEW = Duration.ofMinutes(10);
  private static final AtomicInteger ORDERS = new AtomicInteger();

  private final Transactions transactions = new JooqTransactions(TestDatabase.dataSource());
  private final ScriptedPayScoreGateway wechat = new ScriptedPayScoreGateway();
  private final ExecutorService background = Executors.newCachedThreadPool();
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void emptyTables() {
    TestDatabase.truncateAll();
  }

  @AfterEach
  void stopBackground() {
    release.countDown();
    background.shutdownNow();
  }

  @Test
  void aDispatcherTenMinutesBehindSendsAnIntentRecordedTenMinutesAhead() {
    OutOrderNo no = recorded(Clock.offset(Clock.systemUTC(), SKEW));

    int claimed = dispatcher(wechat, behind(), Duration.ofSeconds(30), "behind").runOnce();

    assertThat(claimed).isEqualTo(1);
    assertThat(intent(no).status()).isEqualTo(IntentStatus.SUCCEEDED);
  }

  @Test
  void aDispatcherTenMinutesAheadNeverTakesOverTheLiveLeaseOfOneTenMinutesBehind()
      throws Exception {
    OutOrderNo no = recorded(Clock.systemUTC());
    CompletionDispatcher slow =
        dispatcher(holdingFirstCall(), behind(), Duration.ofSeconds(60), "behind");
    Future<Integer> inFlight = background.submit(slow::runOnce);
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    int takenOver = dispatcher(wechat, ahead(), Duration.ofSeconds(60), "ahead").runOnce();
    release.countDown();

    assertThat(takenOver).isZero();
    assertThat(inFlight.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(intent(no).status()).isEqualTo(IntentStatus.SUCCEEDED);
    assertThat(wechat.applied(no)).isEqualTo(1);
  }

  @Test
  void aHeartbeatKeepsTheLeaseOfACallThatLastsLongerThanTheLease() throws Exception {
    OutOrderNo no = recorded(Clock.systemUTC());
    Duration lease = Duration.ofSeconds(1);
    CompletionDispatcher slow = dispatcher(holdingFirstCall(), Clock.systemUTC(), lease, "slow");
    CompletionDispatcher other = dispatcher(wechat, Clock.systemUTC(), lease, "other");
    Future<Integer> inFlight = background.submit(slow::runOnce);
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    int takenOver = 0;
    for (int i = 0; i < 10; i++) { // three leases long
      Thread.sleep(300);
      takenOver += other.runOnce();
    }
    release.countDown();

    assertThat(takenOver).isZero();
    assertThat(inFlight.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    CompletionIntent settled = intent(no);
    assertThat(settled.status()).isEqualTo(IntentStatus.SUCCEEDED);
    assertThat(settled.attempts()).isEqualTo(1);
    assertThat(wechat.calls()).filteredOn(c -> c.operation().equals("complete")).hasSize(1);
  }

  @Test
  void aDispatcherWhoseClaimWasTakenOverCannotSettleEvenUnderTheSameName() throws Exception {
    OutOrderNo no = recorded(Clock.systemUTC());
    CountDownLatch secondEntered = new CountDownLatch(1);
    CountDownLatch secondRelease = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    PayScoreGateway gateway =
        new ForwardingGateway(wechat) {
          @Override
          public GatewayOutcome<ObservedOrder> complete(
              MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
            if (calls.incrementAndGet() == 1) {
              entered.countDown();
              await(release);
              // The first call's answer comes back after its claim was lost: a refusal that
              // would fail the intent for good if it were settled.
              return ScriptedPayScoreGateway.Step.rejected(
                  400, "PARAM_ERROR", RejectionKind.PARAMETER, "参数错误");
            }
            secondEntered.countDown();
            await(secondRelease);
            return super.complete(mchid, outOrderNo, body);
          }
        };
    Duration lease = Duration.ofSeconds(30);
    CompletionDispatcher first = dispatcher(gateway, Clock.systemUTC(), lease, "node-1");
    CompletionDispatcher restarted = dispatcher(gateway, Clock.systemUTC(), lease, "node-1");
    Future<Integer> firstRun = background.submit(first::runOnce);
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    expireLease(no); // the first one stalled (a long pause) past its lease
    Future<Integer> secondRun = background.submit(restarted::runOnce);
    assertThat(secondEntered.await(10, TimeUnit.SECONDS)).isTrue();

    release.countDown();
    assertThat(firstRun.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    CompletionIntent afterFirst = intent(no);
    assertThat(afterFirst.status()).isEqualTo(IntentStatus.IN_FLIGHT);
    assertThat(afterFirst.attempts()).as("each claim counted its attempt").isEqualTo(2);

    secondRelease.countDown();
    assertThat(secondRun.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    CompletionIntent settled = intent(no);
    assertThat(settled.status()).isEqualTo(IntentStatus.SUCCEEDED);
    assertThat(settled.attempts()).isEqualTo(2);
    assertThat(auditTypes(no))
        .filteredOn(t -> t == AuditEventType.COMPLETION_ATTEMPTED)
        .hasSize(3); // both calls left their trace, the first also as the takeover's note
    assertThat(auditTypes(no)).doesNotContain(AuditEventType.COMPLETION_FAILED);
  }

  private static Clock behind() {
    return Clock.offset(Clock.systemUTC(), SKEW.negated());
  }

  private static Clock ahead() {
    return Clock.offset(Clock.systemUTC(), SKEW);
  }

  /** Holds the first complete call until {@link #release}, then answers as WeChat would. */
  private PayScoreGateway holdingFirstCall() {
    AtomicInteger calls = new AtomicInteger();
    return new ForwardingGateway(wechat) {
      @Override
      public GatewayOutcome<ObservedOrder> complete(
          MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
        if (calls.incrementAndGet() == 1) {
          entered.countDown();
          await(release);
        }
        return super.complete(mchid, outOrderNo, body);
      }
    };
  }

  private CompletionDispatcher dispatcher(
      PayScoreGateway gateway, Clock clock, Duration lease, String owner) {
    return CompletionDispatcher.builder(transactions, gateway)
        .merchants(Set.of(MCHID))
        .clock(clock)
        .random(new Random(1))
        .options(DispatcherOptions.defaults().withLease(lease))
        .owner(owner)
        .build();
  }

  /** A confirmed order and its completion, recorded by a host whose clock is {@code clock}. */
  private OutOrderNo recorded(Clock clock) {
    OutOrderNo no = OutOrderNo.of("LEASE-" + ORDERS.incrementAndGet());
    ServiceOrder order = Fixtures.confirmedOrder(no.value());
    wechat.register(order);
    CompleteOrder completion = ServiceOrderFixtures.aCompletion().build();
    transactions.inTransaction(
        repos -> {
          repos.orders().insert(order);
          return repos
              .intents()
              .record(
                  CompletionIntent.pending(
                      MCHID, no, CompletionPayload.of(completion), "test", clock.instant()));
        });
    return no;
  }

  private CompletionIntent intent(OutOrderNo no) {
    return transactions.inTransaction(
        repos -> repos.intents().find(MCHID, no, IntentKind.COMPLETE).orElseThrow());
  }

  private List<AuditEventType> auditTypes(OutOrderNo no) {
    return transactions.inTransaction(
        repos ->
            repos.history().ofOrder(MCHID, no).stream().map(e -> e.entry().type()).toList());
  }

  private static void expireLease(OutOrderNo no) throws SQLException {
    try (Connection c = TestDatabase.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE payscore.completion_intent SET lease_expires_at = now() - interval '1 s'"
                    + " WHERE mchid = ? AND out_order_no = ?")) {
      s.setString(1, MCHID.value());
      s.setString(2, no.value());
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
