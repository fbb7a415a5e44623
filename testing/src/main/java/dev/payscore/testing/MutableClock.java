package dev.payscore.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it: {@link #set} or {@link #advance}. Safe
 * to share between threads; views made by {@link #withZone} share the same time, so moving one
 * moves all of them.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at(Instant.parse("2026-11-26T08:00:00Z"));
 * clock.advance(Duration.ofSeconds(30)); // the backoff elapsed
 * }</pre>
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock at {@code instant} in Beijing time, WeChat's zone. */
  public static MutableClock at(Instant instant) {
    return at(instant, ZoneId.of("Asia/Shanghai"));
  }

  public static MutableClock at(Instant instant, ZoneId zone) {
    Objects.requireNonNull(instant, "instant == null");
    Objects.requireNonNull(zone, "zone == null");
    return new MutableClock(new AtomicReference<>(instant), zone);
  }

  /** Moves the clock to {@code instant}, backwards too (a clock step is a real thing to test). */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant == null"));
  }

  /** Moves the clock forward by {@code duration} and returns the new time. */
  public Instant advance(Duration duration) {
    Objects.requireNonNull(duration, "duration == null");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration < 0: " + duration);
    }
    return now.updateAndGet(t -> t.plus(duration));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public MutableClock withZone(ZoneId zone) {
    return new MutableClock(now, Objects.requireNonNull(zone, "zone == null"));
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + ", " + zone + "]";
  }
}
