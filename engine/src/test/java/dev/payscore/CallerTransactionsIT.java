package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.persistence.JooqTransactions;
import dev.payscore.testing.database.TestDatabase;
import dev.payscore.testing.fakes.ScriptedPayScoreGateway;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A request made without a connection joins the transaction the {@link CallerTransactions} say the
 * thread is in (here a plain JDBC one held in a thread-local, as Spring holds its own), and runs its
 * own otherwise.
 */
@Tag("postgres")
@ExtendWith(TestDatabase.class)
final class CallerTransactionsIT {
  private final ScriptedPayScoreGateway wechat = new ScriptedPayScoreGateway();
  private final ThreadBound bound = new ThreadBound();
  private DataSource dataSource;
  private PayScore payScore;

  /** The connection of "the thread's transaction", and what runs after it commits. */
  private static final class ThreadBound implements CallerTransactions {
    private final ThreadLocal<@Nullable Connection> current = new ThreadLocal<>();
    private final List<Runnable> afterCommit = new ArrayList<>();

    @Override
    public <T> Optional<T> join(Function<Joined, T> work) {
      Connection connection = current.get();
      if (connection == null) {
        return Optional.empty();
      }
      return Optional.of(
          work.apply(
              new Joined() {
                @Override
                public Connection connection() {
                  return connection;
                }

                @Override
                public void afterCommit(Runnable action) {
                  afterCommit.add(action);
                }
              }));
    }

    void commit() throws SQLException {
      Connection connection = current.get();
      current.remove();
      connection.commit();
      connection.close();
      afterCommit.forEach(Runnable::run);
      afterCommit.clear();
    }

    void rollback() throws SQLException {
      Connection connection = current.get();
      current.remove();
      connection.rollback();
      connection.close();
      afterCommit.clear();
    }
  }

  @BeforeEach
  void start(DataSource dataSource) {
    TestDatabase.truncateAll();
    this.dataSource = dataSource;
    payScore =
        PayScore.builder()
            .dataSource(dataSource)
            .gateway(wechat)
            .merchantIds(Fixtures.MCHID)
            .dispatcherOptions(
                SandboxWorld.fastOptions().withPollInterval(Duration.ofMinutes(10)))
            .transactions(bound)
            .build();
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

  private void begin() throws SQLException {
    Connection connection = dataSource.getConnection();
    connection.setAutoCommit(false);
    bound.current.set(connection);
  }

  @Test
  void aRequestInTheThreadsTransactionRollsBackWithItAndIsNeverSent() throws Exception {
    given("J-1");
    begin();
    assertThat(payScore.completions().request(command("J-1")))
        .isInstanceOf(RequestCompletionResult.Requested.class);
    bound.rollback();

    assertThat(payScore.completions().find(Fixtures.MCHID, OutOrderNo.of("J-1"))).isEmpty();
    assertThat(payScore.history().ofOrder(Fixtures.MCHID, OutOrderNo.of("J-1"))).isEmpty();
    assertThat(wechat.calls()).isEmpty();
  }

  @Test
  void aRequestInTheThreadsTransactionIsInvisibleUntilItCommitsThenWakesTheDispatcher()
      throws Exception {
    given("J-2");
    begin();
    payScore.completions().request(command("J-2"));
    assertThat(payScore.completions().find(Fixtures.MCHID, OutOrderNo.of("J-2")))
        .as("not committed: our own transactions do not see it")
        .isEmpty();
    bound.commit();

    // the poll is 10 minutes away: only the after-commit wake-up sends it this soon
    Await.until(
        "sent",
        Duration.ofSeconds(10),
        () ->
            payScore
                .completions()
                .find(Fixtures.MCHID, OutOrderNo.of("J-2"))
                .map(i -> i.status() == IntentStatus.SUCCEEDED)
                .orElse(false));
  }

  @Test
  void aRequestOutsideAnyTransactionRunsItsOwn() {
    given("J-3");

    payScore.completions().request(command("J-3"));

    assertThat(payScore.completions().find(Fixtures.MCHID, OutOrderNo.of("J-3"))).isPresent();
  }

  @Test
  void aTransactionThatCannotBeJoinedRefusesTheRequest() {
    given("J-4");
    PayScore refusing =
        PayScore.builder()
            .dataSource(dataSource)
            .gateway(wechat)
            .merchantIds(Fixtures.MCHID)
            .transactions(
                new CallerTransactions() {
                  @Override
                  public <T> Optional<T> join(Function<Joined, T> work) {
                    throw new IllegalStateException("in a transaction on another database");
                  }
                })
            .build();

    assertThatThrownBy(() -> refusing.completions().request(command("J-4")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another database");
    assertThat(payScore.completions().find(Fixtures.MCHID, OutOrderNo.of("J-4"))).isEmpty();
    refusing.close();
  }
}
