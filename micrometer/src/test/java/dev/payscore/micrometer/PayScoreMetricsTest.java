package dev.payscore.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.IntentStats;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The gauges read the stats once per scrape (one query however many gauges), again once the
 * reading is older than its time to live, and NaN while the query fails.
 */
final class PayScoreMetricsTest {
  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final AtomicInteger queries = new AtomicInteger();
  private final AtomicReference<IntentStats> stats =
      new AtomicReference<>(new IntentStats(3, 2, 1, Optional.of(Duration.ofSeconds(90))));

  private final PayScoreMetrics metrics =
      new PayScoreMetrics(
          () -> {
            queries.incrementAndGet();
            IntentStats current = stats.get();
            if (current == null) {
              throw new IllegalStateException("database down");
            }
            return current;
          },
          Duration.ofSeconds(5));

  private double open(String status) {
    return registry.get(PayScoreMetrics.OPEN).tag("status", status).gauge().value();
  }

  private double oldest() {
    return registry.get(PayScoreMetrics.OLDEST_PENDING).timeGauge().value(TimeUnit.SECONDS);
  }

  @Test
  void aScrapeOfEveryGaugeIsOneQueryUntilTheReadingIsStale() {
    metrics.bindTo(registry);

    assertThat(open("pending")).isEqualTo(3);
    assertThat(open("in_flight")).isEqualTo(2);
    assertThat(open("needs_attention")).isEqualTo(1);
    assertThat(oldest()).isEqualTo(90);
    assertThat(queries).hasValue(1);

    stats.set(new IntentStats(0, 0, 1, Optional.empty()));
    clock.add(Duration.ofSeconds(4));
    assertThat(open("pending")).as("still the reading of 4 s ago").isEqualTo(3);
    clock.add(Duration.ofSeconds(1));
    assertThat(open("pending")).isZero();
    assertThat(oldest()).as("none pending").isZero();
    assertThat(queries).hasValue(2);
  }

  @Test
  void whileTheQueryFailsTheGaugesReadNaNAndRecoverAfterwards() {
    metrics.bindTo(registry);
    stats.set(null);

    assertThat(open("pending")).isNaN();
    assertThat(oldest()).isNaN();
    stats.set(new IntentStats(1, 0, 0, Optional.of(Duration.ofMillis(1500))));
    clock.add(Duration.ofSeconds(5));

    assertThat(open("pending")).isEqualTo(1);
    assertThat(oldest()).isEqualTo(1.5);
  }
}
