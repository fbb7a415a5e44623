package dev.payscore.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sandbox's own clock: a base {@link Clock} plus an offset that tests move forward. Expiry of
 * unconfirmed orders, automatic payment, the time rules of complete and the 5-minute signature
 * window all read it. A client that wants its signatures accepted after {@link #advance} shares
 * this clock (it is a {@code java.time.Clock}).
 *
 * <pre>{@code
 * sandbox.clock().advance(Duration.ofDays(30)); // CREATED orders expire
 * }</pre>
 */
public final class SandboxClock extends Clock {
  private final Clock base;
  private final AtomicReference<Duration> offset;
  private final Runnable onAdvance;

  private SandboxClock(Clock base, AtomicReference<Duration> offset, Runnable onAdvance) {
    this.base = base;
    this.offset = offset;
    this.onAdvance = onAdvance;
  }

  /** A clock that follows {@code base}; advancing it adds to an offset. */
  public static SandboxClock of(Clock base) {
    Objects.requireNonNull(base, "base == null");
    return new SandboxClock(base, new AtomicReference<>(Duration.ZERO), () -> {});
  }

  /** The same clock, calling {@code onAdvance} after each move (the sandbox's due work). */
  SandboxClock withListener(Runnable onAdvance) {
    Objects.requireNonNull(onAdvance, "onAdvance == null");
    return new SandboxClock(base, offset, onAdvance);
  }

  /** Moves time forward by {@code amount} (never backwards) and runs what became due. */
  public void advance(Duration amount) {
    Objects.requireNonNull(amount, "amount == null");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("amount < 0: " + amount);
    }
    offset.accumulateAndGet(amount, Duration::plus);
    onAdvance.run();
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new SandboxClock(base.withZone(zone), offset, onAdvance);
  }

  @Override
  public String toString() {
    return "SandboxClock[" + instant() + "]";
  }
}
