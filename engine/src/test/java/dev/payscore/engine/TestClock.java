package dev.payscore.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * A clock the test moves by hand: fixed at a start, or following real time (for tests with
 * threads) plus whatever the test advanced it by. Thread-safe.
 */
public final class TestClock extends Clock {
  private final @Nullable Instant fixed;
  private volatile Duration offset = Duration.ZERO;

  public TestClock(Instant start) {
    this.fixed = start;
  }

  private TestClock() {
    this.fixed = null;
  }

  /** Real time, movable forward. */
  public static TestClock ticking() {
    return new TestClock();
  }

  public synchronized void advance(Duration duration) {
    offset = offset.plus(duration);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Instant instant() {
    Instant base = fixed != null ? fixed : Instant.now();
    return base.plus(offset);
  }
}
