package dev.payscore;

import dev.payscore.domain.OrderLifecycleException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Storage refused or failed a write or read (a constraint, a lost connection). The transaction it
 * happened in is rolled back: nothing is half-written.
 *
 * <p>{@link #isTransient()} says whether the same work may succeed if tried again later: the
 * connection was lost or refused, the database was shutting down or restarting, the transaction
 * lost a serialization conflict or a deadlock, or a lock or statement timed out. Anything else (a
 * constraint, a bad value, a schema that is not migrated) is permanent: trying again gives the same
 * answer. It is read from the SQLState of the {@link SQLException} in the cause chain:
 *
 * <ul>
 *   <li>transient: class {@code 08} (connection exceptions), {@code 40001} (serialization failure),
 *       {@code 40P01} (deadlock), {@code 53300} (too many connections), {@code 55P03} (lock not
 *       available), {@code 57014} (statement timeout or cancel), {@code 57P01}–{@code 57P05}
 *       (shutdown, crash, not yet accepting connections, idle timeout), and the driver's {@link
 *       SQLTransientException}s and {@link SQLRecoverableException}s (a pool's connection timeout);
 *   <li>permanent: every other SQLState, and a failure without one.
 * </ul>
 *
 * <p>Immutable; safe to share.
 */
public final class StorageException extends OrderLifecycleException {
  private static final long serialVersionUID = 1L;

  private static final Set<String> TRANSIENT_STATES =
      Set.of("40001", "40P01", "53300", "55P03", "57014", "57P01", "57P02", "57P03", "57P04", "57P05");

  private final boolean transientFailure;
  private final @Nullable String sqlState;

  /** A permanent failure without a database error (e.g. a row that should exist does not). */
  public StorageException(String message) {
    super(message);
    this.transientFailure = false;
    this.sqlState = null;
  }

  /** A failure caused by {@code cause}: transient or permanent by its SQLState (see above). */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
    SQLException sql = sqlException(cause);
    this.sqlState = sql == null ? null : sql.getSQLState();
    this.transientFailure = isTransient(cause);
  }

  /**
   * Whether trying the same work again later may succeed (the database or the connection to it was
   * unavailable, or the transaction lost a conflict); false when it would fail the same way.
   */
  public boolean isTransient() {
    return transientFailure;
  }

  /** The SQLState of the database error behind this failure, if there was one. */
  public @Nullable String sqlState() {
    return sqlState;
  }

  /** Whether a failure with this SQLState is transient (see the class comment); false for null. */
  public static boolean isTransientSqlState(@Nullable String sqlState) {
    return sqlState != null
        && (sqlState.startsWith("08") || TRANSIENT_STATES.contains(sqlState));
  }

  private static boolean isTransient(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return isTransientSqlState(sql.getSQLState());
      }
    }
    return false;
  }

  private static @Nullable SQLException sqlException(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }
}
