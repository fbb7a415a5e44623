package dev.payscore.spring.boot;

import dev.payscore.CallerTransactions;
import java.sql.Connection;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Joins the Spring-managed transaction of the calling thread ({@code @Transactional} with a
 * {@code DataSourceTransactionManager}, {@code JdbcTransactionManager} or {@code
 * JpaTransactionManager} on payscore's {@code DataSource}): a request made there is written on the
 * transaction's own connection, commits or rolls back with it, and wakes the dispatchers only after
 * it committed. Outside a transaction payscore runs its own. The auto-configuration sets it; an
 * application that builds {@code PayScore} itself passes it to {@code
 * PayScore.Builder.transactions(…)}.
 *
 * <p>Thread-safe. Give it, and {@code PayScore.Builder.dataSource(…)}, the pool itself, not a
 * {@link TransactionAwareDataSourceProxy}: {@link #unwrap} does that.
 */
public final class SpringTransactions implements CallerTransactions {
  private final DataSource dataSource;

  public SpringTransactions(DataSource dataSource) {
    this.dataSource = unwrap(Objects.requireNonNull(dataSource, "dataSource == null"));
  }

  /**
   * The pool behind a {@link TransactionAwareDataSourceProxy}: through such a proxy, a connection
   * taken inside {@code @Transactional} is the caller's, and payscore's own commit would commit the
   * caller's work halfway.
   */
  public static DataSource unwrap(DataSource dataSource) {
    DataSource current = dataSource;
    while (current instanceof TransactionAwareDataSourceProxy proxy
        && proxy.getTargetDataSource() != null) {
      current = proxy.getTargetDataSource();
    }
    return current;
  }

  @Override
  public <T> Optional<T> join(Function<Joined, T> work) {
    Objects.requireNonNull(work, "work == null");
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      return Optional.empty();
    }
    if (TransactionSynchronizationManager.getResource(dataSource) == null) {
      // A transaction on another resource (another DataSource, JTA without it): running one of our
      // own here would commit the intent whatever becomes of the caller's work.
      throw new IllegalStateException(
          "payscore cannot join the current Spring transaction: it is not on payscore's DataSource"
              + " (another DataSource or transaction manager?). Request with"
              + " completions().request(connection, command) on a connection of that transaction,"
              + " or outside it (Propagation.NOT_SUPPORTED) to use payscore's own");
    }
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      return Optional.of(
          work.apply(
              new Joined() {
                @Override
                public Connection connection() {
                  return connection;
                }

                @Override
                public void afterCommit(Runnable action) {
                  TransactionSynchronizationManager.registerSynchronization(
                      new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                          action.run();
                        }
                      });
                }
              }));
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  @Override
  public String toString() {
    return "SpringTransactions[" + dataSource.getClass().getSimpleName() + "]";
  }
}
