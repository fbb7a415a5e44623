package dev.payscore.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.payscore.StorageException;
import dev.payscore.testing.database.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real PostgreSQL errors, translated by {@link Sql#run}: whether retrying makes sense is read from
 * the server's SQLState.
 */
@ExtendWith(TestDatabase.class)
final class StorageFailuresIT {

  @Test
  void aUniqueViolationIsPermanent() throws SQLException {
    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
      dsl.execute("CREATE TEMPORARY TABLE once (id int PRIMARY KEY)");
      dsl.execute("INSERT INTO once VALUES (1)");

      StorageException e = failure(() -> dsl.execute("INSERT INTO once VALUES (1)"));

      assertThat(e.sqlState()).isEqualTo("23505");
      assertThat(e.isTransient()).isFalse();
    }
  }

  @Test
  void aDivisionByZeroIsPermanent() throws SQLException {
    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      StorageException e =
          failure(() -> DSL.using(connection, SQLDialect.POSTGRES).fetch("SELECT 1 / 0"));

      assertThat(e.sqlState()).isEqualTo("22012");
      assertThat(e.isTransient()).isFalse();
    }
  }

  @Test
  void aLockTimeoutIsTransient() throws Exception {
    try (Connection holder = TestDatabase.dataSource().getConnection();
        Connection waiter = TestDatabase.dataSource().getConnection()) {
      holder.setAutoCommit(false);
      execute(holder, "SELECT pg_advisory_xact_lock(4711)");
      waiter.setAutoCommit(false);
      execute(waiter, "SET LOCAL lock_timeout = '50ms'");

      StorageException e =
          failure(
              () -> DSL.using(waiter, SQLDialect.POSTGRES).fetch("SELECT pg_advisory_xact_lock(4711)"));

      assertThat(e.sqlState()).isEqualTo("55P03");
      assertThat(e.isTransient()).isTrue();
      holder.rollback();
      waiter.rollback();
    }
  }

  @Test
  void aDeadlockIsTransient() throws Exception {
    try (Connection a = TestDatabase.dataSource().getConnection();
        Connection b = TestDatabase.dataSource().getConnection()) {
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      execute(a, "SELECT pg_advisory_xact_lock(1)");
      execute(b, "SELECT pg_advisory_xact_lock(2)");
      CompletableFuture<StorageException> first =
          CompletableFuture.supplyAsync(() -> lockOrFail(a, 2));
      StorageException second = lockOrFail(b, 1);
      StorageException deadlock = second != null ? second : first.get(30, TimeUnit.SECONDS);
      a.rollback();
      b.rollback();
      first.get(30, TimeUnit.SECONDS);

      assertThat(deadlock).isNotNull();
      assertThat(deadlock.sqlState()).isEqualTo("40P01");
      assertThat(deadlock.isTransient()).isTrue();
    }
  }

  @Test
  void aSerializationFailureIsTransient() throws Exception {
    try (Connection setup = TestDatabase.dataSource().getConnection();
        Connection a = TestDatabase.dataSource().getConnection();
        Connection b = TestDatabase.dataSource().getConnection()) {
      execute(setup, "CREATE TABLE IF NOT EXISTS public.storage_failures_it (id int, n int)");
      execute(setup, "TRUNCATE public.storage_failures_it");
      execute(setup, "INSERT INTO public.storage_failures_it VALUES (1, 0)");
      try {
        for (Connection c : new Connection[] {a, b}) {
          c.setAutoCommit(false);
          c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
          execute(c, "SELECT n FROM public.storage_failures_it WHERE id = 1");
        }
        execute(a, "UPDATE public.storage_failures_it SET n = n + 1 WHERE id = 1");
        a.commit();

        StorageException e =
            failure(
                () ->
                    DSL.using(b, SQLDialect.POSTGRES)
                        .execute("UPDATE public.storage_failures_it SET n = n + 1 WHERE id = 1"));
        b.rollback();

        assertThat(e.sqlState()).isEqualTo("40001");
        assertThat(e.isTransient()).isTrue();
      } finally {
        execute(setup, "DROP TABLE public.storage_failures_it");
      }
    }
  }

  @Test
  void aConnectionTheServerTerminatedIsTransient() throws Exception {
    try (Connection victim = TestDatabase.dataSource().getConnection();
        Connection admin = TestDatabase.dataSource().getConnection()) {
      Object pid = DSL.using(victim, SQLDialect.POSTGRES).fetchValue("SELECT pg_backend_pid()");
      execute(admin, "SELECT pg_terminate_backend(" + pid + ")");

      StorageException e =
          failure(() -> DSL.using(victim, SQLDialect.POSTGRES).fetch("SELECT 1"));

      assertThat(e.sqlState()).matches("57P01|08.*");
      assertThat(e.isTransient()).isTrue();
    }
  }

  private static StorageException lockOrFail(Connection connection, int key) {
    try {
      Sql.run(
          "lock " + key,
          () ->
              DSL.using(connection, SQLDialect.POSTGRES)
                  .fetch("SELECT pg_advisory_xact_lock(" + key + ")"));
      return null;
    } catch (StorageException e) {
      return e;
    }
  }

  private static StorageException failure(Runnable statement) {
    return catchThrowableOfType(
        StorageException.class,
        () ->
            Sql.run(
                "the statement",
                () -> {
                  statement.run();
                  return null;
                }));
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
