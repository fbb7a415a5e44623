package dev.payscore.micrometer;

import dev.payscore.CompletionIntent;
import dev.payscore.IntentStats;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScoreListener;
import dev.payscore.domain.port.out.GatewayOutcome;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * payscore's meters in any Micrometer registry: give it to the {@code PayScore} builder as its
 * listener and bind it to the registry. Framework-free; Spring Boot's starter does both for you.
 *
 * <pre>{@code
 * PayScoreMetrics metrics = new PayScoreMetrics(() -> payScore.completions().stats());
 * payScore = PayScore.builder().dataSource(dataSource).merchant(credentials, keys)
 *     .listener(metrics)
 *     .build();
 * metrics.bindTo(registry);
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@value #SETTLED}</td><td>counter</td><td>kind, outcome (succeeded, failed,
 *       needs_attention)</td></tr>
 *   <tr><td>{@value #SETTLEMENT}</td><td>timer: request to settled</td><td>kind, outcome</td></tr>
 *   <tr><td>{@value #ATTEMPTS}</td><td>counter</td><td>kind</td></tr>
 *   <tr><td>{@value #WECHAT_CALLS}</td><td>timer</td><td>endpoint, outcome (accepted, rejected,
 *       throttled, unknown), error (the rejection kind or unknown cause; none)</td></tr>
 *   <tr><td>{@value #CALLBACKS}</td><td>counter</td><td>result (applied, duplicate, rejected),
 *       reason (none, or why it was refused)</td></tr>
 *   <tr><td>{@value #RATE_LIMITED}</td><td>timer: how long until the next permit</td><td></td></tr>
 *   <tr><td>{@value #OPEN}</td><td>gauge</td><td>status (pending, in_flight,
 *       needs_attention)</td></tr>
 *   <tr><td>{@value #OLDEST_PENDING}</td><td>time gauge (0 when none is pending)</td><td></td></tr>
 * </table>
 *
 * <p>The gauges read {@code completions().stats()} (one count query) at most once per {@link
 * #DEFAULT_STATS_TTL} or the time given, however many gauges a scrape reads; when the query fails
 * they read NaN until it works again. Counters and timers that nothing has touched yet appear on
 * their first event. Meters created before {@link #bindTo} count from then on in every registry it
 * is bound to afterwards; events are counted in every registry it was bound to.
 */
public final class PayScoreMetrics implements PayScoreListener, MeterBinder {
  /** Intents settled, by kind and outcome. */
  public static final String SETTLED = "payscore.intents.settled";

  /** From the request to the settlement of an intent, by kind and outcome. */
  public static final String SETTLEMENT = "payscore.intents.settlement";

  /** Attempts started by the dispatchers, by kind. */
  public static final String ATTEMPTS = "payscore.attempts";

  /** Calls to WeChat, by endpoint and outcome. */
  public static final String WECHAT_CALLS = "payscore.wechat.calls";

  /** Callbacks handled, by result. */
  public static final String CALLBACKS = "payscore.callbacks";

  /** Claims that found a merchant's send rate spent, and the wait until its next permit. */
  public static final String RATE_LIMITED = "payscore.dispatcher.rate.limited";

  /** Open intents, by status. */
  public static final String OPEN = "payscore.intents.open";

  /** How long ago the oldest pending intent was requested. */
  public static final String OLDEST_PENDING = "payscore.intents.oldest.pending.age";

  /** How long the gauges reuse one reading of the stats. */
  public static final Duration DEFAULT_STATS_TTL = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(PayScoreMetrics.class);
  private static final String NONE = "none";

  private final Supplier<IntentStats> stats;
  private final Duration statsTtl;
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
  private final Object statsLock = new Object();
  private @Nullable IntentStats lastStats;
  private long lastReadAt;
  private boolean lastReadFailed;

  /**
   * Metrics whose gauges read {@code stats} (typically {@code () -> payScore.completions().stats()};
   * called at scrape time only, so it may refer to a {@code PayScore} built after this listener).
   */
  public PayScoreMetrics(Supplier<IntentStats> stats) {
    this(stats, DEFAULT_STATS_TTL);
  }

  /** As {@link #PayScoreMetrics(Supplier)}, reading the stats at most once per {@code statsTtl}. */
  public PayScoreMetrics(Supplier<IntentStats> stats, Duration statsTtl) {
    this.stats = Objects.requireNonNull(stats, "stats == null");
    this.statsTtl = Objects.requireNonNull(statsTtl, "statsTtl == null");
    if (statsTtl.isNegative()) {
      throw new IllegalArgumentException("statsTtl is negative: " + statsTtl);
    }
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry == null");
    Clock clock = registry.config().clock();
    gauge(registry, clock, "pending", IntentStats::pending);
    gauge(registry, clock, "in_flight", IntentStats::inFlight);
    gauge(registry, clock, "needs_attention", IntentStats::needsAttention);
    TimeGauge.builder(
            OLDEST_PENDING,
            this,
            TimeUnit.MILLISECONDS,
            m ->
                m.read(
                    clock,
                    s -> s.oldestPendingAge().map(Duration::toMillis).orElse(0L).doubleValue()))
        .description("How long ago the oldest pending intent was requested (database time)")
        .register(registry);
    registries.add(registry);
  }

  private void gauge(
      MeterRegistry registry, Clock clock, String status, ToDoubleFunction<IntentStats> count) {
    Gauge.builder(OPEN, this, m -> m.read(clock, count))
        .description("Open intents of this instance's merchants")
        .tag("status", status)
        .register(registry);
  }

  /** One reading of the stats, reused for {@link #statsTtl}; NaN while the query fails. */
  private double read(Clock clock, ToDoubleFunction<IntentStats> value) {
    IntentStats current;
    synchronized (statsLock) {
      long now = clock.monotonicTime();
      if (lastReadAt == 0 || now - lastReadAt >= statsTtl.toNanos()) {
        lastReadAt = now == 0 ? 1 : now;
        try {
          lastStats = stats.get();
          lastReadFailed = false;
        } catch (RuntimeException e) {
          if (!lastReadFailed) {
            LOG.warn("payscore stats unavailable; gauges read NaN: {}", e.toString());
          }
          lastReadFailed = true;
          lastStats = null;
        }
      }
      current = lastStats;
    }
    return current == null ? Double.NaN : value.applyAsDouble(current);
  }

  @Override
  public void intentSettled(CompletionIntent intent) {
    settled(intent, intent.status().name());
  }

  @Override
  public void intentNeedsAttention(CompletionIntent intent, String reason) {
    settled(intent, intent.status().name());
  }

  private void settled(CompletionIntent intent, String outcome) {
    String kind = lower(intent.kind().name());
    String result = lower(outcome);
    // request (the recorder's clock) to settlement (the database's): never negative
    Duration took = Duration.between(intent.createdAt(), intent.updatedAt());
    Duration latency = took.isNegative() ? Duration.ZERO : took;
    for (MeterRegistry registry : registries) {
      Counter.builder(SETTLED)
          .description("Intents settled")
          .tags("kind", kind, "outcome", result)
          .register(registry)
          .increment();
      Timer.builder(SETTLEMENT)
          .description("From the request of an intent to its settlement")
          .tags("kind", kind, "outcome", result)
          .register(registry)
          .record(latency);
    }
  }

  @Override
  public void attemptStarted(CompletionIntent intent) {
    String kind = lower(intent.kind().name());
    for (MeterRegistry registry : registries) {
      Counter.builder(ATTEMPTS)
          .description("Attempts started")
          .tag("kind", kind)
          .register(registry)
          .increment();
    }
  }

  @Override
  public void wechatCallFinished(
      MerchantId mchid, String endpoint, GatewayOutcome<?> outcome, Duration duration) {
    String result;
    String error;
    if (outcome instanceof GatewayOutcome.Accepted<?>) {
      result = "accepted";
      error = NONE;
    } else if (outcome instanceof GatewayOutcome.Rejected<?> rejected) {
      result = "rejected";
      error = lower(rejected.kind().name());
    } else if (outcome instanceof GatewayOutcome.Throttled<?>) {
      result = "throttled";
      error = NONE;
    } else {
      result = "unknown";
      error = lower(((GatewayOutcome.Unknown<?>) outcome).cause().name());
    }
    for (MeterRegistry registry : registries) {
      Timer.builder(WECHAT_CALLS)
          .description("Calls to WeChat Pay Score")
          .tags("endpoint", endpoint, "outcome", result, "error", error)
          .register(registry)
          .record(duration);
    }
  }

  @Override
  public void callbackApplied(
      MerchantId mchid, OutOrderNo outOrderNo, String eventType, boolean duplicate) {
    callback(duplicate ? "duplicate" : "applied", NONE);
  }

  @Override
  public void callbackRejected(int status, String reason) {
    callback("rejected", lower(reason).replace(' ', '_'));
  }

  private void callback(String result, String reason) {
    for (MeterRegistry registry : registries) {
      Counter.builder(CALLBACKS)
          .description("Callbacks handled")
          .tags("result", result, "reason", reason)
          .register(registry)
          .increment();
    }
  }

  @Override
  public void rateLimited(MerchantId mchid, Duration wait) {
    for (MeterRegistry registry : registries) {
      Timer.builder(RATE_LIMITED)
          .description("Claims that found a merchant's send rate spent; the wait for a permit")
          .register(registry)
          .record(wait);
    }
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
