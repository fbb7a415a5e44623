package dev.payscore.cli;

import dev.payscore.migrations.PayscoreMigrations;
import java.io.PrintWriter;
import javax.sql.DataSource;
import picocli.CommandLine.Command;

/** {@code payscore migrate}: brings a database to the latest payscore schema. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Apply the payscore schema (schema payscore, its own Flyway history table) to a database.",
      "Exit codes: 0 migrated or already current, 1 failed, 2 wrong flags."
    })
public final class MigrateCommand extends OperatorCommand {

  @Override
  int run(DataSource dataSource, PrintWriter out) {
    PayscoreMigrations.Applied applied = PayscoreMigrations.migrate(dataSource);
    out.println(
        "schema "
            + PayscoreMigrations.SCHEMA
            + " at version "
            + applied.schemaVersion()
            + (applied.migrations().isEmpty()
                ? " (already current)"
                : ", applied: " + String.join(", ", applied.migrations())));
    out.flush();
    return OK;
  }
}
