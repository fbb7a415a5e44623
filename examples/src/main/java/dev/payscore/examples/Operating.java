package dev.payscore.examples;

import dev.payscore.ApiV3Key;
import dev.payscore.AuditEvent;
import dev.payscore.AuditEventType;
import dev.payscore.AuditPage;
import dev.payscore.AuditQuery;
import dev.payscore.CompletionIntent;
import dev.payscore.DispatcherOptions;
import dev.payscore.IntentStatus;
import dev.payscore.MerchantCredentials;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScore;
import dev.payscore.RateLimit;
import dev.payscore.RetryPolicy;
import dev.payscore.RetryResult;
import dev.payscore.SweepOptions;
import dev.payscore.WechatKeys;
import dev.payscore.domain.completion.BillingConvention;
import dev.payscore.domain.completion.CompletionLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import okhttp3.OkHttpClient;

/** The README's configuration reference and operating sections. */
final class Operating {
  private Operating() {}

  static PayScore configured(
      DataSource dataSource,
      MerchantCredentials credentials,
      WechatKeys wechatKeys,
      ApiV3Key apiV3Key,
      OkHttpClient okHttpClient,
      Executor executor) {
    // snippet:configuration
    PayScore payScore = PayScore.builder()
        .dataSource(dataSource)
        .merchant(credentials, wechatKeys)                    // once per merchant (mchid)
        .notifications(wechatKeys, apiV3Key)                  // callbacks: verify, decrypt
        .endpoint("https://api.mch.weixin.qq.com/")
        .backupEndpoint("https://api2.mch.weixin.qq.com/")
        .callTimeout(Duration.ofSeconds(30))                  // whole call; reads time out at 10 s
        .httpClient(okHttpClient)                             // yours: its interceptors see calls
        .executor(executor)                                   // yours: runs the calls to WeChat
        .dispatcherOptions(DispatcherOptions.defaults()
            .withConcurrency(64)                              // calls in flight per instance
            .withBatchSize(32)                                // intents claimed per statement
            .withLease(Duration.ofSeconds(10))                // renewed every 3.3 s during a call
            .withMaxClaims(5)                                 // claimed 5 times unsettled: attention
            .withPollInterval(Duration.ofSeconds(2))          // fallback of LISTEN/NOTIFY
            .withShutdownGrace(Duration.ofSeconds(30))
            .withRetry(new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 25,
                Duration.ofHours(24)))                        // base, cap, attempts, age
            .withRateLimit(new RateLimit(200, 1, 0.5))        // per merchant: max, min, recovery
            .withDeductingWait(Duration.ofMinutes(3)))        // after WeChat said "deducting"
        .sweeps(SweepOptions.defaults())                      // reconciliation sweeps
        .billingConvention(BillingConvention.POWER_BANK)      // completions must follow it
        .completionLimits(CompletionLimits.defaults())
        .refreshStaleOrders(false)
        .listen(true)
        .clock(Clock.systemUTC())
        .instanceName("checkout-1")
        .build();
    // end-snippet
    return payScore;
  }

  static RetryResult operate(PayScore payScore, MerchantId mchid, OutOrderNo outOrderNo) {
    // snippet:operate
    List<AuditEvent> events = payScore.history().ofOrder(mchid, outOrderNo);
    AuditQuery needingAttention = AuditQuery.between(mchid,
            Instant.parse("2026-11-26T00:00:00Z"), Instant.parse("2026-11-27T00:00:00Z"))
        .withTypes(AuditEventType.COMPLETION_NEEDS_ATTENTION);  // 100 a page by default
    AuditPage page = payScore.history().ofMerchant(needingAttention);
    // the next page: needingAttention.withAfter(page.next()), while page.next() != null
    List<CompletionIntent> stuck =
        payScore.completions().list(mchid, IntentStatus.NEEDS_ATTENTION, 100);
    RetryResult retry = payScore.completions().retry(mchid, outOrderNo, "alice");
    // end-snippet
    return retry;
  }
}
