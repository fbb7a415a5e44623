package dev.payscore.engine.internal;

import dev.payscore.domain.model.MerchantId;
import dev.payscore.engine.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One token bucket per merchant whose rate adapts (AIMD): halved on a 429, raised a little on each
 * success. Time comes from the caller, so tests drive it with a settable clock. Thread-safe.
 */
public final class MerchantRateLimiter {
  private final RateLimit limit;
  private final Map<MerchantId, Bucket> buckets = new HashMap<>();

  public MerchantRateLimiter(RateLimit limit) {
    this.limit = Objects.requireNonNull(limit, "limit == null");
  }

  private static final class Bucket {
    double rate;
    double tokens;
    Instant refilledAt;

    Bucket(double rate, Instant now) {
      this.rate = rate;
      this.tokens = rate; // one second's burst
      this.refilledAt = now;
    }

    void refill(Instant now) {
      if (now.isAfter(refilledAt)) {
        double seconds = Duration.between(refilledAt, now).toNanos() / 1e9;
        tokens = Math.min(Math.max(rate, 1), tokens + seconds * rate);
        refilledAt = now;
      }
    }
  }

  /** Takes a send permit for {@code mchid}: zero when granted, else how long until one is due. */
  public synchronized Duration acquire(MerchantId mchid, Instant now) {
    Bucket bucket = bucket(mchid, now);
    bucket.refill(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return Duration.ZERO;
    }
    double missing = 1 - bucket.tokens;
    return Duration.ofNanos((long) Math.ceil(missing / bucket.rate * 1e9));
  }

  /** WeChat said 429: halve the merchant's rate and drop its burst. */
  public synchronized void throttled(MerchantId mchid, Instant now) {
    Bucket bucket = bucket(mchid, now);
    bucket.rate = Math.max(limit.minPerSecond(), bucket.rate / 2);
    bucket.tokens = Math.min(bucket.tokens, 0);
  }

  /** A call went through: raise the merchant's rate a little. */
  public synchronized void succeeded(MerchantId mchid, Instant now) {
    Bucket bucket = bucket(mchid, now);
    bucket.rate = Math.min(limit.maxPerSecond(), bucket.rate + limit.recoveryPerSuccess());
  }

  /** The merchant's current rate in calls per second. */
  public synchronized double rate(MerchantId mchid) {
    Bucket bucket = buckets.get(mchid);
    return bucket == null ? limit.maxPerSecond() : bucket.rate;
  }

  private Bucket bucket(MerchantId mchid, Instant now) {
    return buckets.computeIfAbsent(mchid, k -> new Bucket(limit.maxPerSecond(), now));
  }
}
