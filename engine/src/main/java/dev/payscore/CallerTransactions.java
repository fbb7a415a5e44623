package dev.payscore;

import java.sql.Connection;
import java.util.Optional;
import java.util.function.Function;

/**
 * The transaction an application's thread is already in, which payscore's requests made without a
 * connection join ({@code completions().request(command)}, {@code orders().cancel(command)}, {@code
 * orders().modify(command)}): the intent then commits or rolls back with the application's own
 * writes. When the thread is in none, such a request runs in a transaction of payscore's own.
 * Everything else (the dispatcher, sweeps, callbacks, retries, reads) always runs in payscore's own
 * transactions.
 *
 * <p>The default, {@link #NONE}, joins nothing (a request without a connection always runs its own
 * transaction; pass the connection to join one). The Spring Boot starter's implementation joins a
 * Spring-managed transaction ({@code @Transactional}, JDBC or JPA) on payscore's {@code DataSource}.
 *
 * <p>Implementations must be thread-safe; {@link #join} is called on the requesting thread.
 */
@FunctionalInterface
public interface CallerTransactions {

  /** Joins nothing: requests without a connection run in payscore's own transactions. */
  CallerTransactions NONE =
      new CallerTransactions() {
        @Override
        public <T> Optional<T> join(Function<Joined, T> work) {
          return Optional.empty();
        }
      };

  /**
   * Runs {@code work} in the calling thread's transaction and returns what it returned; returns
   * empty without running it when the thread is in no transaction. Never commits, rolls back or
   * closes the transaction's connection.
   *
   * @throws IllegalStateException if the thread is in a transaction that payscore cannot join (on
   *     another database, say): running one of its own there would break the caller's atomicity
   */
  <T> Optional<T> join(Function<Joined, T> work);

  /** The caller's transaction, as payscore writes in it. */
  interface Joined {
    /** The transaction's connection (not in auto-commit mode). */
    Connection connection();

    /** Runs {@code action} once the transaction committed; never if it rolls back. */
    void afterCommit(Runnable action);
  }
}
