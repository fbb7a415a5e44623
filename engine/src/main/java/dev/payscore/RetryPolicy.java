package dev.payscore;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When a completion that could not be settled is sent again, and when the engine gives up and asks
 * for attention. The delay before attempt {@code n + 1} is "full jitter": uniform in {@code [0,
 * min(cap, base × 2^(n-1))]}, so that many intents failing together do not retry together.
 *
 * <p>Defaults ({@link #defaults()}): base 1 s, cap 5 min, at most 25 attempts, at most 24 h after
 * the request. With these, an intent keeps trying through about an hour of WeChat trouble before
 * the attempt limit ends it, and through a day at most.
 */
public record RetryPolicy(Duration base, Duration cap, int maxAttempts, Duration maxAge) {

  public RetryPolicy {
    Objects.requireNonNull(base, "base == null");
    Objects.requireNonNull(cap, "cap == null");
    Objects.requireNonNull(maxAge, "maxAge == null");
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("base <= 0: " + base);
    }
    if (cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("cap < base: " + cap + " < " + base);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts < 1: " + maxAttempts);
    }
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge <= 0: " + maxAge);
    }
  }

  public static RetryPolicy defaults() {
    return new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 25, Duration.ofHours(24));
  }

  /**
   * The ceiling of the delay after {@code attempts} attempts: {@code min(cap, base ×
   * 2^(attempts-1))}.
   */
  public Duration ceiling(int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts < 1: " + attempts);
    }
    int doublings = Math.min(attempts - 1, 40); // 2^40 s is far past any cap
    long millis = base.toMillis();
    long capMillis = cap.toMillis();
    for (int i = 0; i < doublings && millis < capMillis; i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, capMillis));
  }

  /** A full-jitter delay after {@code attempts} attempts, drawn from {@code random}. */
  public Duration delay(int attempts, RandomGenerator random) {
    Objects.requireNonNull(random, "random == null");
    long ceiling = ceiling(attempts).toMillis();
    return Duration.ofMillis(random.nextLong(ceiling + 1));
  }
}
