package dev.payscore.engine.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells a database error that may pass (the connection broke, the server restarts or is
 * overloaded, a serialization failure) from one that will not (a constraint, a bug): only the
 * first is worth trying again on a fresh connection.
 */
final class StorageTrouble {
  private StorageTrouble() {}

  /**
   * SQLState classes that pass: 08 connection exception, 40 transaction rollback (serialization,
   * deadlock), 53 insufficient resources, 57 operator intervention (admin shutdown, a terminated
   * backend, cannot connect now), 58 system error (I/O).
   */
  private static final java.util.Set<String> PASSING = java.util.Set.of("08", "40", "53", "57", "58");

  static boolean isTransient(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException
          || t instanceof SQLRecoverableException
          || t instanceof IOException) {
        return true;
      }
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && state.length() >= 2 && PASSING.contains(state.substring(0, 2))) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
