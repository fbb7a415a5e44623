package dev.payscore.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link CompletionDispatcher} works. Defaults ({@link #defaults()}):
 *
 * <ul>
 *   <li>{@code concurrency} 64 calls in flight: at WeChat's 50–200 ms round trip that is several
 *       hundred completions a second per instance, so the round trip never caps throughput.
 *   <li>{@code batchSize} 32 intents claimed per statement (claiming one at a time contends).
 *   <li>{@code lease} 2 min: how long a claimed intent is ours. It must exceed the whole time one
 *       attempt can take (the gateway's call timeout on both hosts plus the query), or another
 *       instance could take the intent over while our call is still running. The lease is renewed
 *       before a call when less than half of it is left.
 *   <li>{@code pollInterval} 2 s: the fallback when no wake-up arrives (a lost NOTIFY, a retry that
 *       became due).
 *   <li>{@code shutdownGrace} 30 s: how long {@link CompletionDispatcher#close()} lets calls in
 *       flight finish; intents not yet sent are released at once.
 *   <li>{@code retry} {@link RetryPolicy#defaults()}, {@code rateLimit} {@link
 *       RateLimit#defaults()}.
 * </ul>
 */
public record DispatcherOptions(
    int concurrency,
    int batchSize,
    Duration lease,
    Duration pollInterval,
    Duration shutdownGrace,
    RetryPolicy retry,
    RateLimit rateLimit) {

  public DispatcherOptions {
    Objects.requireNonNull(lease, "lease == null");
    Objects.requireNonNull(pollInterval, "pollInterval == null");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace == null");
    Objects.requireNonNull(retry, "retry == null");
    Objects.requireNonNull(rateLimit, "rateLimit == null");
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
  }

  public static DispatcherOptions defaults() {
    return new DispatcherOptions(
        64,
        32,
        Duration.ofMinutes(2),
        Duration.ofSeconds(2),
        Duration.ofSeconds(30),
        RetryPolicy.defaults(),
        RateLimit.defaults());
  }

  public DispatcherOptions withConcurrency(int value) {
    return new DispatcherOptions(
        value, batchSize, lease, pollInterval, shutdownGrace, retry, rateLimit);
  }

  public DispatcherOptions withBatchSize(int value) {
    return new DispatcherOptions(
        concurrency, value, lease, pollInterval, shutdownGrace, retry, rateLimit);
  }

  public DispatcherOptions withLease(Duration value) {
    return new DispatcherOptions(
        concurrency, batchSize, value, pollInterval, shutdownGrace, retry, rateLimit);
  }

  public DispatcherOptions withPollInterval(Duration value) {
    return new DispatcherOptions(
        concurrency, batchSize, lease, value, shutdownGrace, retry, rateLimit);
  }

  public DispatcherOptions withShutdownGrace(Duration value) {
    return new DispatcherOptions(
        concurrency, batchSize, lease, pollInterval, value, retry, rateLimit);
  }

  public DispatcherOptions withRetry(RetryPolicy value) {
    return new DispatcherOptions(
        concurrency, batchSize, lease, pollInterval, shutdownGrace, value, rateLimit);
  }

  public DispatcherOptions withRateLimit(RateLimit value) {
    return new DispatcherOptions(
        concurrency, batchSize, lease, pollInterval, shutdownGrace, retry, value);
  }
}
