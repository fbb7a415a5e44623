package dev.payscore.bench.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.payscore.migrations.PayscoreMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL of one run: an embedded one started for it, or a fresh database created on the
 * server of a JDBC URL (and dropped at {@link #close()}). Migrated, pooled (HikariCP) and counted.
 */
public final class Database implements AutoCloseable {
  private final @Nullable EmbeddedPostgres embedded;
  private final @Nullable String adminUrl;
  private final String databaseName;
  private final String url;
  private final HikariDataSource pool;
  private final CountingDataSource counting;

  private Database(
      @Nullable EmbeddedPostgres embedded,
      @Nullable String adminUrl,
      String name,
      String url,
      int poolSize) {
    this.embedded = embedded;
    this.adminUrl = adminUrl;
    this.databaseName = name;
    this.url = url;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername("postgres");
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(poolSize);
    config.setPoolName("payscore-bench");
    this.pool = new HikariDataSource(config);
    this.counting = new CountingDataSource(pool);
    PayscoreMigrations.migrate(pool);
  }

  /**
   * Starts embedded PostgreSQL ({@code jdbcUrl} null) or creates a database on the URL's server.
   * {@code durable}: the embedded server flushes the WAL at every commit (fsync and
   * synchronous_commit on, as in production; the embedded defaults are both off); not durable, a
   * created database gets {@code synchronous_commit = off} (fsync is the server's).
   */
  public static Database open(@Nullable String jdbcUrl, int poolSize, boolean durable) {
    String flush = durable ? "on" : "off";
    try {
      if (jdbcUrl == null) {
        EmbeddedPostgres pg =
            EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", "256MB")
                // after the embedded server's own -F, so these win
                .setServerConfig("fsync", flush)
                .setServerConfig("synchronous_commit", flush)
                .start();
        return new Database(pg, null, "postgres", pg.getJdbcUrl("postgres", "postgres"), poolSize);
      }
      String name =
          "payscore_bench_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
      try (Connection admin = DriverManager.getConnection(jdbcUrl, "postgres", null);
          Statement statement = admin.createStatement()) {
        statement.execute("CREATE DATABASE " + name);
        if (!durable) {
          statement.execute("ALTER DATABASE " + name + " SET synchronous_commit = off");
        }
      }
      String url = jdbcUrl.replaceFirst("^(jdbc:postgresql://[^/?]+/)[^?]*", "$1" + name);
      return new Database(null, jdbcUrl, name, url, poolSize);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create a database on " + jdbcUrl + ": " + e.getMessage(), e);
    }
  }

  /** The pool, uncounted: for seeding and measuring. */
  public DataSource raw() {
    return pool;
  }

  /** The pool as the library sees it: every statement and commit counted. */
  public CountingDataSource counted() {
    return counting;
  }

  /** "embedded PostgreSQL 15.x" or the server version of the URL. */
  public String describe() {
    String version = scalarText("SHOW server_version");
    return (embedded != null ? "embedded PostgreSQL " : "PostgreSQL ")
        + version
        + (embedded != null ? "" : " at " + adminUrl);
  }

  /** "fsync on, synchronous_commit on": what a commit waits for on this server. */
  public String durability() {
    return "fsync "
        + scalarText("SHOW fsync")
        + ", synchronous_commit "
        + scalarText("SHOW synchronous_commit");
  }

  /**
   * The server's WAL so far (pg_stat_wal: the whole server, so on a shared server other databases'
   * writes count too): bytes, records, and the flushes to disk (the WAL writer's and commits').
   */
  public Wal wal() {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT wal_bytes, wal_records, wal_sync FROM pg_stat_wal")) {
      rs.next();
      return new Wal(rs.getLong(1), rs.getLong(2), rs.getLong(3));
    } catch (SQLException e) {
      throw new IllegalStateException("reading pg_stat_wal: " + e.getMessage(), e);
    }
  }

  /** WAL written: bytes, records, flushes (fsyncs of the WAL). */
  public record Wal(long bytes, long records, long syncs) {
    public Wal minus(Wal earlier) {
      return new Wal(bytes - earlier.bytes, records - earlier.records, syncs - earlier.syncs);
    }
  }

  /** Committed transactions of this database so far (pg_stat_database, after a stats flush). */
  public long committedTransactions() {
    return scalarLong(
        "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
  }

  /**
   * CPU seconds used so far by this database's server processes: its client backends plus the
   * shared background processes (WAL writer, checkpointer), from /proc; -1 where /proc is absent.
   */
  public double serverCpuSeconds() {
    List<Long> pids = new ArrayList<>();
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    + " OR backend_type <> 'client backend'")) {
      while (rs.next()) {
        pids.add(rs.getLong(1));
      }
    } catch (SQLException e) {
      return -1;
    }
    double total = 0;
    for (long pid : pids) {
      Path stat = Path.of("/proc", Long.toString(pid), "stat");
      try {
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        // fields[11], [12]: utime, stime in clock ticks (USER_HZ, 100 on Linux)
        total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
      } catch (IOException | RuntimeException e) {
        if (!Files.exists(Path.of("/proc/self"))) {
          return -1;
        }
      }
    }
    return total;
  }

  /** Runs SQL statements in one transaction (seeding). */
  public void execute(String... sql) {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      for (String statement : sql) {
        s.execute(statement);
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("seeding failed: " + e.getMessage(), e);
    }
  }

  public long scalarLong(String sql) {
    return Long.parseLong(scalarText(sql));
  }

  public String scalarText(String sql) {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    pool.close();
    try {
      if (embedded != null) {
        embedded.close();
      } else if (adminUrl != null) {
        try (Connection admin = DriverManager.getConnection(adminUrl, "postgres", null);
            Statement statement = admin.createStatement()) {
          statement.execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
        }
      }
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("cannot clean up " + url + ": " + e.getMessage(), e);
    }
  }
}
