package dev.payscore.cli.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The demo moved the shared clock forward by {@code amount} at {@code at}, past a wait where nothing
 * happens. Durations measured on that clock leave such skips out.
 */
record ClockSkip(Instant at, Duration amount) {
  ClockSkip {
    Objects.requireNonNull(at, "at == null");
    Objects.requireNonNull(amount, "amount == null");
  }

  /** From {@code start} to {@code end} on the clock, without the skips that lie between them. */
  static Duration elapsed(Instant start, Instant end, List<ClockSkip> skips) {
    Duration elapsed = Duration.between(start, end);
    for (ClockSkip skip : skips) {
      if (!skip.at.isBefore(start) && !skip.at.plus(skip.amount).isAfter(end)) {
        elapsed = elapsed.minus(skip.amount);
      }
    }
    return elapsed.isNegative() ? Duration.ZERO : elapsed;
  }
}
