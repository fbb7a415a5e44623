package dev.payscore.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.CompletionIntent;
import dev.payscore.IntentKind;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.RequestCancelCommand;
import dev.payscore.RequestChangeResult;
import dev.payscore.RequestCompletionCommand;
import dev.payscore.RequestCompletionResult;
import dev.payscore.domain.completion.CompletionPayload;
import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.domain.intent.CancelPayload;
import dev.payscore.domain.intent.RecordResult;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.CancelOrder;
import dev.payscore.domain.usecase.RequestChangeHandler;
import dev.payscore.domain.usecase.RequestCompletionHandler;
import dev.payscore.testing.ServiceOrderFixtures;
import dev.payscore.testing.database.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two real transactions on real PostgreSQL request intents of different kinds for one order at
 * the same time: exactly one is recorded; the other gets a refusal naming it, and wrote nothing.
 */
@ExtendWith(TestDatabase.class)
class OneOpenIntentPerOrderIT {
  private static final AtomicInteger NUMBERS = new AtomicInteger();
  private static final Clock CLOCK = Clock.fixed(ServiceOrderFixtures.NOW, ZoneOffset.UTC);
  private static final ExecutorService THREADS = Executors.newFixedThreadPool(2);
  private static final MerchantId MCHID = MerchantId.of(ServiceOrderFixtures.MCHID);

  private OutOrderNo no;

  @BeforeEach
  void aDoingOrder() throws SQLException {
    TestDatabase.truncateAll();
    no = OutOrderNo.of("race-" + NUMBERS.incrementAndGet());
    ServiceOrder order =
        ServiceOrderFixtures.anOrder()
            .outOrderNo(no.value())
            .lifecycle(LifecycleState.DOING_USER_CONFIRM)
            .openid(ServiceOrderFixtures.OPENID)
            .build();
    try (Connection c = TestDatabase.dataSource().getConnection()) {
      JooqRepositories.of(c).orders().insert(order);
    }
  }

  @AfterAll
  static void stopThreads() {
    THREADS.shutdownNow();
  }

  @Test
  void aCompletionRequestedWhileACancelIsBeingRecordedWaitsForItAndIsRefusedNamingIt()
      throws Exception {
    try (Connection first = transaction();
        Connection second = transaction()) {
      RequestChangeResult cancel =
          new RequestChangeHandler(JooqRepositories.of(first), CLOCK)
              .cancel(new RequestCancelCommand(MCHID, no, "用户取消", "kiosk"));
      assertThat(cancel).isInstanceOf(RequestChangeResult.Requested.class);
      int secondPid = pid(second);

      Future<RequestCompletionResult> completion =
          THREADS.submit(
              () ->
                  new RequestCompletionHandler(
                          JooqRepositories.of(second), CLOCK, new CompletionValidator(CLOCK))
                      .request(
                          new RequestCompletionCommand(
                              MCHID, no, ServiceOrderFixtures.aValidCompletion(), "checkout")));
      awaitLockWait(secondPid);
      assertThat(completion).isNotDone();
      first.commit();
      RequestCompletionResult result = completion.get(10, TimeUnit.SECONDS);
      second.commit();

      CompletionIntent cancelIntent = ((RequestChangeResult.Requested) cancel).intent();
      assertThat(result)
          .isInstanceOfSatisfying(
              RequestCompletionResult.AnotherIntentOpen.class,
              refusal -> {
                assertThat(refusal.open().id()).isEqualTo(cancelIntent.id());
                assertThat(refusal.open().knownKind()).contains(IntentKind.CANCEL);
                assertThat(refusal.open().status()).isEqualTo("PENDING");
              });
    }
    assertThat(count("SELECT count(*) FROM payscore.completion_intent")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM payscore.audit_event")).isEqualTo(1);
  }

  @Test
  void withoutTheOrderLockTheDatabaseStillLetsOnlyOneOpenIntentIn() throws Exception {
    CompletionIntent complete =
        CompletionIntent.pending(
            MCHID,
            no,
            CompletionPayload.of(ServiceOrderFixtures.aValidCompletion()),
            "checkout",
            ServiceOrderFixtures.NOW);
    CompletionIntent cancel =
        CompletionIntent.pending(
            MCHID,
            no,
            IntentKind.CANCEL,
            CancelPayload.of(
                new CancelOrder(ServiceOrderFixtures.APPID, ServiceOrderFixtures.SERVICE_ID, "取消")),
            "kiosk",
            ServiceOrderFixtures.NOW);
    try (Connection first = transaction();
        Connection second = transaction()) {
      // Both are past any check: neither sees an open intent before it inserts.
      assertThat(JooqRepositories.of(first).intents().open(MCHID, no)).isEmpty();
      assertThat(JooqRepositories.of(second).intents().open(MCHID, no)).isEmpty();
      RecordResult recorded = JooqRepositories.of(first).intents().record(complete);
      int secondPid = pid(second);
      CompletableFuture<RecordResult> racing =
          CompletableFuture.supplyAsync(
              () -> JooqRepositories.of(second).intents().record(cancel), THREADS);
      awaitLockWait(secondPid);
      first.commit();
      RecordResult refused = racing.get(10, TimeUnit.SECONDS);
      second.commit();

      assertThat(recorded).isInstanceOf(RecordResult.Recorded.class);
      assertThat(refused)
          .isInstanceOfSatisfying(
              RecordResult.AnotherIntentOpen.class,
              other -> {
                assertThat(other.open().id()).isEqualTo(complete.id());
                assertThat(other.open().kind()).isEqualTo("COMPLETE");
              });
    }
    assertThat(count("SELECT count(*) FROM payscore.completion_intent")).isEqualTo(1);
  }

  private static Connection transaction() throws SQLException {
    Connection c = TestDatabase.dataSource().getConnection();
    c.setAutoCommit(false);
    return c;
  }

  private static int pid(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_backend_pid()");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Until the backend {@code pid} waits for a lock another transaction holds. */
  private static void awaitLockWait(int pid) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try (Connection c = TestDatabase.dataSource().getConnection();
          PreparedStatement s =
              c.prepareStatement(
                  "SELECT wait_event_type FROM pg_stat_activity WHERE pid = ?")) {
        s.setInt(1, pid);
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next() && "Lock".equals(rs.getString(1))) {
            return;
          }
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("backend " + pid + " never waited for a lock");
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = TestDatabase.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
