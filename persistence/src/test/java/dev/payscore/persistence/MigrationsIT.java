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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/** The Flyway migrations on a real, empty PostgreSQL database of their own. */
@ExtendWith(TestDatabase.class)
class MigrationsIT {
  private static final String DATABASE =
      "payscore_migrations_" + UUID.randomUUID().toString().substring(0, 8);

  private static PGSimpleDataSource empty;

  @BeforeAll
  static void createEmptyDatabase(DataSource server) throws SQLException {
    execute(server, "CREATE DATABASE " + DATABASE);
    empty = new PGSimpleDataSource();
    empty.setUrl(TestDatabase.jdbcUrl());
    empty.setDatabaseName(DATABASE);
  }

  @AfterAll
  static void dropIt(DataSource server) throws SQLException {
    execute(server, "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
  }

  @Test
  void migratingFromEmptyAppliesEveryMigrationOnceIntoItsOwnSchemaAndHistory() throws SQLException {
    PayscoreMigrations.Applied first = PayscoreMigrations.migrate(empty);
    PayscoreMigrations.Applied second = PayscoreMigrations.migrate(empty);

    assertThat(first.migrations())
        .containsExactly(
            "V1 service orders intents audit inbox",
            "V2 sweeps and intent kinds",
            "V3 intent bytes generations one open",
            "V4 claims by merchant no notify trigger",
            "V5 confirmation time and sweep schedule",
            "V6 claims counted");
    assertThat(first.schemaVersion()).isEqualTo("6");
    assertThat(second.migrations()).isEmpty();
    assertThat(second.schemaVersion()).isEqualTo("6");
    assertThat(
            strings(
                empty,
                "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'payscore' ORDER BY table_name"))
        .containsExactly(
            "audit_event",
            "audit_sequence",
            "completion_intent",
            "flyway_schema_history",
            "notification_inbox",
            "service_order");
    assertThat(
            strings(
                empty,
                "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'public'"))
        .isEmpty();
  }

  @Test
  void everyConstraintIsNamedByTheSchemaNotByPostgresql() throws SQLException {
    PayscoreMigrations.migrate(empty);

    List<String> names =
        strings(
            empty,
            "SELECT c.conname FROM pg_constraint c JOIN pg_namespace n"
                + " ON n.oid = c.connamespace WHERE n.nspname = 'payscore'"
                + " AND c.conrelid <> 'payscore.flyway_schema_history'::regclass");

    assertThat(names)
        .contains(
            "service_order_pk",
            "completion_intent_generation_uk",
            "completion_intent_supersedes_fk",
            "completion_intent_order_fk",
            "completion_intent_status_ck",
            "audit_event_order_sequence_uk",
            "notification_inbox_pk")
        .allSatisfy(name -> assertThat(name).matches("[a-z_0-9]+_(pk|uk|fk|ck)"));
  }

  @Test
  void theDueIntentIndexesArePartialByMerchantAndOnlyTheAuditTriggerExists() throws SQLException {
    PayscoreMigrations.migrate(empty);

    assertThat(
            strings(
                empty,
                "SELECT indexdef FROM pg_indexes WHERE schemaname = 'payscore'"
                    + " AND indexname LIKE 'completion_intent_%_due_idx' ORDER BY indexname"))
        .hasSize(2)
        .allSatisfy(def -> assertThat(def).contains("WHERE").contains("(mchid, "));
    assertThat(
            strings(empty, "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname"))
        .containsExactly("audit_event_append_only_trg");
  }

  @Test
  void sessionsOfTheTestDatabaseAreNotInUtc() throws SQLException {
    assertThat(strings(TestDatabase.dataSource(), "SHOW TimeZone"))
        .containsExactly(TestDatabase.SESSION_TIME_ZONE);
  }

  private static List<String> strings(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
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
