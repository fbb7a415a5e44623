package dev.payscore.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.MerchantId;
import dev.payscore.RateLimit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class MerchantRateLimiterTest {
  private static final MerchantId ONE = MerchantId.of("1900000001");
  private static final MerchantId TWO = MerchantId.of("1900000002");
  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

  private final MerchantRateLimiter limiter = new MerchantRateLimiter(new RateLimit(4, 1, 0.5));

  @Test
  void aBurstOfOneSecondIsGrantedThenCallsAreSpacedByTheRate() {
    for (int i = 0; i < 4; i++) {
      assertThat(limiter.acquire(ONE, T0)).isZero();
    }

    assertThat(limiter.acquire(ONE, T0)).isEqualTo(Duration.ofMillis(250));
    assertThat(limiter.acquire(ONE, T0.plusMillis(250))).isZero();
  }

  @Test
  void throttlingHalvesTheRateDownToTheFloorAndSuccessRaisesItAgain() {
    limiter.throttled(ONE, T0);
    assertThat(limiter.rate(ONE)).isEqualTo(2.0);
    limiter.throttled(ONE, T0);
    limiter.throttled(ONE, T0);
    assertThat(limiter.rate(ONE)).isEqualTo(1.0);

    limiter.succeeded(ONE, T0);
    assertThat(limiter.rate(ONE)).isEqualTo(1.5);
    for (int i = 0; i < 10; i++) {
      limiter.succeeded(ONE, T0);
    }
    assertThat(limiter.rate(ONE)).isEqualTo(4.0);
  }

  @Test
  void aThrottleDropsTheBurstAndWaitsAWholePeriodOfTheNewRate() {
    limiter.throttled(ONE, T0);

    assertThat(limiter.acquire(ONE, T0)).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void merchantsHaveBucketsOfTheirOwn() {
    limiter.throttled(ONE, T0);
    limiter.throttled(ONE, T0);

    assertThat(limiter.acquire(TWO, T0)).isZero();
    assertThat(limiter.rate(TWO)).isEqualTo(4.0);
  }
}
