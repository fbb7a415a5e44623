package dev.payscore;

import dev.payscore.domain.port.out.Repositories;
import dev.payscore.persistence.JooqRepositories;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Objects;

/** The storage ports bound to the caller's own transaction on a JDBC connection. */
final class CallerTransaction {
  private CallerTransaction() {}

  /**
   * Ports writing in {@code connection}'s transaction: nothing is committed, rolled back or closed.
   *
   * @throws IllegalArgumentException if the connection is in auto-commit mode (no transaction)
   */
  static Repositories join(Connection connection) {
    Objects.requireNonNull(connection, "connection == null");
    if (autoCommits(connection)) {
      // Each statement would commit alone: an intent without its audit event could be left behind.
      throw new IllegalArgumentException(
          "the connection is in auto-commit mode: begin a transaction, or use the overload without"
              + " a connection");
    }
    return JooqRepositories.of(connection);
  }

  /** A savepoint in the caller's transaction, so that a refused batch can be undone alone. */
  static Savepoint savepoint(Connection connection) {
    try {
      return connection.setSavepoint();
    } catch (SQLException e) {
      throw new StorageException("cannot set a savepoint: " + e.getMessage(), e);
    }
  }

  /** Undoes what was written since {@code savepoint}; the caller's earlier writes stay. */
  static void rollback(Connection connection, Savepoint savepoint) {
    try {
      connection.rollback(savepoint);
    } catch (SQLException e) {
      throw new StorageException("cannot roll back to a savepoint: " + e.getMessage(), e);
    }
  }

  static void release(Connection connection, Savepoint savepoint) {
    try {
      connection.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      throw new StorageException("cannot release a savepoint: " + e.getMessage(), e);
    }
  }

  private static boolean autoCommits(Connection connection) {
    try {
      return connection.getAutoCommit();
    } catch (SQLException e) {
      throw new StorageException("cannot read the connection's auto-commit mode", e);
    }
  }
}
