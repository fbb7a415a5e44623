package dev.payscore.migrations;

import dev.payscore.migrations.internal.QuietFlywayLogs;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the payscore schema to a database. The migrations live in their own classpath location
 * ({@value #LOCATION}), create their own schema ({@value #SCHEMA}) and record themselves in their
 * own history table ({@value #SCHEMA}.{@value #HISTORY_TABLE}), so they never collide with the host
 * application's Flyway, which may run before or after this on the same database.
 *
 * <p>Dispatchers wake on {@code LISTEN} {@value #INTENTS_CHANNEL}. Since V4 no trigger notifies
 * it: the engine sends one debounced {@code NOTIFY} outside every merchant transaction (a NOTIFY
 * inside one takes PostgreSQL's global notify lock at commit), and dispatchers also claim on a
 * timer.
 */
public final class PayscoreMigrations {
  /** The schema that holds every payscore table. */
  public static final String SCHEMA = "payscore";

  /** The classpath location of the SQL migrations. */
  public static final String LOCATION = "classpath:dev/payscore/migrations/sql";

  /** Flyway's history table, in {@link #SCHEMA}. */
  public static final String HISTORY_TABLE = "flyway_schema_history";

  /** The channel the intent trigger notifies (payload: the intent id). */
  public static final String INTENTS_CHANNEL = "payscore_intents";

  private static final Logger LOG = LoggerFactory.getLogger(PayscoreMigrations.class);

  private PayscoreMigrations() {}

  /**
   * Brings {@code dataSource}'s database to the latest payscore schema; a database already there is
   * left as it is.
   */
  public static Applied migrate(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource == null");
    MigrateResult result =
        QuietFlywayLogs.quietly(
            () ->
                Flyway.configure(PayscoreMigrations.class.getClassLoader())
                    .loggers(QuietFlywayLogs.class.getName())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .schemas(SCHEMA)
                    .createSchemas(true)
                    .table(HISTORY_TABLE)
                    .failOnMissingLocations(true)
                    .callbacks(new QuietNotices())
                    .load()
                    .migrate());
    List<String> applied = result.migrations.stream().map(PayscoreMigrations::describe).toList();
    String version =
        result.targetSchemaVersion != null
            ? result.targetSchemaVersion
            : result.initialSchemaVersion;
    if (applied.isEmpty()) {
      LOG.debug("payscore schema at version {}: nothing to migrate", version);
    } else {
      LOG.info("payscore schema migrated to version {} (applied {})", version, applied);
    }
    return new Applied(version, applied);
  }

  /**
   * Keeps PostgreSQL's NOTICEs out of each migration's transaction. Flyway creates the schema (for
   * its history table) before V1 runs, so V1's {@code CREATE SCHEMA IF NOT EXISTS} raises "already
   * exists, skipping", which Flyway logs as a WARN that nobody acts on; V1 is released and never
   * edited. {@code SET LOCAL} ends with the transaction, so a pooled connection goes back to the
   * application's pool as it came.
   */
  private static final class QuietNotices extends BaseCallback {
    @Override
    public boolean supports(Event event, Context context) {
      return event == Event.BEFORE_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
      return true;
    }

    @Override
    public void handle(Event event, Context context) {
      try (Statement statement = context.getConnection().createStatement()) {
        statement.execute("SET LOCAL client_min_messages = warning");
      } catch (SQLException e) {
        throw new FlywayException("cannot quieten the migration's session", e);
      }
    }

    @Override
    public String getCallbackName() {
      return "payscore-quiet-notices";
    }
  }

  private static String describe(MigrateOutput migration) {
    return "V" + migration.version + " " + migration.description;
  }

  /**
   * What one {@link #migrate} did: the schema version it left ({@code null} if there are no
   * migrations) and the migrations it applied, oldest first (empty when already current).
   */
  public record Applied(@Nullable String schemaVersion, List<String> migrations) {
    public Applied {
      migrations = List.copyOf(migrations);
    }
  }
}
