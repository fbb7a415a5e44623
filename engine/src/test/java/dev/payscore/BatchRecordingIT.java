package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.persistence.JooqTransactions;
import dev.payscore.testing.database.TestDatabase;
import dev.payscore.testing.fakes.ScriptedPayScoreGateway;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Batched recording on real PostgreSQL: many completions requested in the merchant's transaction,
 * all recorded or none, every refusal reported, the merchant's own writes left alone.
 */
@ExtendWith(TestDatabase.class)
final class BatchRecordingIT {
  private final ScriptedPayScoreGateway wechat = new ScriptedPayScoreGateway();
  private DataSource dataSource;
  private PayScore payScore;

  @BeforeEach
  void build(DataSource dataSource) throws SQLException {
    TestDatabase.truncateAll();
    this.dataSource = dataSource;
    payScore =
        PayScore.builder()
            .dataSource(dataSource)
            .gateway(wechat)
            .merchantIds(Fixtures.MCHID)
            .build(); // never started: the intents stay as recorded
    sql("CREATE TABLE IF NOT EXISTS public.batch_rental (no text PRIMARY KEY)");
    sql("DELETE FROM public.batch_rental");
  }

  @AfterEach
  void close() {
    payScore.close();
  }

  @Test
  void aBatchIsRecordedInTheMerchantsTransactionWithAnAuditEventEach() throws SQLException {
    List<RequestCompletionCommand> batch = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      batch.add(command(given("B-" + i, LifecycleState.DOING_USER_CONFIRM), 300 + i));
    }

    RequestCompletionsResult result;
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      merchantWrite(connection, "returned-50");
      result = payScore.completions().request(connection, batch);
      connection.commit();
    }

    assertThat(result).isInstanceOf(RequestCompletionsResult.Recorded.class);
    List<RequestCompletionResult> results = ((RequestCompletionsResult.Recorded) result).results();
    assertThat(results).hasSize(50).allMatch(RequestCompletionResult.Requested.class::isInstance);
    for (int i = 0; i < 50; i++) {
      CompletionIntent intent = ((RequestCompletionResult.Requested) results.get(i)).intent();
      assertThat(intent.outOrderNo().value()).isEqualTo("B-" + i);
      assertThat(intent.status()).isEqualTo(IntentStatus.PENDING);
      assertThat(intent.payload().amount()).isEqualTo(300L + i);
      assertThat(payScore.completions().find(Fixtures.MCHID, intent.outOrderNo()))
          .contains(intent);
      assertThat(payScore.history().ofOrder(Fixtures.MCHID, intent.outOrderNo()))
          .extracting(e -> e.entry().type())
          .containsExactly(AuditEventType.COMPLETION_REQUESTED);
    }
    assertThat(count("SELECT count(*) FROM public.batch_rental")).isEqualTo(1);
  }

  @Test
  void aBatchRollsBackWithTheMerchantsTransaction() throws SQLException {
    List<RequestCompletionCommand> batch =
        IntStream.range(0, 5)
            .mapToObj(i -> command(given("T-" + i, LifecycleState.DOING_USER_CONFIRM), 300))
            .toList();

    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      merchantWrite(connection, "returned-T");
      assertThat(payScore.completions().request(connection, batch))
          .isInstanceOf(RequestCompletionsResult.Recorded.class);
      connection.rollback();
    }

    assertThat(count("SELECT count(*) FROM payscore.completion_intent")).isZero();
    assertThat(count("SELECT count(*) FROM payscore.audit_event")).isZero();
    assertThat(count("SELECT count(*) FROM public.batch_rental")).isZero();
  }

  @Test
  void aBatchWithRefusalsWritesNothingOfItReportsEveryRefusalAndKeepsTheMerchantsWrites()
      throws SQLException {
    List<RequestCompletionCommand> batch = new ArrayList<>();
    batch.add(command(given("R-0", LifecycleState.DOING_USER_CONFIRM), 300));
    batch.add(
        new RequestCompletionCommand(
            Fixtures.MCHID, OutOrderNo.of("R-unknown"), Fixtures.completion(300), "it"));
    batch.add(command(given("R-2", LifecycleState.DOING_USER_CONFIRM), 300));
    batch.add(command(given("R-3", LifecycleState.DONE), 300));
    RequestCompletionCommand overRiskFund =
        command(given("R-4", LifecycleState.DOING_USER_CONFIRM), 1_000_000);
    batch.add(overRiskFund);

    RequestCompletionsResult result;
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      merchantWrite(connection, "returned-R");
      result = payScore.completions().request(connection, batch);
      connection.commit();
    }

    assertThat(result).isInstanceOf(RequestCompletionsResult.Refused.class);
    List<RequestCompletionsResult.Refusal> refusals =
        ((RequestCompletionsResult.Refused) result).refusals();
    assertThat(refusals).extracting(RequestCompletionsResult.Refusal::index).containsExactly(1, 3, 4);
    assertThat(refusals.get(0).result()).isInstanceOf(RequestCompletionResult.UnknownOrder.class);
    assertThat(refusals.get(1).result()).isInstanceOf(RequestCompletionResult.WrongState.class);
    assertThat(refusals.get(2).result()).isInstanceOf(RequestCompletionResult.Invalid.class);
    assertThat(count("SELECT count(*) FROM payscore.completion_intent")).isZero();
    assertThat(count("SELECT count(*) FROM payscore.audit_event")).isZero();
    assertThat(count("SELECT count(*) FROM public.batch_rental")).isEqualTo(1);
  }

  @Test
  void anIdenticalRepeatOfARecordedBatchIsRecognisedAndAnOrderWithHistoryFollowsItsRules()
      throws SQLException {
    List<RequestCompletionCommand> batch =
        IntStream.range(0, 3)
            .mapToObj(i -> command(given("H-" + i, LifecycleState.DOING_USER_CONFIRM), 300))
            .toList();
    RequestCompletionsResult first = inTransaction(batch);
    List<RequestCompletionCommand> again = new ArrayList<>(batch);
    again.add(command(given("H-3", LifecycleState.DOING_USER_CONFIRM), 300));

    RequestCompletionsResult second = inTransaction(again);

    assertThat(first).isInstanceOf(RequestCompletionsResult.Recorded.class);
    List<RequestCompletionResult> results = ((RequestCompletionsResult.Recorded) second).results();
    assertThat(results.subList(0, 3))
        .allMatch(RequestCompletionResult.AlreadyRequested.class::isInstance);
    assertThat(results.get(3)).isInstanceOf(RequestCompletionResult.Requested.class);
    assertThat(count("SELECT count(*) FROM payscore.completion_intent")).isEqualTo(4);
  }

  @Test
  void anOrderTwiceInOneBatchIsRefusedBeforeAnythingIsWritten() throws SQLException {
    RequestCompletionCommand a = command(given("D-0", LifecycleState.DOING_USER_CONFIRM), 300);
    RequestCompletionCommand b = command(given("D-1", LifecycleState.DOING_USER_CONFIRM), 300);

    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      assertThatThrownBy(
              () -> payScore.completions().request(connection, List.of(a, b, a, b)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("commands[2] repeats the order of commands[0]")
          .hasMessageContaining("commands[3] repeats the order of commands[1]");
      connection.commit();
    }
    assertThat(count("SELECT count(*) FROM payscore.completion_intent")).isZero();
  }

  private RequestCompletionsResult inTransaction(List<RequestCompletionCommand> batch)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      RequestCompletionsResult result = payScore.completions().request(connection, batch);
      connection.commit();
      return result;
    }
  }

  private OutOrderNo given(String no, LifecycleState state) {
    ServiceOrder order = Fixtures.order(no, state);
    new JooqTransactions(dataSource).inTransaction(repos -> repos.orders().insert(order));
    wechat.register(order);
    return order.outOrderNo();
  }

  private static RequestCompletionCommand command(OutOrderNo no, long total) {
    return new RequestCompletionCommand(Fixtures.MCHID, no, Fixtures.completion(total), "it");
  }

  private static void merchantWrite(Connection connection, String no) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("INSERT INTO public.batch_rental VALUES ('" + no + "')");
    }
  }

  private static String scalar(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return Long.parseLong(scalar(c, sql));
    }
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
