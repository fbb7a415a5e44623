package dev.payscore;

/**
 * The send rate of completions per merchant, adaptive on WeChat's 429: each {@code Throttled}
 * halves the merchant's rate (never below {@code minPerSecond}); each accepted call raises it by
 * {@code recoveryPerSuccess} (never above {@code maxPerSecond}). The rate starts at {@code
 * maxPerSecond}; a burst of up to one second's worth of calls is allowed.
 *
 * <p>WeChat does not publish its limits (§9), so the defaults ({@link #defaults()}: 200/s, down to
 * 1/s, recovering by 0.5/s per success) only guard against hammering it after a 429.
 */
public record RateLimit(double maxPerSecond, double minPerSecond, double recoveryPerSuccess) {

  public RateLimit {
    if (!(minPerSecond > 0) || !(maxPerSecond >= minPerSecond)) {
      throw new IllegalArgumentException(
          "need 0 < minPerSecond <= maxPerSecond: " + minPerSecond + ", " + maxPerSecond);
    }
    if (!(recoveryPerSuccess >= 0)) {
      throw new IllegalArgumentException("recoveryPerSuccess < 0: " + recoveryPerSuccess);
    }
  }

  public static RateLimit defaults() {
    return new RateLimit(200, 1, 0.5);
  }
}
