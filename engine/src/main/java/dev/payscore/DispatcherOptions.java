package dev.payscore;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link CompletionDispatcher} works. Defaults ({@link #defaults()}):
 *
 * <ul>
 *   <li>{@code concurrency} 64 calls in flight: at WeChat's 50–200 ms round trip that is several
 *       hundred completions a second per instance, so the round trip never caps throughput.
 *   <li>{@code batchSize} 32 intents claimed per statement (claiming one at a time contends).
 *   <li>{@code lease} 10 s: how long a claim holds without news from its dispatcher. A heartbeat
 *       renews it every third of the lease while the call or the query is in flight, so a lease is
 *       short however long a call takes; only a dispatcher that stops (crash, pause, lost database)
 *       loses it, and another instance takes the intent over within one lease plus one heartbeat
 *       (the claim loop looks for expired leases at least every heartbeat): a kill is recovered
 *       within about 14 s. Lease expiry is database time: JVM clocks never decide it.
 *   <li>{@code pollInterval} 2 s: the fallback when no wake-up arrives (a lost NOTIFY, a retry that
 *       became due).
 *   <li>{@code shutdownGrace} 30 s: how long {@link CompletionDispatcher#close()} lets calls in
 *       flight finish; intents not yet sent are released at once.
 *   <li>{@code retry} {@link RetryPolicy#defaults()}, {@code rateLimit} {@link
 *       RateLimit#defaults()}.
 *   <li>{@code deductingWait} 3 min: how long an intent waits after WeChat answered that it is
 *       deducting the order ({@code 单据正在扣款中}, a busy refusal) before it is sent again.
 *   <li>{@code maxClaims} 5: an intent claimed this many times without settling (each dispatcher
 *       that took it died or could not settle before its lease expired) is not claimed again but
 *       set aside as NEEDS_ATTENTION with the reason, instead of being sent every lease forever.
 * </ul>
 */
public record DispatcherOptions(
    int concurrency,
    int batchSize,
    Duration lease,
    Duration pollInterval,
    Duration shutdownGrace,
    RetryPolicy retry,
    RateLimit rateLimit,
    Duration deductingWait,
    int maxClaims) {

  public DispatcherOptions {
    Objects.requireNonNull(lease, "lease == null");
    Objects.requireNonNull(pollInterval, "pollInterval == null");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace == null");
    Objects.requireNonNull(retry, "retry == null");
    Objects.requireNonNull(rateLimit, "rateLimit == null");
    Objects.requireNonNull(deductingWait, "deductingWait == null");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency < 1: " + concurrency);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize < 1: " + batchSize);
    }
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("lease < 1 s: " + lease);
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval <= 0: " + pollInterval);
    }
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("shutdownGrace < 0: " + shutdownGrace);
    }
    if (deductingWait.isNegative()) {
      throw new IllegalArgumentException("deductingWait < 0: " + deductingWait);
    }
    if (maxClaims < 1) {
      throw new IllegalArgumentException("maxClaims < 1: " + maxClaims);
    }
  }

  public static DispatcherOptions defaults() {
    return new DispatcherOptions(
        64,
        32,
        Duration.ofSeconds(10),
        Duration.ofSeconds(2),
        Duration.ofSeconds(30),
        RetryPolicy.defaults(),
        RateLimit.defaults(),
        Duration.ofMinutes(3),
        5);
  }

  public DispatcherOptions withConcurrency(int value) {
    return new DispatcherOptions(
        value,
        batchSize,
        lease,
        pollInterval,
        shutdownGrace,
        retry,
        rateLimit,
        deductingWait,
        maxClaims);
  }

  public DispatcherOptions withBatchSize(int value) {
    return new DispatcherOptions(
        concurrency,
        value,
        lease,
        pollInterval,
        shutdownGrace,
        retry,
        rateLimit,
        deductingWait,
        maxClaims);
  }

  public DispatcherOptions withLease(Duration value) {
    return new DispatcherOptions(
        concurrency,
        batchSize,
        value,
        pollInterval,
        shutdownGrace,
        retry,
        rateLimit,
        deductingWait,
        maxClaims);
  }

  public DispatcherOptions withPollInterval(Duration value) {
    return new DispatcherOptions(
        concurrency,
        batchSize,
        lease,
        value,
        shutdownGrace,
        retry,
        rateLimit,
        deductingWait,
        maxClaims);
  }

  public DispatcherOptions withShutdownGrace(Duration value) {
    return new DispatcherOptions(
        concurrency,
        batchSize,
        lease,
        pollInterval,
        value,
        retry,
        rateLimit,
        deductingWait,
        maxClaims);
  }

  public DispatcherOptions withRetry(RetryPolicy value) {
    return new DispatcherOptions(
        concurrency,
        batchSize,
        lease,
        pollInterval,
        shutdownGrace,
        value,
        rateLimit,
        deductingWait,
        maxClaims);
  }

  public DispatcherOptions withRateLimit(RateLimit value) {
    return new DispatcherOptions(
        concurrency,
        batchSize,
        lease,
        pollInterval,
        shutdownGrace,
        retry,
        value,
        deductingWait,
        maxClaims);
  }

  public DispatcherOptions withDeductingWait(Duration value) {
    return new DispatcherOptions(
        concurrency,
        batchSize,
        lease,
        pollInterval,
        shutdownGrace,
        retry,
        rateLimit,
        value,
        maxClaims);
  }

  public DispatcherOptions withMaxClaims(int value) {
    return new DispatcherOptions(
        concurrency,
        batchSize,
        lease,
        pollInterval,
        shutdownGrace,
        retry,
        rateLimit,
        deductingWait,
        value);
  }

  /**
   * How long a settlement that meets a database error that may pass (a restart, a broken
   * connection) keeps trying again on a fresh connection before it leaves the intent to its lease:
   * three leases. The lease is renewed meanwhile, so WeChat's answer is not thrown away when the
   * database is back within this window.
   */
  public Duration settleWindow() {
    return lease.multipliedBy(3);
  }

  /** How often a claim's lease is renewed while its call or query is in flight: a third of it. */
  public Duration heartbeat() {
    return lease.dividedBy(3);
  }
}
