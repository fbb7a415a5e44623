package dev.payscore.bench.internal;

import java.util.Arrays;

/** Latency samples in nanoseconds and their percentiles (nearest rank). */
public final class Latencies {
  private final long[] sorted;

  public Latencies(long[] nanos) {
    this.sorted = nanos.clone();
    Arrays.sort(sorted);
  }

  public int count() {
    return sorted.length;
  }

  /** The {@code p}-th percentile in milliseconds; 0 without samples. */
  public double percentileMs(double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }
}
