package dev.payscore.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.migrations.PayscoreMigrations;
import dev.payscore.testing.database.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An application with its own Flyway, configured as Flyway and Spring Boot default it (location
 * {@code classpath:db/migration}, scanned recursively; history in the connection's schema), and its
 * own {@code V1__rental.sql} (this module's test resources), shares one empty database with
 * payscore: both migrate, in either order, each into its own history.
 */
@ExtendWith(TestDatabase.class)
class FlywayCoexistenceIT {
  private String database = "";
  private PGSimpleDataSource empty = new PGSimpleDataSource();

  @BeforeEach
  void createEmptyDatabase(DataSource server) throws SQLException {
    database = "payscore_coexist_" + UUID.randomUUID().toString().substring(0, 8);
    execute(server, "CREATE DATABASE " + database);
    empty = new PGSimpleDataSource();
    empty.setUrl(TestDatabase.jdbcUrl());
    empty.setDatabaseName(database);
  }

  @AfterEach
  void dropIt(DataSource server) throws SQLException {
    execute(server, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }

  @Test
  void theApplicationsFlywayFirstThenPayscoreBothApplyIntoTheirOwnHistories() throws SQLException {
    MigrateResult application = applicationFlyway().migrate();
    PayscoreMigrations.Applied payscore = PayscoreMigrations.migrate(empty);

    assertBothApplied(application, payscore);
  }

  @Test
  void payscoreFirstThenTheApplicationsFlywayBothApplyIntoTheirOwnHistories() throws SQLException {
    PayscoreMigrations.Applied payscore = PayscoreMigrations.migrate(empty);
    MigrateResult application = applicationFlyway().migrate();

    assertBothApplied(application, payscore);
  }

  @Test
  void eachMigratesAgainAsANoOpAndValidatesWhateverRanFirst() throws SQLException {
    applicationFlyway().migrate();
    PayscoreMigrations.migrate(empty);

    assertThat(PayscoreMigrations.migrate(empty).migrations()).isEmpty();
    assertThat(applicationFlyway().migrate().migrationsExecuted).isZero();
    applicationFlyway().validate();
  }

  /** The application's Flyway on Flyway's defaults, as Spring Boot configures it by default. */
  private Flyway applicationFlyway() {
    return Flyway.configure().dataSource(empty).load();
  }

  private void assertBothApplied(MigrateResult application, PayscoreMigrations.Applied payscore)
      throws SQLException {
    assertThat(application.success).isTrue();
    assertThat(application.migrations)
        .extracting(m -> "V" + m.version + " " + m.description)
        .containsExactly("V1 rental");
    assertThat(payscore.migrations()).first().isEqualTo("V1 service orders intents audit inbox");
    assertThat(strings("SELECT version || ' ' || script FROM public.flyway_schema_history"))
        .containsExactly("1 V1__rental.sql");
    assertThat(
            strings(
                "SELECT 'V' || version || ' ' || description FROM payscore.flyway_schema_history"
                    + " WHERE version IS NOT NULL ORDER BY installed_rank"))
        .as("payscore's history holds every payscore migration and nothing of the application's")
        .containsExactlyElementsOf(payscore.migrations());
    assertThat(
            strings(
                "SELECT table_schema || '.' || table_name FROM information_schema.tables"
                    + " WHERE table_name IN ('rental', 'service_order') ORDER BY 1"))
        .containsExactly("payscore.service_order", "public.rental");
  }

  private List<String> strings(String sql) throws SQLException {
    try (Connection c = empty.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    }
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
