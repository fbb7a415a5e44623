package dev.payscore.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.migrations.PayscoreMigrations;
import dev.payscore.testing.database.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * payscore puts nothing in the merchant's log that nobody acts on: no Flyway warning about its own
 * schema nor a line per migration, no jOOQ banner, tip of the day or "database version is
 * supported" line. The log is what slf4j-simple writes to stderr.
 */
@ExtendWith(TestDatabase.class)
class QuietLogsIT {

  @Test
  void migratingAnEmptyDatabaseLogsNoWarning(DataSource server) throws SQLException {
    String database = "payscore_quiet_" + UUID.randomUUID().toString().substring(0, 8);
    execute(server, "CREATE DATABASE " + database);
    try {
      PGSimpleDataSource empty = new PGSimpleDataSource();
      empty.setUrl(TestDatabase.jdbcUrl());
      empty.setDatabaseName(database);

      String log = stderrOf(() -> PayscoreMigrations.migrate(empty));

      // one line that says what changed, none per migration, none of Flyway's own chatter
      assertThat(log)
          .doesNotContain("WARN")
          .doesNotContain("Migrating schema")
          .doesNotContain("Flyway OSS Edition")
          .doesNotContain("Database: jdbc")
          .doesNotContain("Successfully validated")
          .doesNotContain("Creating Schema History table");
      assertThat(log.lines().filter(line -> line.contains(" INFO ")))
          .singleElement()
          .asString()
          .contains("payscore schema migrated to version")
          .contains("V1 ");
    } finally {
      execute(server, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  /** jOOQ logs its banner once per JVM, so a fresh JVM runs the first query. */
  @Test
  void theFirstJooqQueryOfAJvmLogsNoBannerAndNoTip() throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    FirstQuery.class.getName(),
                    TestDatabase.jdbcUrl()))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("first query done")
        .doesNotContain("Thank you for using jOOQ")
        .doesNotContain("@@@@@@@@@@")
        .doesNotContain("tip of the day")
        .doesNotContain("supported by dialect");
  }

  /** The child JVM: one jOOQ query through the persistence entry point, nothing else. */
  static final class FirstQuery {
    private FirstQuery() {}

    public static void main(String[] args) throws SQLException {
      try (Connection connection = DriverManager.getConnection(args[0])) {
        JooqRepositories.of(connection)
            .history()
            .ofOrder(new MerchantId("1900000001"), new OutOrderNo("quiet-1"));
      }
      System.out.println("first query done");
    }
  }

  private static String stderrOf(Runnable work) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      work.run();
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    original.print(log);
    return log;
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
