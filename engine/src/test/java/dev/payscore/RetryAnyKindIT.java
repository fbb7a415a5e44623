package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.domain.model.LifecycleState;
import dev.payscore.persistence.JooqTransactions;
import dev.payscore.testing.IntentFixtures;
import dev.payscore.testing.database.TestDatabase;
import dev.payscore.testing.fakes.ScriptedPayScoreGateway;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code completions().retry} for every kind, and the way forward from a quarantined intent, on
 * real PostgreSQL (no dispatcher runs: what is checked is what the operator's call writes).
 */
@Tag("postgres")
@ExtendWith(TestDatabase.class)
final class RetryAnyKindIT {
  private DataSource dataSource;
  private PayScore payScore;

  @BeforeEach
  void build(DataSource dataSource) {
    TestDatabase.truncateAll();
    this.dataSource = dataSource;
    payScore = PayScore.builder().dataSource(dataSource).gateway(new ScriptedPayScoreGateway()).build();
  }

  @AfterEach
  void close() {
    payScore.close();
  }

  private CompletionIntent aCancel(String no) {
    new JooqTransactions(dataSource)
        .inTransaction(
            repos -> repos.orders().insert(Fixtures.order(no, LifecycleState.DOING_USER_CONFIRM)));
    RequestChangeResult result =
        payScore
            .orders()
            .cancel(new RequestCancelCommand(Fixtures.MCHID, OutOrderNo.of(no), "用户取消", "kiosk"));
    return ((RequestChangeResult.Requested) result).intent();
  }

  private CompletionIntent needingAttention(CompletionIntent intent) {
    Instant now = Instant.now();
    return new JooqTransactions(dataSource)
        .inTransaction(
            repos ->
                repos
                    .intents()
                    .update(
                        IntentFixtures.inFlight(intent, now)
                            .settledAs(
                                IntentStatus.NEEDS_ATTENTION, 3, now, "REJECTED", "NO_AUTH", now)));
  }

  private List<AuditEvent> history(String no) {
    return payScore.history().ofOrder(Fixtures.MCHID, OutOrderNo.of(no));
  }

  @Test
  void aCancelThatNeedsAttentionIsRetriedAndTheOperatorIsInTheHistory() {
    CompletionIntent cancel = needingAttention(aCancel("R-1"));

    RetryResult result = payScore.completions().retry(Fixtures.MCHID, OutOrderNo.of("R-1"), "ops:bob");

    assertThat(result)
        .isInstanceOfSatisfying(
            RetryResult.Requeued.class,
            requeued -> {
              assertThat(requeued.intent().id()).isEqualTo(cancel.id());
              assertThat(requeued.intent().kind()).isEqualTo(IntentKind.CANCEL);
              assertThat(requeued.intent().status()).isEqualTo(IntentStatus.PENDING);
              assertThat(requeued.intent().attempts()).isZero();
            });
    assertThat(history("R-1"))
        .last()
        .satisfies(
            e -> {
              assertThat(e.entry().type()).isEqualTo(AuditEventType.OPERATOR_RETRY);
              assertThat(e.entry().actor()).isEqualTo("ops:bob");
              assertThat(e.entry().intentId()).isEqualTo(cancel.id());
              assertThat(e.entry().detail()).contains("CANCEL").contains("NO_AUTH");
            });
    assertThat(payScore.completions().retry(Fixtures.MCHID, OutOrderNo.of("R-1"), "ops:bob"))
        .isEqualTo(new RetryResult.NotNeedingAttention(IntentStatus.PENDING));
  }

  @Test
  void aQuarantinedCancelIsRetriedOnlyOnceReadableAndIsSupersededByANewRequest()
      throws SQLException {
    CompletionIntent cancel = aCancel("R-2");
    sql("UPDATE payscore.completion_intent SET payload_sha256 = repeat('0', 64) WHERE id = ?",
        cancel);
    List<CompletionIntent> claimed =
        new JooqTransactions(dataSource)
            .inTransaction(
                repos ->
                    repos
                        .intents()
                        .claimDue("w", Duration.ofSeconds(30), Map.of(Fixtures.MCHID, 10), 10));
    assertThat(claimed).isEmpty();
    List<QuarantinedIntent> quarantined = payScore.completions().quarantined(Fixtures.MCHID, 10);
    assertThat(quarantined)
        .singleElement()
        .satisfies(q -> assertThat(q.ref().id()).isEqualTo(cancel.id()));

    RetryResult stillBroken =
        payScore.completions().retry(Fixtures.MCHID, OutOrderNo.of("R-2"), "ops:bob");
    RequestChangeResult sameAgain =
        payScore
            .orders()
            .cancel(new RequestCancelCommand(Fixtures.MCHID, OutOrderNo.of("R-2"), "用户取消", "ops:bob"));
    RequestChangeResult different =
        payScore
            .orders()
            .cancel(new RequestCancelCommand(Fixtures.MCHID, OutOrderNo.of("R-2"), "设备故障", "ops:bob"));

    assertThat(stillBroken)
        .isInstanceOfSatisfying(
            RetryResult.Unreadable.class,
            u -> assertThat(u.reason()).contains("does not match its SHA-256"));
    assertThat(sameAgain)
        .as("the broken row's digest cannot be trusted: the same request replaces it")
        .isInstanceOfSatisfying(
            RequestChangeResult.Requested.class,
            requested -> {
              assertThat(requested.intent().generation()).isEqualTo(2);
              assertThat(requested.intent().supersedes()).isEqualTo(cancel.id());
              assertThat(requested.intent().body()).isEqualTo(cancel.body());
            });
    assertThat(different)
        .as("generation 2 is open now")
        .isInstanceOf(RequestChangeResult.Conflict.class);
    assertThat(payScore.completions().quarantined(Fixtures.MCHID, 10))
        .singleElement()
        .satisfies(q -> assertThat(q.ref().status()).isEqualTo("SUPERSEDED"));
    assertThat(history("R-2"))
        .extracting(e -> e.entry().type())
        .containsExactly(
            AuditEventType.CANCEL_REQUESTED,
            AuditEventType.INTENT_QUARANTINED,
            AuditEventType.INTENT_SUPERSEDED,
            AuditEventType.CANCEL_REQUESTED);
  }

  @Test
  void aQuarantinedIntentWhoseRowWasRepairedIsRetried() throws SQLException {
    CompletionIntent cancel = aCancel("R-3");
    String digest = cancel.body().sha256();
    sql("UPDATE payscore.completion_intent SET payload_sha256 = repeat('0', 64) WHERE id = ?",
        cancel);
    new JooqTransactions(dataSource)
        .inTransaction(
            repos ->
                repos.intents().claimDue("w", Duration.ofSeconds(30), Map.of(Fixtures.MCHID, 10), 10));
    sql(
        "UPDATE payscore.completion_intent SET payload_sha256 = '" + digest + "' WHERE id = ?",
        cancel);

    RetryResult result = payScore.completions().retry(Fixtures.MCHID, OutOrderNo.of("R-3"), "ops:bob");

    assertThat(result).isInstanceOf(RetryResult.Requeued.class);
    assertThat(payScore.completions().quarantined(Fixtures.MCHID, 10)).isEmpty();
    assertThat(history("R-3").get(history("R-3").size() - 1).entry().detail())
        .contains("quarantined");
  }

  @Test
  void theOperatorsReasonIsRecordedWithTheirName() {
    needingAttention(aCancel("R-4"));

    RetryResult result =
        payScore
            .completions()
            .retry(
                Fixtures.MCHID,
                OutOrderNo.of("R-4"),
                new Operator("  ops:carol ", "WeChat fixed the service binding (ticket 42)"));

    assertThat(result).isInstanceOf(RetryResult.Requeued.class);
    assertThat(history("R-4"))
        .last()
        .satisfies(
            e -> {
              assertThat(e.entry().type()).isEqualTo(AuditEventType.OPERATOR_RETRY);
              assertThat(e.entry().actor()).isEqualTo("ops:carol");
              assertThat(e.entry().detail())
                  .startsWith("reason: WeChat fixed the service binding (ticket 42); CANCEL intent")
                  .contains("NO_AUTH");
            });
  }

  @Test
  void anOperatorReportsEveryViolationAtOnce() {
    assertThatThrownBy(() -> new Operator(" ", "x".repeat(Operator.MAX_REASON + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("operator: name: blank; reason: longer than 1000 characters (1001)");
    assertThat(new Operator("bob", "  ").reason()).isNull();
  }

  private void sql(String statement, CompletionIntent intent) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      s.setObject(1, intent.id().value());
      s.executeUpdate();
    }
  }
}
