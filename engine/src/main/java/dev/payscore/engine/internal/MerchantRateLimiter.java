package dev.payscore.engine.internal;

import dev.payscore.MerchantId;
import dev.payscore.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One token bucket per merchant whose rate adapts (AIMD): halved on a 429, raised a little on each
 * success. The dispatcher takes permits <em>before</em> it claims ({@link #reserve}), so it never
 * claims an intent it may not send, and gives back what the claim did not use ({@link #refund}).
 * Per instance: each dispatcher has its own buckets. Time comes from the caller, so tests drive it
 * with a settable clock. Thread-safe.
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

  /**
   * Takes up to {@code max} permits of each merchant in {@code merchants} (as many as its bucket
   * holds whole tokens), for one claim; the result maps every merchant to what it took, 0 included.
   */
  public synchronized Map<MerchantId, Integer> reserve(
      Collection<MerchantId> merchants, int max, Instant now) {
    Map<MerchantId, Integer> taken = new LinkedHashMap<>();
    for (MerchantId mchid : merchants) {
      Bucket bucket = bucket(mchid, now);
      bucket.refill(now);
      int n = (int) Math.max(0, Math.min(max, Math.floor(bucket.tokens)));
      bucket.tokens -= n;
      taken.put(mchid, n);
    }
    return taken;
  }

  /** Gives back {@code count} permits of {@code mchid} that a claim did not use. */
  public synchronized void refund(MerchantId mchid, int count) {
    Bucket bucket = buckets.get(mchid);
    if (bucket != null && count > 0) {
      bucket.tokens = Math.min(Math.max(bucket.rate, 1), bucket.tokens + count);
    }
  }

  /** How long until any of {@code merchants} has a whole permit again (zero if one has). */
  public synchronized Duration untilNextPermit(Collection<MerchantId> merchants, Instant now) {
    Duration soonest = null;
    for (MerchantId mchid : merchants) {
      Bucket bucket = bucket(mchid, now);
      bucket.refill(now);
      if (bucket.tokens >= 1) {
        return Duration.ZERO;
      }
      Duration wait = Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / bucket.rate * 1e9));
      soonest = soonest == null || wait.compareTo(soonest) < 0 ? wait : soonest;
    }
    return soonest == null ? Duration.ZERO : soonest;
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
