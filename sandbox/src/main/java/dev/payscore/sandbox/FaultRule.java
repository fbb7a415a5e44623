package dev.payscore.sandbox;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * When to inject a {@link FaultKind}: for calls to {@code endpoint} (any when null) on {@code
 * outOrderNo} (any when null), each matching call with {@code probability} (drawn from the
 * sandbox's seeded random, so a run is repeatable), at most {@code times} times ({@code -1}: no
 * limit). {@code delay} is used by {@link FaultKind#DELAY} only.
 *
 * <pre>{@code
 * FaultRule.scripted(FaultKind.DROP_AFTER_APPLY, Endpoint.COMPLETE, "order-1", 1)
 * FaultRule.random(FaultKind.THROTTLE, Endpoint.QUERY, 0.1)
 * }</pre>
 */
public record FaultRule(
    FaultKind kind,
    @Nullable Endpoint endpoint,
    @Nullable String outOrderNo,
    double probability,
    int times,
    Duration delay) {

  public FaultRule {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(delay, "delay == null");
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability not in [0, 1]: " + probability);
    }
    if (times < -1) {
      throw new IllegalArgumentException("times < -1: " + times);
    }
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay < 0: " + delay);
    }
    if (kind == FaultKind.DELAY && delay.isZero()) {
      throw new IllegalArgumentException("a DELAY rule needs a delay > 0");
    }
  }

  /** The next {@code times} calls to {@code endpoint} (null: any) on {@code outOrderNo} fail. */
  public static FaultRule scripted(
      FaultKind kind, @Nullable Endpoint endpoint, String outOrderNo, int times) {
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    return new FaultRule(kind, endpoint, outOrderNo, 1.0, times, Duration.ZERO);
  }

  /** Every call to {@code endpoint} (null: any) fails with {@code probability}. */
  public static FaultRule random(FaultKind kind, @Nullable Endpoint endpoint, double probability) {
    return new FaultRule(kind, endpoint, null, probability, -1, Duration.ZERO);
  }

  /** Every call to {@code endpoint} (null: any) is answered {@code delay} late. */
  public static FaultRule delay(@Nullable Endpoint endpoint, Duration delay) {
    return new FaultRule(FaultKind.DELAY, endpoint, null, 1.0, -1, delay);
  }

  /** The same rule limited to {@code times} firings. */
  public FaultRule times(int times) {
    return new FaultRule(kind, endpoint, outOrderNo, probability, times, delay);
  }

  /** Whether a call to {@code called} on {@code calledOrder} is one this rule is about. */
  public boolean matches(Endpoint called, @Nullable String calledOrder) {
    return (endpoint == null || endpoint == called)
        && (outOrderNo == null || outOrderNo.equals(calledOrder));
  }
}
