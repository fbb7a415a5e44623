package dev.payscore.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.CompletionIntent;
import dev.payscore.IntentKind;
import dev.payscore.OutOrderNo;
import dev.payscore.StorageException;
import dev.payscore.domain.intent.RecordResult;
import dev.payscore.domain.port.out.Repositories;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.migrations.PayscoreMigrations;
import dev.payscore.testing.contract.StorageContract;
import dev.payscore.testing.database.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The completion intent joins the merchant's own transaction: the merchant's row (a table of its
 * own, in a schema of its own) and the intent commit or roll back together, and dispatchers are
 * notified only of what committed.
 */
@ExtendWith(TestDatabase.class)
class TransactionParticipationIT extends StorageContract {
  private static DataSource dataSource;

  @BeforeAll
  static void merchantTable(DataSource given) throws SQLException {
    dataSource = given;
    try (Connection c = given.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS merchant_app");
      s.execute(
          "CREATE TABLE IF NOT EXISTS merchant_app.rental"
              + " (out_order_no varchar(32) PRIMARY KEY, returned boolean NOT NULL)");
      s.execute("TRUNCATE merchant_app.rental");
    }
  }

  @Override
  protected Transactions newStorage() {
    return new JooqTransactions(dataSource);
  }

  @Test
  void theCallersRollbackLeavesNeitherItsRowNorTheIntent() throws SQLException {
    OutOrderNo no = newOrderNo();
    tx(r -> r.orders().insert(anOrder(MCHID, no)));
    CompletionIntent intent = anIntent(no, 300);

    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      markReturned(c, no);
      assertThat(JooqRepositories.of(c).intents().record(intent))
          .isInstanceOf(RecordResult.Recorded.class);
      c.rollback();
    }

    assertThat(rentalExists(no)).isFalse();
    assertThat(findIntent(intent.id())).isEmpty();
  }

  @Test
  void theCallersCommitKeepsBoth() throws SQLException {
    OutOrderNo no = newOrderNo();
    CompletionIntent intent = anIntent(no, 300);

    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      markReturned(c, no);
      Repositories storage = JooqRepositories.of(c);
      storage.orders().insert(anOrder(MCHID, no));
      storage.intents().record(intent);
      c.commit();
    }

    assertThat(rentalExists(no)).isTrue();
    assertThat(findIntent(intent.id())).isPresent();
  }

  @Test
  void theCallersJooqTransactionIsJoinedToo() {
    OutOrderNo kept = newOrderNo();
    OutOrderNo undone = newOrderNo();
    var jooq = DSL.using(dataSource, SQLDialect.POSTGRES);

    jooq.transaction(
        cfg -> {
          cfg.dsl().execute("INSERT INTO merchant_app.rental VALUES (?, true)", kept.value());
          Repositories storage = JooqRepositories.of(cfg.dsl());
          storage.orders().insert(anOrder(MCHID, kept));
          storage.intents().record(anIntent(kept, 300));
        });
    assertThatThrownBy(
            () ->
                jooq.transaction(
                    cfg -> {
                      cfg.dsl()
                          .execute(
                              "INSERT INTO merchant_app.rental VALUES (?, true)", undone.value());
                      Repositories storage = JooqRepositories.of(cfg.dsl());
                      storage.orders().insert(anOrder(MCHID, undone));
                      storage.intents().record(anIntent(undone, 300));
                      throw new IllegalStateException("the merchant's own check failed");
                    }))
        .hasMessageContaining("the merchant's own check failed");

    assertThat(rentalExists(kept)).isTrue();
    assertThat(findIntent(MCHID, kept, IntentKind.COMPLETE)).isPresent();
    assertThat(rentalExists(undone)).isFalse();
    assertThat(findOrder(MCHID, undone)).isEmpty();
  }

  @Test
  void aConstraintViolationInTheCallersTransactionIsAStorageExceptionAndRollsBackWhole()
      throws SQLException {
    OutOrderNo no = newOrderNo();
    tx(r -> r.orders().insert(anOrder(MCHID, no)));
    OutOrderNo fresh = newOrderNo();

    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      markReturned(c, fresh);
      Repositories storage = JooqRepositories.of(c);
      storage.orders().insert(anOrder(MCHID, fresh));
      assertThatThrownBy(() -> storage.orders().insert(anOrder(MCHID, no)))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("23505")
          .hasMessageContaining("service_order_pk");
      c.rollback();
    }

    assertThat(rentalExists(fresh)).isFalse();
    assertThat(findOrder(MCHID, fresh)).isEmpty();
  }

  /**
   * Recording an intent sends no NOTIFY from the caller's transaction (V4 dropped the per-row
   * trigger): a NOTIFY takes PostgreSQL's global notify lock at commit, which made merchant
   * transactions commit one at a time. Wake-ups are the engine's, sent outside the transaction.
   */
  @Test
  void recordingAnIntentNotifiesNobodyFromTheCallersTransaction() throws SQLException {
    OutOrderNo committed = newOrderNo();
    tx(r -> r.orders().insert(anOrder(MCHID, committed)));
    CompletionIntent kept = anIntent(committed, 300);

    try (Connection listener = dataSource.getConnection()) {
      try (Statement s = listener.createStatement()) {
        s.execute("LISTEN " + PayscoreMigrations.INTENTS_CHANNEL);
      }
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        JooqRepositories.of(c).intents().record(kept);
        c.commit();
      }
      PGNotification[] received = listener.unwrap(PGConnection.class).getNotifications(1_000);

      assertThat(received == null ? List.of() : Arrays.asList(received)).isEmpty();
      assertThat(findIntent(kept.id())).isPresent();
    }
  }

  private static void markReturned(Connection c, OutOrderNo no) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("INSERT INTO merchant_app.rental VALUES (?, true)")) {
      s.setString(1, no.value());
      s.executeUpdate();
    }
  }

  private static boolean rentalExists(OutOrderNo no) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT 1 FROM merchant_app.rental WHERE out_order_no = ?")) {
      s.setString(1, no.value());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
