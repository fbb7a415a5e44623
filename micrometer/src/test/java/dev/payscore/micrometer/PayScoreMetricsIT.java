package dev.payscore.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.payscore.ApiV3Key;
import dev.payscore.CompleteOrder;
import dev.payscore.CreateOrder;
import dev.payscore.CreateServiceOrderCommand;
import dev.payscore.DispatcherOptions;
import dev.payscore.IntentStats;
import dev.payscore.LifecycleResult;
import dev.payscore.MerchantCredentials;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScore;
import dev.payscore.PostPayment;
import dev.payscore.RateLimit;
import dev.payscore.RequestCompletionCommand;
import dev.payscore.RequestCompletionResult;
import dev.payscore.RetryPolicy;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.TimeRange;
import dev.payscore.WechatKeys;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.persistence.JooqTransactions;
import dev.payscore.sandbox.Endpoint;
import dev.payscore.sandbox.FaultKind;
import dev.payscore.sandbox.FaultRule;
import dev.payscore.sandbox.PayScoreSandbox;
import dev.payscore.sandbox.SandboxConfig;
import dev.payscore.testing.ServiceOrderFixtures;
import dev.payscore.testing.database.TestDatabase;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The meters of a real engine on real PostgreSQL against the sandbox over real HTTP, read from a
 * SimpleMeterRegistry: a create, a callback and a forged one, two completions (one throttled
 * once, then applied; one for an order WeChat does not know, which needs attention), the send rate
 * spent, and the gauges before and after the dispatcher ran.
 */
@ExtendWith(TestDatabase.class)
final class PayScoreMetricsIT {
  private static final String MCHID = ServiceOrderFixtures.MCHID;
  private static final String APPID = ServiceOrderFixtures.APPID;
  private static final String SERVICE = ServiceOrderFixtures.SERVICE_ID;
  private static final String API_V3_KEY = "0123456789abcdef0123456789ABCDEF";
  private static final Duration BOUND = Duration.ofSeconds(30);

  private final MockClock scrapeClock = new MockClock();
  private final SimpleMeterRegistry registry =
      new SimpleMeterRegistry(SimpleConfig.DEFAULT, scrapeClock);
  private PayScoreSandbox sandbox;
  private HttpServer notify;
  private PayScore payScore;

  @BeforeEach
  void start(DataSource dataSource) throws Exception {
    TestDatabase.truncateAll();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    String serial = "5A1B2C3D4E5F60718293A4B5C6D7E8F900112233";
    sandbox =
        PayScoreSandbox.start(
            SandboxConfig.builder()
                .merchant(
                    new SandboxConfig.Merchant(
                        MCHID,
                        serial,
                        keys.getPublic(),
                        API_V3_KEY,
                        Set.of(APPID),
                        List.of(
                            new SandboxConfig.Service(
                                SERVICE, SandboxConfig.ServiceMode.CONFIRM, 500_00))))
                .callbackTimeScale(0.0001)
                .seed(7)
                .build());
    WechatKeys wechat = WechatKeys.publicKey(sandbox.publicKeyId(), sandbox.publicKey());
    PayScoreMetrics metrics = new PayScoreMetrics(() -> payScore.completions().stats());
    payScore =
        PayScore.builder()
            .dataSource(dataSource)
            .merchant(
                new MerchantCredentials(MerchantId.of(MCHID), serial, keys.getPrivate()),
                wechat,
                ApiV3Key.ofText(API_V3_KEY))
            .endpoint(sandbox.baseUrl() + "/")
            .backupEndpoint(sandbox.backupBaseUrl() + "/")
            .callTimeout(Duration.ofSeconds(5))
            .clock(sandbox.clock())
            .dispatcherOptions(
                DispatcherOptions.defaults()
                    .withPollInterval(Duration.ofMillis(100))
                    .withLease(Duration.ofSeconds(10))
                    .withRateLimit(new RateLimit(1, 1, 0))
                    .withRetry(
                        new RetryPolicy(
                            Duration.ofMillis(20), Duration.ofMillis(200), 40, Duration.ofHours(1))))
            .listener(metrics)
            .build();
    metrics.bindTo(registry);
    notify = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    notify.createContext(
        "/notify",
        exchange -> {
          Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
          exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          var answer = payScore.notifications().handle(headers, body);
          byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
          try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(out);
          }
        });
    notify.start();
  }

  @AfterEach
  void stop() {
    if (payScore != null) {
      payScore.close();
    }
    if (notify != null) {
      notify.stop(0);
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void aRealEngineFillsEveryMeter(DataSource dataSource) {
    // an order created at WeChat and confirmed by the user (its callback applied), a forged one
    assertThat(payScore.orders().create(create("M-1"))).isInstanceOf(LifecycleResult.Applied.class);
    sandbox.confirm("M-1");
    await("confirmed", () -> state("M-1") == LifecycleState.DOING_USER_CONFIRM);
    assertThat(payScore.notifications().handle(Map.of(), "{}".getBytes(StandardCharsets.UTF_8))
            .status())
        .isGreaterThanOrEqualTo(400);
    // an order only we know: WeChat answers that it does not exist, so it needs attention
    new JooqTransactions(dataSource)
        .inTransaction(
            r -> {
              r.orders()
                  .insert(
                      ServiceOrderFixtures.anOrder()
                          .outOrderNo("M-GHOST")
                          .lifecycle(LifecycleState.DOING_USER_CONFIRM)
                          .timeRange(TimeRange.between("OnAccept", null))
                          .build());
              return null;
            });
    sandbox.addFault(FaultRule.scripted(FaultKind.THROTTLE, Endpoint.COMPLETE, "M-1", 1));
    sandbox.clock().advance(Duration.ofSeconds(2));

    // requested before the dispatcher runs: both pending
    requested("M-1");
    requested("M-GHOST");
    assertThat(open("pending")).isEqualTo(2);
    assertThat(open("in_flight")).isZero();
    assertThat(registry.get(PayScoreMetrics.OLDEST_PENDING).timeGauge().value(TimeUnit.SECONDS))
        .isGreaterThanOrEqualTo(0);

    payScore.start();
    await(
        "one succeeded, one needing attention",
        () -> {
          IntentStats stats = payScore.completions().stats();
          return stats.pending() == 0 && stats.inFlight() == 0 && stats.needsAttention() == 1;
        });
    scrapeClock.add(PayScoreMetrics.DEFAULT_STATS_TTL);

    assertThat(open("pending")).isZero();
    assertThat(open("needs_attention")).isEqualTo(1);
    assertThat(count(PayScoreMetrics.SETTLED, "kind", "complete", "outcome", "succeeded"))
        .isEqualTo(1);
    assertThat(count(PayScoreMetrics.SETTLED, "kind", "complete", "outcome", "needs_attention"))
        .isEqualTo(1);
    assertThat(registry.get(PayScoreMetrics.SETTLEMENT).tag("outcome", "succeeded").timer().count())
        .isEqualTo(1);
    // M-1 twice (throttled, then applied), M-GHOST once
    assertThat(count(PayScoreMetrics.ATTEMPTS, "kind", "complete")).isEqualTo(3);
    assertThat(calls("create", "accepted")).isEqualTo(1);
    assertThat(calls("complete", "throttled")).isEqualTo(1);
    assertThat(calls("complete", "accepted")).isEqualTo(1);
    assertThat(calls("complete", "rejected")).isEqualTo(1);
    assertThat(count(PayScoreMetrics.CALLBACKS, "result", "applied")).isGreaterThanOrEqualTo(1);
    assertThat(count(PayScoreMetrics.CALLBACKS, "result", "rejected")).isEqualTo(1);
    // one send a second: the second intent of the first claim waited for its permit
    assertThat(registry.get(PayScoreMetrics.RATE_LIMITED).timer().count()).isPositive();
  }

  private double open(String status) {
    return registry.get(PayScoreMetrics.OPEN).tag("status", status).gauge().value();
  }

  private double count(String name, String... tags) {
    RequiredSearch search = registry.get(name).tags(tags);
    return search.counter().count();
  }

  private long calls(String endpoint, String outcome) {
    return registry
        .get(PayScoreMetrics.WECHAT_CALLS)
        .tags("endpoint", endpoint, "outcome", outcome)
        .timers()
        .stream()
        .mapToLong(t -> t.count())
        .sum();
  }

  private LifecycleState state(String no) {
    return payScore
        .orders()
        .find(MerchantId.of(MCHID), OutOrderNo.of(no))
        .orElseThrow()
        .lifecycle();
  }

  private void requested(String no) {
    RequestCompletionResult result =
        payScore
            .completions()
            .request(
                new RequestCompletionCommand(
                    MerchantId.of(MCHID),
                    OutOrderNo.of(no),
                    new CompleteOrder(
                        APPID,
                        SERVICE,
                        List.of(new PostPayment("租借费用", 300L, "2小时", 1)),
                        List.of(),
                        300L,
                        null,
                        null,
                        null,
                        null,
                        null),
                    "it"));
    assertThat(result).isInstanceOf(RequestCompletionResult.Requested.class);
  }

  private CreateServiceOrderCommand create(String no) {
    return new CreateServiceOrderCommand(
        MerchantId.of(MCHID),
        new CreateOrder(
            no,
            APPID,
            SERVICE,
            "充电宝租借",
            List.of(new PostPayment("收费标准", null, "2元/小时", null)),
            List.of(),
            TimeRange.between("OnAccept", null),
            null,
            RiskFund.of(RiskFundName.DEPOSIT, 100_00),
            null,
            "http://127.0.0.1:" + notify.getAddress().getPort() + "/notify",
            null,
            null,
            null),
        "it");
  }

  private static void await(String what, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(BOUND);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not " + what + " within " + BOUND);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
