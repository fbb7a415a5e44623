package dev.payscore;

import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.answer;
import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.RejectionKind;
import dev.payscore.persistence.JooqTransactions;
import dev.payscore.testing.database.TestDatabase;
import dev.payscore.testing.fakes.ScriptedPayScoreGateway;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The facade on real PostgreSQL with a scripted WeChat: requests, transactions, retry after
 * attention.
 */
@Tag("postgres")
@ExtendWith(TestDatabase.class)
final class PayScoreIT {
  private final ScriptedPayScoreGateway wechat = new ScriptedPayScoreGateway();
  private DataSource dataSource;
  private PayScore payScore;

  @BeforeEach
  void start(DataSource dataSource) {
    TestDatabase.truncateAll();
    this.dataSource = dataSource;
    payScore =
        PayScore.builder()
            .dataSource(dataSource)
            .gateway(wechat)
            .merchantIds(Fixtures.MCHID)
            .dispatcherOptions(SandboxWorld.fastOptions())
            .build();
    assertThat(payScore.migrate().migrations()).as("TestDatabase migrated already").isEmpty();
    payScore.start();
  }

  @AfterEach
  void stop() {
    payScore.close();
  }

  private void given(String no) {
    ServiceOrder order = Fixtures.confirmedOrder(no);
    new JooqTransactions(dataSource).inTransaction(repos -> repos.orders().insert(order));
    wechat.register(order);
  }

  private RequestCompletionCommand command(String no) {
    return new RequestCompletionCommand(
        Fixtures.MCHID, OutOrderNo.of(no), Fixtures.completion(300), "it");
  }

  private IntentStatus status(String no) {
    return payScore.completions().find(Fixtures.MCHID, OutOrderNo.of(no)).orElseThrow().status();
  }

  @Test
  void anIntentThatNeedsAttentionIsRetriedByAnOperatorAndSucceeds() {
    given("P-1");
    wechat.scriptComplete(
        OutOrderNo.of("P-1"), answer(rejected(400, "INVALID_REQUEST", RejectionKind.REENTRY_MISMATCH, "订单重入参数校验失败")));

    assertThat(payScore.completions().request(command("P-1")))
        .isInstanceOf(RequestCompletionResult.Requested.class);
    Await.until(
        "attention", Duration.ofSeconds(10), () -> status("P-1") == IntentStatus.NEEDS_ATTENTION);
    RetryResult retried =
        payScore.completions().retry(Fixtures.MCHID, OutOrderNo.of("P-1"), "ops:alice");
    Await.until("succeeded", Duration.ofSeconds(10), () -> status("P-1") == IntentStatus.SUCCEEDED);

    assertThat(retried).isInstanceOf(RetryResult.Requeued.class);
    assertThat(wechat.applied(OutOrderNo.of("P-1"))).isEqualTo(1);
    assertThat(payScore.history().ofOrder(Fixtures.MCHID, OutOrderNo.of("P-1")))
        .extracting(e -> e.entry().type())
        .containsSubsequence(
            AuditEventType.COMPLETION_REQUESTED, AuditEventType.COMPLETION_NEEDS_ATTENTION,
            AuditEventType.OPERATOR_RETRY, AuditEventType.COMPLETION_SUCCEEDED);
    assertThat(payScore.completions().retry(Fixtures.MCHID, OutOrderNo.of("P-1"), "ops:alice"))
        .isEqualTo(new RetryResult.NotNeedingAttention(IntentStatus.SUCCEEDED));
    assertThat(payScore.completions().retry(Fixtures.MCHID, OutOrderNo.of("nope"), "ops:alice"))
        .isEqualTo(new RetryResult.NotFound());
  }

  @Test
  void statsCountWhatIsOpenForThisInstancesMerchantsAndNothingOnceSettled() {
    given("P-S1");
    given("P-S2");
    wechat.scriptComplete(
        OutOrderNo.of("P-S1"),
        answer(
            rejected(
                400, "INVALID_REQUEST", RejectionKind.REENTRY_MISMATCH, "订单重入参数校验失败")));
    assertThat(payScore.completions().stats()).isEqualTo(IntentStats.NONE);

    payScore.completions().request(command("P-S1"));
    payScore.completions().request(command("P-S2"));
    Await.until(
        "one settled, one needing attention",
        Duration.ofSeconds(10),
        () ->
            payScore.completions().stats().needsAttention() == 1
                && status("P-S2") == IntentStatus.SUCCEEDED);

    assertThat(payScore.completions().stats())
        .isEqualTo(new IntentStats(0, 0, 1, Optional.empty()));
    assertThat(payScore.completions().stats(Fixtures.MCHID)).isEqualTo(payScore.completions().stats());
    assertThat(payScore.completions().stats(MerchantId.of("1900009999")))
        .isEqualTo(IntentStats.NONE);
  }

  @Test
  void aRequestInTheCallersTransactionRollsBackWithIt() throws Exception {
    given("P-2");
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      assertThat(payScore.completions().request(connection, command("P-2")))
          .isInstanceOf(RequestCompletionResult.Requested.class);
      connection.rollback();
    }

    assertThat(payScore.completions().find(Fixtures.MCHID, OutOrderNo.of("P-2"))).isEmpty();
    assertThat(payScore.history().ofOrder(Fixtures.MCHID, OutOrderNo.of("P-2"))).isEmpty();
    assertThat(wechat.calls()).isEmpty();
  }

  @Test
  void aConnectionWithoutATransactionIsRefusedBeforeAnythingIsWritten() throws Exception {
    given("P-4");
    try (Connection connection = dataSource.getConnection()) {
      assertThatThrownBy(() -> payScore.completions().request(connection, command("P-4")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("auto-commit");
    }

    assertThat(payScore.completions().find(Fixtures.MCHID, OutOrderNo.of("P-4"))).isEmpty();
  }

  @Test
  void aRequestInTheCallersTransactionIsSentOnceCommitted() throws Exception {
    given("P-3");
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      payScore.completions().request(connection, command("P-3"));
      connection.commit();
    }

    Await.until("sent", Duration.ofSeconds(10), () -> status("P-3") == IntentStatus.SUCCEEDED);
    assertThat(payScore.completions().list(Fixtures.MCHID, IntentStatus.SUCCEEDED, 10))
        .extracting(i -> i.outOrderNo().value())
        .containsExactly("P-3");
  }

  @Test
  void aCallersExecutorRunsTheFacadesCallsAndIsLeftRunningAfterClose() throws Exception {
    payScore.close();
    java.util.concurrent.atomic.AtomicInteger handedOver =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool();
    try {
      payScore =
          PayScore.builder()
              .dataSource(dataSource)
              .gateway(wechat)
              .merchantIds(Fixtures.MCHID)
              .dispatcherOptions(SandboxWorld.fastOptions())
              .executor(
                  task -> {
                    handedOver.incrementAndGet();
                    pool.execute(task);
                  })
              .build();
      payScore.start();
      given("P-5");

      assertThat(payScore.completions().request(command("P-5")).isRecorded()).isTrue();
      Await.until("sent", Duration.ofSeconds(10), () -> status("P-5") == IntentStatus.SUCCEEDED);
      payScore.close();

      assertThat(handedOver.get()).isEqualTo(1);
      assertThat(pool.isShutdown()).isFalse();
    } finally {
      pool.shutdownNow();
    }
  }
}
