package dev.payscore.persistence.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/**
 * The statements on a completion's path, run as fixed SQL text over the JDBC connection of a
 * {@link DSLContext} (so in its transaction). Building and rendering a jOOQ query costs more CPU
 * than PostgreSQL spends executing these small statements (a JFR profile of {@code payscore bench}
 * put half of the persistence time in rendering); jOOQ's manual suggests exactly this for hot
 * queries. The text never changes, so pgjdbc prepares each statement once per connection on the
 * server. Failures surface as jOOQ's {@link DataAccessException}, like every other statement here,
 * and {@link Sql#run} translates them.
 */
final class Jdbc {
  private Jdbc() {}

  /** Sets the parameters of a statement. */
  @FunctionalInterface
  interface Binder {
    void bind(Parameters p) throws SQLException;
  }

  /** Reads the current row of a result. */
  @FunctionalInterface
  interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** The rows {@code sql} returns, each read by {@code reader}. */
  static <T> List<T> query(DSLContext dsl, String sql, Binder binder, Reader<T> reader) {
    return dsl.connectionResult(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(new Parameters(connection, statement));
            try (ResultSet rs = statement.executeQuery()) {
              return readAll(rs, reader);
            }
          } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
          }
        });
  }

  /** Runs a statement that returns no rows; how many rows it changed. */
  static int update(DSLContext dsl, String sql, Binder binder) {
    return dsl.connectionResult(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(new Parameters(connection, statement));
            return statement.executeUpdate();
          } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
          }
        });
  }

  /** The one row {@code sql} returns, if any. */
  static <T> Optional<T> queryOne(DSLContext dsl, String sql, Binder binder, Reader<T> reader) {
    List<T> rows = query(dsl, sql, binder, reader);
    if (rows.size() > 1) {
      throw new DataAccessException("more than one row from: " + sql);
    }
    return rows.stream().findFirst();
  }

  /** The rows of a query built with jOOQ (a cold path), read by the same readers. */
  static <T> List<T> fetch(ResultQuery<?> query, Reader<T> reader) {
    try (ResultSet rs = query.fetchResultSet()) {
      return readAll(rs, reader);
    } catch (SQLException e) {
      throw new DataAccessException(e.getMessage(), e);
    }
  }

  private static <T> List<T> readAll(ResultSet rs, Reader<T> reader) throws SQLException {
    List<T> rows = new ArrayList<>();
    while (rs.next()) {
      rows.add(reader.read(rs));
    }
    return rows;
  }

  static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }

  static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  static @Nullable Boolean nullableBoolean(ResultSet rs, String column) throws SQLException {
    boolean value = rs.getBoolean(column);
    return rs.wasNull() ? null : value;
  }

  /** Positional parameters, set in the order the SQL text names them. */
  static final class Parameters {
    private final Connection connection;
    private final PreparedStatement statement;
    private int index;

    private Parameters(Connection connection, PreparedStatement statement) {
      this.connection = connection;
      this.statement = statement;
    }

    Parameters text(@Nullable String value) throws SQLException {
      statement.setString(++index, value);
      return this;
    }

    Parameters number(@Nullable Long value) throws SQLException {
      statement.setObject(++index, value, Types.BIGINT);
      return this;
    }

    Parameters integer(int value) throws SQLException {
      statement.setInt(++index, value);
      return this;
    }

    /** bytea. */
    Parameters bytes(byte[] value) throws SQLException {
      statement.setBytes(++index, value);
      return this;
    }

    Parameters bool(@Nullable Boolean value) throws SQLException {
      statement.setObject(++index, value, Types.BOOLEAN);
      return this;
    }

    Parameters object(@Nullable Object value) throws SQLException {
      // uuid: pgjdbc sends java.util.UUID as a uuid
      statement.setObject(++index, value);
      return this;
    }

    /** A time as timestamptz (an absolute instant: the session time zone never matters). */
    Parameters time(@Nullable Instant value) throws SQLException {
      if (value == null) {
        statement.setNull(++index, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        statement.setObject(++index, Sql.utc(value), Types.TIMESTAMP_WITH_TIMEZONE);
      }
      return this;
    }

    /** A text array, for {@code unnest}; the SQL casts it to the column's type. */
    Parameters texts(@Nullable String[] values) throws SQLException {
      Array array = connection.createArrayOf("text", values);
      statement.setArray(++index, array);
      return this;
    }

    /** A bigint array, for {@code unnest}. */
    Parameters numbers(@Nullable Long[] values) throws SQLException {
      Array array = connection.createArrayOf("int8", values);
      statement.setArray(++index, array);
      return this;
    }
  }
}
