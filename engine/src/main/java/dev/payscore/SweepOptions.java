package dev.payscore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the reconciliation sweep runs: every {@code interval}, it looks at most {@code batchSize}
 * orders at WeChat whose local state has not changed for longer than its threshold: CREATED beyond
 * {@code created}, DOING/USER_CONFIRM beyond {@code confirmed} (the completion may need attention),
 * DOING/MCH_COMPLETE (completed, no USER_PAID callback) beyond {@code completed}. An order found
 * unchanged is looked at again after twice its threshold, then four times, and so on, never later
 * than {@code maxBackOff}; any change of the order starts this over. A zero {@code interval} means
 * no scheduled sweep ({@link Sweeps#runOnce()} still works).
 */
public record SweepOptions(
    Duration interval,
    Duration created,
    Duration confirmed,
    Duration completed,
    int batchSize,
    Duration maxBackOff) {

  public SweepOptions {
    Objects.requireNonNull(interval, "interval == null");
    Objects.requireNonNull(created, "created == null");
    Objects.requireNonNull(confirmed, "confirmed == null");
    Objects.requireNonNull(completed, "completed == null");
    Objects.requireNonNull(maxBackOff, "maxBackOff == null");
    List<String> problems = new ArrayList<>();
    if (interval.isNegative()) {
      problems.add("interval < 0: " + interval);
    }
    for (Duration threshold : List.of(created, confirmed, completed)) {
      if (threshold.isNegative() || threshold.isZero()) {
        problems.add("threshold <= 0: " + threshold);
      }
    }
    if (batchSize < 1 || batchSize > 1000) {
      problems.add("batchSize not in 1..1000: " + batchSize);
    }
    if (maxBackOff.isNegative() || maxBackOff.isZero()) {
      problems.add("maxBackOff <= 0: " + maxBackOff);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("SweepOptions: " + String.join("; ", problems));
    }
  }

  /** Options with the default {@code maxBackOff} of one day. */
  public SweepOptions(
      Duration interval, Duration created, Duration confirmed, Duration completed, int batchSize) {
    this(interval, created, confirmed, completed, batchSize, Duration.ofDays(1));
  }

  /**
   * Every 5 minutes; CREATED after 30 minutes, DOING/USER_CONFIRM after 1 day, DOING/MCH_COMPLETE
   * after 1 hour; 100 orders a sweep; unchanged orders looked at again at most a day apart.
   */
  public static SweepOptions defaults() {
    return new SweepOptions(
        Duration.ofMinutes(5),
        Duration.ofMinutes(30),
        Duration.ofDays(1),
        Duration.ofHours(1),
        100,
        Duration.ofDays(1));
  }

  /** No scheduled sweep. */
  public SweepOptions disabled() {
    return withInterval(Duration.ZERO);
  }

  public SweepOptions withInterval(Duration value) {
    return new SweepOptions(value, created, confirmed, completed, batchSize, maxBackOff);
  }

  public SweepOptions withThresholds(
      Duration createdAfter, Duration confirmedAfter, Duration completedAfter) {
    return new SweepOptions(
        interval, createdAfter, confirmedAfter, completedAfter, batchSize, maxBackOff);
  }

  public SweepOptions withBatchSize(int value) {
    return new SweepOptions(interval, created, confirmed, completed, value, maxBackOff);
  }

  public SweepOptions withMaxBackOff(Duration value) {
    return new SweepOptions(interval, created, confirmed, completed, batchSize, value);
  }
}
