package dev.payscore.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the reconciliation sweep runs: every {@code interval}, it checks at most {@code batchSize}
 * orders whose local state has not changed (nor been checked) for longer than its threshold:
 * CREATED beyond {@code created}, DOING/USER_CONFIRM beyond {@code confirmed} (the completion may
 * need attention), DOING/MCH_COMPLETE (completed, no USER_PAID callback) beyond {@code completed}.
 * A zero {@code interval} means no scheduled sweep ({@link Sweeps#runOnce()} still works).
 */
public record SweepOptions(
    Duration interval, Duration created, Duration confirmed, Duration completed, int batchSize) {

  public SweepOptions {
    Objects.requireNonNull(interval, "interval == null");
    Objects.requireNonNull(created, "created == null");
    Objects.requireNonNull(confirmed, "confirmed == null");
    Objects.requireNonNull(completed, "completed == null");
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
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("SweepOptions: " + String.join("; ", problems));
    }
  }

  /**
   * Every 5 minutes; CREATED after 30 minutes, DOING/USER_CONFIRM after 1 day, DOING/MCH_COMPLETE
   * after 1 hour; 100 orders a sweep.
   */
  public static SweepOptions defaults() {
    return new SweepOptions(
        Duration.ofMinutes(5),
        Duration.ofMinutes(30),
        Duration.ofDays(1),
        Duration.ofHours(1),
        100);
  }

  /** No scheduled sweep. */
  public SweepOptions disabled() {
    return new SweepOptions(Duration.ZERO, created, confirmed, completed, batchSize);
  }

  public SweepOptions withInterval(Duration value) {
    return new SweepOptions(value, created, confirmed, completed, batchSize);
  }

  public SweepOptions withThresholds(
      Duration createdAfter, Duration confirmedAfter, Duration completedAfter) {
    return new SweepOptions(interval, createdAfter, confirmedAfter, completedAfter, batchSize);
  }

  public SweepOptions withBatchSize(int value) {
    return new SweepOptions(interval, created, confirmed, completed, value);
  }
}
