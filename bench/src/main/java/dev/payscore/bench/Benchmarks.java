package dev.payscore.bench;

import dev.payscore.bench.internal.BulkRecord;
import dev.payscore.bench.internal.CryptoBench;
import dev.payscore.bench.internal.DurableVsBare;
import dev.payscore.bench.internal.ScaleBench;
import java.time.Duration;
import java.util.Objects;

/**
 * Runs one {@link Scenario} and returns what it measured. Scenarios start what they need (an
 * embedded PostgreSQL or a database of their own on a given server, a sandbox) and stop it again.
 *
 * <pre>{@code
 * BenchResult result = Benchmarks.run(Scenario.DURABLE_VS_BARE, BenchSettings.defaults());
 * System.out.println(result.toJson());
 * }</pre>
 */
public final class Benchmarks {
  /** The latency the round-trip scenario adds to every sandbox answer. */
  public static final Duration ROUND_TRIP_LATENCY = Duration.ofMillis(100);

  private Benchmarks() {}

  public static BenchResult run(Scenario scenario, BenchSettings settings) {
    Objects.requireNonNull(scenario, "scenario == null");
    Objects.requireNonNull(settings, "settings == null");
    return switch (scenario) {
      case DURABLE_VS_BARE -> new DurableVsBare(scenario.id(), settings, Duration.ZERO).run();
      case ROUND_TRIP -> new DurableVsBare(scenario.id(), settings, ROUND_TRIP_LATENCY).run();
      case CRYPTO -> new CryptoBench(scenario.id(), settings).run();
      case SCALE -> new ScaleBench(scenario.id(), settings).run();
      case BULK_RECORD -> new BulkRecord(scenario.id(), settings).run();
    };
  }
}
