package dev.payscore.persistence;

import dev.payscore.StorageException;
import dev.payscore.domain.port.out.Repositories;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.persistence.internal.QuietJooq;
import dev.payscore.persistence.internal.Sql;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Transactions of our own on a {@link DataSource}: each {@link #inTransaction} call takes a
 * connection, runs the work in one new transaction, commits when it returns and rolls back when it
 * throws (the exception propagates unchanged). For callers that have no transaction to join.
 */
public final class JooqTransactions implements Transactions {
  static {
    QuietJooq.apply(); // before jOOQ's first statement: no banner, no tip of the day
  }

  private final DSLContext dsl;

  public JooqTransactions(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource == null");
    this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  @Override
  public <T> T inTransaction(Function<Repositories, T> work) {
    Objects.requireNonNull(work, "work == null");
    try {
      return dsl.transactionResult(tx -> work.apply(JooqRepositories.of(tx.dsl())));
    } catch (DataAccessException e) {
      // Getting a connection, beginning or committing failed: the work's own failures are
      // translated by the ports, or are the caller's exceptions, and pass through unchanged.
      throw new StorageException("transaction failed: " + Sql.describe(e), e);
    }
  }
}
