package dev.payscore.samples.support;

import dev.payscore.migrations.PayscoreMigrations;
import dev.payscore.testing.database.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An empty database of its own on the server {@link TestDatabase} uses (a given URL, a container or
 * embedded PostgreSQL), so that a test starts from nothing, as a new application does: no payscore
 * schema, no Flyway history. Dropped when the JVM exits.
 */
public final class FreshDatabase {
  private final String url;

  private FreshDatabase(String url) {
    this.url = url;
  }

  public static FreshDatabase create(String prefix) {
    String server = TestDatabase.jdbcUrl();
    String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(server);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    String url = replaceDatabase(server, name);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try (Connection c = DriverManager.getConnection(server);
                      Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                  } catch (SQLException e) {
                    // the server may be gone already (embedded, stopped first)
                  }
                },
                "drop-" + name));
    return new FreshDatabase(url);
  }

  /** payscore's migrations applied first, as before an application's own Flyway runs. */
  public FreshDatabase migratedByPayscore() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(url);
    PayscoreMigrations.migrate(dataSource);
    return this;
  }

  /** The application's own Flyway ({@code classpath:db/migration}) applied first, before payscore's. */
  public FreshDatabase migratedByTheApplicationsFlyway() {
    Flyway.configure().dataSource(url, null, null).load().migrate();
    return this;
  }

  /** Its JDBC URL (with the server URL's parameters, the user among them). */
  public String url() {
    return url;
  }

  /** {@code jdbc:postgresql://host:port/db?params} with another database name. */
  static String replaceDatabase(String url, String database) {
    int slash = url.indexOf('/', "jdbc:postgresql://".length());
    int query = url.indexOf('?', slash);
    return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
  }
}
