package dev.payscore.persistence.internal;

import dev.payscore.StorageException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/**
 * Keeps jOOQ and JDBC on this side of the ports: their exceptions become {@link StorageException},
 * and instants are bound as UTC offsets so the session time zone never matters.
 */
public final class Sql {
  private Sql() {}

  /** Runs one storage operation, translating driver failures; {@code what} names it in messages. */
  public static <T> T run(String what, Supplier<T> operation) {
    try {
      return operation.get();
    } catch (DataAccessException e) {
      throw new StorageException(what + " failed: " + describe(e), e);
    }
  }

  /** The database's own words (SQLState and message), not jOOQ's, which repeats the SQL. */
  public static String describe(Throwable e) {
    SQLException sql = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        sql = s;
        break;
      }
    }
    if (sql == null) {
      return String.valueOf(e.getMessage());
    }
    return "[" + sql.getSQLState() + "] " + sql.getMessage();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static @Nullable OffsetDateTime utcOrNull(@Nullable Instant instant) {
    return instant == null ? null : utc(instant);
  }

  static @Nullable Instant instantOrNull(@Nullable OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
