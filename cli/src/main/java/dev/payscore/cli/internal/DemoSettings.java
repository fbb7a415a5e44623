package dev.payscore.cli.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one {@code payscore demo} run does: how many orders, how often WeChat misbehaves, the
 * emulated round trip, the seed of every random choice, and the database (embedded when null).
 */
public record DemoSettings(
    int orders, double faultRate, int latencyMs, long seed, @Nullable String jdbcUrl) {

  public static final int MAX_ORDERS = 100_000;

  /** Every problem with the settings, as flag-named messages; empty when they are fine. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (orders < 1 || orders > MAX_ORDERS) {
      problems.add("--orders must be 1.." + MAX_ORDERS + ": " + orders);
    }
    if (!(faultRate >= 0 && faultRate <= 0.9)) {
      problems.add("--fault-rate must be 0..0.9: " + faultRate);
    }
    if (latencyMs < 0 || latencyMs > 2_000) {
      problems.add("--latency-ms must be 0..2000: " + latencyMs);
    }
    if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      problems.add("--jdbc-url must start with jdbc:postgresql:");
    }
    return problems;
  }
}
