package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.persistence.JooqTransactions;
import dev.payscore.testing.database.TestDatabase;
import dev.payscore.testing.fakes.ScriptedPayScoreGateway;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** stop() pauses an instance that start() resumes (Spring stops and starts cached contexts). */
@Tag("postgres")
@ExtendWith(TestDatabase.class)
final class StopStartIT {
  private final ScriptedPayScoreGateway wechat = new ScriptedPayScoreGateway();
  private DataSource dataSource;

  @BeforeEach
  void clean(DataSource dataSource) {
    TestDatabase.truncateAll();
    this.dataSource = dataSource;
  }

  private PayScore build() {
    return PayScore.builder()
        .dataSource(dataSource)
        .gateway(wechat)
        .merchantIds(Fixtures.MCHID)
        .dispatcherOptions(SandboxWorld.fastOptions())
        .build();
  }

  private void request(PayScore payScore, String no) {
    ServiceOrder order = Fixtures.confirmedOrder(no);
    new JooqTransactions(dataSource).inTransaction(repos -> repos.orders().insert(order));
    wechat.register(order);
    payScore
        .completions()
        .request(
            new RequestCompletionCommand(
                Fixtures.MCHID, OutOrderNo.of(no), Fixtures.completion(300), "it"));
  }

  private static void awaitSucceeded(PayScore payScore, String no) {
    Await.until(
        no + " sent",
        Duration.ofSeconds(10),
        () ->
            payScore
                .completions()
                .find(Fixtures.MCHID, OutOrderNo.of(no))
                .map(i -> i.status() == IntentStatus.SUCCEEDED)
                .orElse(false));
  }

  @Test
  void aStoppedInstanceStartsAgainAndSendsWhatWasRequestedMeanwhile() {
    try (PayScore payScore = build()) {
      payScore.start();
      request(payScore, "S-1");
      awaitSucceeded(payScore, "S-1");

      payScore.stop();
      assertThat(payScore.isRunning()).isFalse();
      request(payScore, "S-2");
      payScore.start();
      assertThat(payScore.isRunning()).isTrue();
      awaitSucceeded(payScore, "S-2");
      payScore.stop();
      payScore.stop(); // again: nothing to do
    }
    assertThat(wechat.applied(OutOrderNo.of("S-1"))).isEqualTo(1);
    assertThat(wechat.applied(OutOrderNo.of("S-2"))).isEqualTo(1);
  }

  @Test
  void aClosedInstanceSaysHowToStartAgain() {
    PayScore payScore = build();
    payScore.start();
    payScore.close();

    assertThatThrownBy(payScore::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("build a new PayScore");
  }

  @Test
  void theListenConnectionComesFromTheListenDataSourceAndIsGivenBackOnStop() throws Exception {
    try (PayScore payScore =
        PayScore.builder()
            .dataSource(dataSource)
            .listenDataSource(TestDatabase.dataSource())
            .gateway(wechat)
            .merchantIds(Fixtures.MCHID)
            .instanceName("listen-test")
            .build()) {
      payScore.start();
      Await.until("listening", Duration.ofSeconds(10), () -> listeners() == 1);
      payScore.stop();
      Await.until("unlistened", Duration.ofSeconds(10), () -> listeners() == 0);
    }
  }

  /** Sessions whose last statement was our LISTEN (held by the notify listener). */
  private int listeners() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN payscore_intents%'"
                    + " AND datname = current_database()")) {
      rs.next();
      return rs.getInt(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
