package dev.payscore.cli;

import dev.payscore.cli.internal.Demo;
import dev.payscore.cli.internal.DemoReport;
import dev.payscore.cli.internal.DemoSettings;
import dev.payscore.cli.internal.Progress;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code payscore demo}: the library end to end on this machine, with WeChat misbehaving on purpose,
 * and a verdict that compares the database with what WeChat applied.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run N orders through their whole life against an in-process WeChat sandbox that injects"
          + " faults, on embedded PostgreSQL 15 (or --jdbc-url), then compare the database with"
          + " WeChat's ledger.",
      "Exit codes: 0 nothing lost, duplicated, mismatched or divergent; 1 otherwise or the run"
          + " failed; 2 wrong flags."
    })
public final class DemoCommand implements Callable<Integer> {
  static final int CLEAN = 0;
  static final int NOT_CLEAN = 1;
  static final int WRONG_FLAGS = 2;

  @Spec @Nullable CommandSpec spec;

  @Option(names = "--orders", paramLabel = "N", description = "Orders to run (default: ${DEFAULT-VALUE}).")
  int orders = 200;

  @Option(
      names = "--fault-rate",
      paramLabel = "F",
      description =
          "Share of complete calls that meet a fault, all kinds mixed, 0..0.9 (default:"
              + " ${DEFAULT-VALUE}).")
  double faultRate = 0.3;

  @Option(
      names = "--latency-ms",
      paramLabel = "L",
      description = "Emulated round trip added to each call, ms (default: ${DEFAULT-VALUE}).")
  int latencyMs = 20;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of the faults and the back-off jitter (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      description = "Use this PostgreSQL instead of an embedded one (a fresh merchant id per run).")
  @Nullable String jdbcUrl;

  @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
  boolean json;

  @Option(names = "--verbose", description = "Print the stack trace of a failure.")
  boolean verbose;

  @Override
  public Integer call() {
    CommandSpec command = Objects.requireNonNull(spec, "spec == null");
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    DemoSettings settings = new DemoSettings(orders, faultRate, latencyMs, seed, jdbcUrl);
    List<String> problems = settings.problems();
    if (!problems.isEmpty()) {
      err.println("payscore demo: " + String.join("; ", problems));
      err.flush();
      return WRONG_FLAGS;
    }
    Progress progress = new Progress(err, System.console() != null, orders);
    DemoReport report;
    try {
      report = new Demo(settings, progress).run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("payscore demo: interrupted");
      err.flush();
      return NOT_CLEAN;
    } catch (RuntimeException e) {
      progress.finish();
      err.println("payscore demo: " + OperatorCommand.oneLine(e));
      if (verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return NOT_CLEAN;
    }
    if (json) {
      out.println(report.json().toString());
      out.flush();
    } else {
      report.print(out);
    }
    // stdout stays one JSON object with --json: the way to the console goes to stderr then
    PrintWriter hint = json ? err : out;
    hint.println();
    consoleHint(report).forEach(hint::println);
    hint.flush();
    return report.clean() ? CLEAN : NOT_CLEAN;
  }

  /** How to look at this run in the operator console (the embedded database is gone by now). */
  private List<String> consoleHint(DemoReport report) {
    String merchant =
        report.sampleHistory().isEmpty()
            ? ""
            : " --mchid " + report.sampleHistory().get(0).entry().mchid().value();
    if (jdbcUrl == null) {
      return List.of(
          "Look at a run in the operator console: run the demo on a database that stays, then serve it:",
          "  payscore demo --jdbc-url jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres",
          "  payscore console --jdbc-url jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    }
    return List.of(
        "Look at this run in the operator console (http://127.0.0.1:8765/):",
        "  payscore console --jdbc-url '" + OperatorDatabase.redacted(jdbcUrl) + "'" + merchant);
  }
}
