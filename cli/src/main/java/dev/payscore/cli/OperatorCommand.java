package dev.payscore.cli;

import dev.payscore.PayScore;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the operator commands share: {@code --jdbc-url} and {@code --verbose}, and failures
 * reported as one line on stderr with exit code 1 (the stack trace only with {@code --verbose}).
 */
abstract class OperatorCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int FAILED = 1;

  @Spec @Nullable CommandSpec spec;

  @Mixin OperatorDatabase database = new OperatorDatabase();

  /** Runs the command on the database; a {@link CliInput.Failure} is the one line to print. */
  abstract int run(DataSource dataSource, PrintWriter out) throws CliInput.Failure;

  @Override
  public final Integer call() {
    CommandSpec command = Objects.requireNonNull(spec, "spec == null");
    PrintWriter err = command.commandLine().getErr();
    try {
      return run(database.open(), command.commandLine().getOut());
    } catch (CliInput.Failure e) {
      err.println(command.qualifiedName() + ": " + e.getMessage());
      return FAILED;
    } catch (RuntimeException e) {
      err.println(command.qualifiedName() + ": " + oneLine(e));
      if (database.verbose) {
        e.printStackTrace(err);
      }
      return FAILED;
    } finally {
      err.flush();
    }
  }

  /** The facade for reading and requeueing (no dispatcher, no WeChat calls). */
  static PayScore facade(DataSource dataSource) {
    return OperatorDatabase.operatorFacade(dataSource);
  }

  /** The message of {@code e} and its causes, joined on one line. */
  static String oneLine(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && text.length() < 300; t = t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      message = message.lines().findFirst().orElse("");
      if (text.indexOf(message) < 0) {
        if (text.length() > 0) {
          text.append(": ");
        }
        text.append(message);
      }
    }
    return text.toString();
  }
}
