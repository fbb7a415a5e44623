package dev.payscore;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How many intents are open, by status, and how long the oldest pending one has waited: what a
 * health check, a metrics gauge or an operator's first look needs, from one count over the open
 * rows (never a listing).
 *
 * @param pending waiting for their next attempt (due now, backing off, or held back)
 * @param inFlight claimed by a dispatcher (under a lease, live or expired)
 * @param needsAttention waiting for a person ({@code retry}), quarantined rows included
 * @param oldestPendingAge how long ago the oldest PENDING intent was requested, by the database's
 *     clock (never negative); empty when none is pending
 */
public record IntentStats(
    long pending, long inFlight, long needsAttention, Optional<Duration> oldestPendingAge) {

  /** Nothing open. */
  public static final IntentStats NONE = new IntentStats(0, 0, 0, Optional.empty());

  public IntentStats {
    Objects.requireNonNull(oldestPendingAge, "oldestPendingAge == null");
    if (pending < 0 || inFlight < 0 || needsAttention < 0) {
      throw new IllegalArgumentException("negative count");
    }
    if (oldestPendingAge.isPresent() && oldestPendingAge.get().isNegative()) {
      throw new IllegalArgumentException("oldestPendingAge is negative");
    }
    if (oldestPendingAge.isPresent() != (pending > 0)) {
      throw new IllegalArgumentException("oldestPendingAge present iff something is pending");
    }
  }

  /** Every open intent: pending, in flight and needing attention. */
  public long open() {
    return pending + inFlight + needsAttention;
  }
}
