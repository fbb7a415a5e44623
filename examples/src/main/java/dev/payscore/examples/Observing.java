package dev.payscore.examples;

import dev.payscore.ApiV3Key;
import dev.payscore.CompletionIntent;
import dev.payscore.IntentStats;
import dev.payscore.MerchantCredentials;
import dev.payscore.MerchantId;
import dev.payscore.PayScore;
import dev.payscore.PayScoreListener;
import dev.payscore.WechatKeys;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.micrometer.PayScoreMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The README's "Observing payscore" section. */
final class Observing {
  private static final Logger log = LoggerFactory.getLogger(Observing.class);

  private Observing() {}

  static boolean healthy(PayScore payScore, MerchantId mchid) {
    // snippet:stats
    IntentStats stats = payScore.completions().stats();   // this instance's merchants
    long pending = stats.pending();              // waiting for an attempt (due, backing off, held back)
    long inFlight = stats.inFlight();            // claimed by a dispatcher
    long attention = stats.needsAttention();     // waiting for a person (payscore retry)
    Optional<Duration> oldest = stats.oldestPendingAge(); // since the oldest PENDING was requested
    IntentStats one = payScore.completions().stats(mchid); // one merchant, whoever sends for it
    // end-snippet
    return attention == 0
        && oldest.orElse(Duration.ZERO).compareTo(Duration.ofMinutes(10)) < 0
        && pending + inFlight >= 0
        && one.open() >= 0;
  }

  static PayScoreListener slowCalls() {
    // snippet:listener
    PayScoreListener slowCalls = new PayScoreListener() {
      @Override
      public void wechatCallFinished(MerchantId mchid, String endpoint,
          GatewayOutcome<?> outcome, Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(3)) > 0) {
          log.info("slow {} call: {} in {} ms", endpoint, outcome.summary(), duration.toMillis());
        }
      }

      @Override
      public void intentNeedsAttention(CompletionIntent intent, String reason) {
        log.warn("{} needs a person: {}", intent.outOrderNo(), reason); // MDC names the order
      }
    };
    // end-snippet
    return slowCalls;
  }

  static PayScore metered(
      DataSource dataSource,
      MerchantCredentials credentials,
      WechatKeys wechatKeys,
      ApiV3Key apiV3Key,
      MeterRegistry registry) {
    PayScore[] built = new PayScore[1];
    // snippet:metrics
    PayScoreMetrics metrics = new PayScoreMetrics(() -> built[0].completions().stats());
    PayScore payScore = PayScore.builder()
        .dataSource(dataSource)
        .merchant(credentials, wechatKeys)
        .notifications(wechatKeys, apiV3Key)
        .listener(metrics)                                   // counters and timers
        .build();
    built[0] = payScore;
    metrics.bindTo(registry);                                // and the gauges, from stats()
    // end-snippet
    return payScore;
  }
}
