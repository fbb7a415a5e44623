package dev.payscore.cli.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The demo's PostgreSQL: the one {@code --jdbc-url} names, or an embedded PostgreSQL 15 started in
 * a temporary directory and removed at the end. Also holds the merchant's own table of the demo,
 * {@code payscore_demo.rental_return}, written in the same transaction as each completion request.
 */
public final class DemoDatabase implements AutoCloseable {
  private final @Nullable EmbeddedPostgres embedded;
  private final HikariDataSource pool;
  private final String description;

  private DemoDatabase(@Nullable EmbeddedPostgres embedded, HikariDataSource pool, String description) {
    this.embedded = embedded;
    this.pool = pool;
    this.description = description;
  }

  /** Starts embedded PostgreSQL 15 when {@code jdbcUrl} is null; connects to it otherwise. */
  public static DemoDatabase open(@Nullable String jdbcUrl) {
    EmbeddedPostgres embedded = null;
    HikariConfig config = new HikariConfig();
    String description;
    if (jdbcUrl == null) {
      try {
        embedded = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL: " + e.getMessage(), e);
      }
      config.setDataSource(embedded.getPostgresDatabase());
      description = "embedded PostgreSQL 15 on 127.0.0.1:" + embedded.getPort();
    } else {
      config.setJdbcUrl(jdbcUrl);
      description = "PostgreSQL at " + jdbcUrl.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }
    config.setPoolName("payscore-demo");
    config.setMaximumPoolSize(24);
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(10_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      if (embedded != null) {
        closeQuietly(embedded);
      }
      throw e;
    }
    DemoDatabase database = new DemoDatabase(embedded, pool, description);
    database.createDemoTable();
    return database;
  }

  public DataSource dataSource() {
    return pool;
  }

  public String description() {
    return description;
  }

  private void createDemoTable() {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS payscore_demo");
      s.execute(
          "CREATE TABLE IF NOT EXISTS payscore_demo.rental_return ("
              + " mchid text NOT NULL,"
              + " out_order_no text NOT NULL,"
              + " fee bigint NOT NULL,"
              + " returned_at timestamptz NOT NULL DEFAULT now(),"
              + " PRIMARY KEY (mchid, out_order_no))");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the demo table: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    pool.close();
    if (embedded != null) {
      closeQuietly(embedded);
    }
  }

  private static void closeQuietly(EmbeddedPostgres embedded) {
    try {
      embedded.close();
    } catch (IOException e) {
      // the temporary directory stays behind; nothing else to do at exit
    }
  }
}
