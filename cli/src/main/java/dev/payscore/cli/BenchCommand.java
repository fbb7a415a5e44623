package dev.payscore.cli;

import dev.payscore.bench.BenchResult;
import dev.payscore.bench.BenchSettings;
import dev.payscore.bench.Benchmarks;
import dev.payscore.bench.Scenario;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code payscore bench}: runs one benchmark scenario and prints its figures (or one JSON object).
 * Benchmarks are never tests: run them on a quiet machine and compare ratios measured in one run.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Run one benchmark scenario and print what it measured (see BENCHMARKS.md).",
      "PostgreSQL: an embedded one by default, or --jdbc-url (a database is created and dropped).",
      "JMH micro-benchmarks: java -cp cli/target/payscore.jar org.openjdk.jmh.Main"
    })
public final class BenchCommand implements Callable<Integer> {
  @Spec @Nullable CommandSpec spec;

  @Option(names = "--scenario", paramLabel = "NAME", description = "The scenario (see --list).")
  @Nullable String scenario;

  @Option(names = "--list", description = "List the scenarios and exit.")
  boolean list;

  @Option(
      names = "--duration",
      paramLabel = "S",
      description = "Seconds each timed phase offers work (default: ${DEFAULT-VALUE}).")
  double duration = BenchSettings.defaults().duration().toMillis() / 1000.0;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(
      names = "--concurrency",
      description =
          "Calls in flight: bare threads and dispatcher concurrency (default: ${DEFAULT-VALUE}).")
  int concurrency = BenchSettings.defaults().concurrency();

  @Option(
      names = "--jdbc-url",
      description =
          "A PostgreSQL server to use instead of an embedded one, e.g."
              + " jdbc:postgresql://127.0.0.1:5432/postgres")
  @Nullable String jdbcUrl;

  @Option(
      names = "--history-sizes",
      split = ",",
      description = "scale: audit events seeded, ascending (default: 10000,1000000).")
  List<Long> historySizes = BenchSettings.defaults().historySizes();

  @Option(
      names = "--settled-sizes",
      split = ",",
      description = "scale: settled intents present while claiming (default: 10000,1000000).")
  List<Long> settledSizes = BenchSettings.defaults().settledSizes();

  @Option(
      names = "--backlog",
      description = "scale: pending intents drained after an outage (default: ${DEFAULT-VALUE}).")
  int backlog = BenchSettings.defaults().backlog();

  @Option(
      names = "--drain-rate-limit",
      description =
          "scale: per-merchant calls/s of the rate-limited drain (default: ${DEFAULT-VALUE}, the"
              + " library's).")
  double drainRateLimit = BenchSettings.defaults().drainRateLimit();

  @Option(
      names = "--durability",
      paramLabel = "on|off",
      description =
          "on (default): PostgreSQL flushes the WAL at every commit (fsync and synchronous_commit"
              + " on), as in production; off: neither (faster, not crash-safe).")
  String durability = "on";

  @Override
  public Integer call() {
    PrintWriter out = Objects.requireNonNull(spec).commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (list) {
      for (Scenario s : Scenario.values()) {
        out.printf("%-16s %s%n", s.id(), s.summary());
      }
      return 0;
    }
    if (scenario == null) {
      err.println("payscore bench: --scenario NAME is required (or --list)");
      return 2;
    }
    Scenario chosen = Scenario.byId(scenario).orElse(null);
    if (chosen == null) {
      err.println(
          "payscore bench: unknown scenario '"
              + scenario
              + "'; one of: "
              + Arrays.stream(Scenario.values())
                  .map(Scenario::id)
                  .collect(Collectors.joining(", ")));
      return 2;
    }
    BenchSettings settings;
    try {
      if (!(duration > 0) || duration > 86_400) {
        throw new IllegalArgumentException("duration must be in (0, 86400] seconds: " + duration);
      }
      if (!durability.equals("on") && !durability.equals("off")) {
        throw new IllegalArgumentException("durability must be on or off: " + durability);
      }
      settings =
          new BenchSettings(
              Duration.ofMillis(Math.round(duration * 1000)),
              concurrency,
              jdbcUrl,
              historySizes,
              settledSizes,
              backlog,
              drainRateLimit,
              durability.equals("on"));
    } catch (IllegalArgumentException e) {
      err.println("payscore bench: " + e.getMessage());
      return 2;
    }
    BenchResult result = Benchmarks.run(chosen, settings);
    out.println(json ? result.toJson() : result.toText());
    return 0;
  }
}
