package dev.payscore.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.OutOrderNo;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.migrations.PayscoreMigrations;
import dev.payscore.testing.contract.StorageContract;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Merchant transactions that record intents commit in parallel: none waits at its commit for
 * another one's WAL flush. A per-row {@code pg_notify} makes every such commit take PostgreSQL's
 * global notification lock and hold it through the flush, so they commit one at a time.
 *
 * <p>A slow flush is made deterministic on a server of its own whose synchronous standby never
 * comes: a session with {@code synchronous_commit = on} stays in its commit (after the WAL is
 * written, holding its locks) until cancelled, like a commit waiting for a slow disk. Every other
 * session commits locally.
 */
class IntentCommitsIT extends StorageContract {
  private static EmbeddedPostgres postgres;
  private static DataSource dataSource;

  @BeforeAll
  static void startServerWithAnAbsentSynchronousStandby() throws IOException {
    postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("synchronous_standby_names", "absent_standby")
            .setServerConfig("synchronous_commit", "local")
            .start();
    dataSource = postgres.getPostgresDatabase();
    PayscoreMigrations.migrate(dataSource);
  }

  @AfterAll
  static void stopServer() throws IOException {
    postgres.close();
  }

  @Override
  protected Transactions newStorage() {
    return new JooqTransactions(dataSource);
  }

  @Test
  void aTransactionRecordingAnIntentCommitsWhileAnotherOneIsStillCommitting() throws Exception {
    OutOrderNo slowOrder = newOrderNo();
    OutOrderNo fastOrder = newOrderNo();
    tx(r -> r.orders().insert(anOrder(MCHID, slowOrder)));
    tx(r -> r.orders().insert(anOrder(MCHID, fastOrder)));
    ExecutorService committers = Executors.newFixedThreadPool(2);
    try (Connection slow = dataSource.getConnection();
        Connection fast = dataSource.getConnection()) {
      int slowPid = pid(slow);
      execute(slow, "SET synchronous_commit = on");
      slow.setAutoCommit(false);
      JooqRepositories.of(slow).intents().record(anIntent(MCHID, slowOrder, 300, T0));
      Future<?> slowCommit = committers.submit(() -> commit(slow));
      awaitWaitingForStandby(fast, slowPid);

      fast.setAutoCommit(false);
      JooqRepositories.of(fast).intents().record(anIntent(MCHID, fastOrder, 300, T0));
      Future<?> fastCommit = committers.submit(() -> commit(fast));
      try {
        fastCommit.get(5, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        cancel(slowPid);
        throw new AssertionError(
            "the second commit waited for the first one's flush: " + waitOf(fastCommit), e);
      } finally {
        cancel(slowPid);
        slowCommit.get(10, TimeUnit.SECONDS);
      }
      assertThat(fastCommit).isDone();
    } finally {
      committers.shutdownNow();
    }
  }

  private static String waitOf(Future<?> commit) {
    return commit.isDone() ? "done" : "still waiting";
  }

  private static Void commit(Connection connection) throws SQLException {
    connection.commit();
    return null;
  }

  private static int pid(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  private static void awaitWaitingForStandby(Connection observer, int pid) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Statement s = observer.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT wait_event FROM pg_stat_activity WHERE pid = " + pid)) {
        if (rs.next() && "SyncRep".equals(rs.getString(1))) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the first commit never waited for the standby");
  }

  private static void cancel(int pid) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SELECT pg_cancel_backend(" + pid + ")");
    }
  }
}
