package dev.payscore.cli.internal;

import dev.payscore.ApiV3Key;
import dev.payscore.AppId;
import dev.payscore.CompleteOrder;
import dev.payscore.CompletionIntent;
import dev.payscore.CreateOrder;
import dev.payscore.CreateServiceOrderCommand;
import dev.payscore.DispatcherOptions;
import dev.payscore.IntentKind;
import dev.payscore.IntentStatus;
import dev.payscore.LifecycleResult;
import dev.payscore.MerchantCredentials;
import dev.payscore.MerchantId;
import dev.payscore.Notifications;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScore;
import dev.payscore.PayScoreListener;
import dev.payscore.PostPayment;
import dev.payscore.RateLimit;
import dev.payscore.RequestCompletionCommand;
import dev.payscore.RequestCompletionResult;
import dev.payscore.RetryPolicy;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.ServiceId;
import dev.payscore.TimeRange;
import dev.payscore.WechatKeys;
import dev.payscore.sandbox.Endpoint;
import dev.payscore.sandbox.FaultKind;
import dev.payscore.sandbox.FaultRule;
import dev.payscore.sandbox.PayScoreSandbox;
import dev.payscore.sandbox.SandboxConfig;
import dev.payscore.wechat.notification.NotificationParser;
import dev.payscore.wechat.notification.NotificationResult;
import dev.payscore.wechat.notification.PayScoreEventType;
import dev.payscore.wechat.notification.PayScoreNotification;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import javax.sql.DataSource;

/**
 * One {@code payscore demo} run: PostgreSQL (embedded or given), the WeChat sandbox in-process with
 * faults and latency, and the library embedded as a merchant would embed it. Orders go through
 * their whole life: created, confirmed by the user (callback), the rental returned and the
 * completion requested in one merchant transaction, completed by the dispatcher through the
 * faults, paid by the user (callback). Then the database is compared with WeChat's ledger.
 */
public final class Demo {
  static final AppId APPID = AppId.of("wx0000000000000001");
  static final ServiceId SERVICE_ID = ServiceId.of("00004000000000000000000000000001");
  static final String NOTIFY_PATH = "/payscore/notify";
  private static final long RISK_CAP = 500_00;
  private static final long DEPOSIT = 100_00;

  /** The demo's retry and dispatch settings: fast back-off so a run takes seconds, not hours. */
  static final DispatcherOptions OPTIONS =
      DispatcherOptions.defaults()
          .withConcurrency(32)
          .withBatchSize(32)
          .withLease(Duration.ofSeconds(10))
          .withPollInterval(Duration.ofMillis(100))
          .withShutdownGrace(Duration.ofSeconds(5))
          .withRetry(new RetryPolicy(Duration.ofMillis(50), Duration.ofSeconds(1), 30, Duration.ofHours(1)))
          .withRateLimit(new RateLimit(1000, 50, 10))
          .withDeductingWait(Duration.ofSeconds(1));

  static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);

  /** A DELAY fault holds the answer past the call timeout: an ambiguous outcome, settled by query. */
  static final Duration SLOW_ANSWER = Duration.ofMillis(1500);

  private final DemoSettings settings;
  private final Progress progress;
  private final MerchantId mchid;
  private final String runId;
  private final BlockingQueue<String> confirmed = new LinkedBlockingQueue<>();
  private final Set<String> confirmedSeen = ConcurrentHashMap.newKeySet();
  private final Set<String> paidSeen = ConcurrentHashMap.newKeySet();
  private final List<String> findings = Collections.synchronizedList(new ArrayList<>());
  private final List<ClockSkip> skips = new ArrayList<>();
  private final AtomicInteger unrequested = new AtomicInteger();
  private final AtomicInteger completedSeen = new AtomicInteger();

  public Demo(DemoSettings settings, Progress progress) {
    this.settings = settings;
    this.progress = progress;
    // a database of one's own may hold earlier runs: each run is a merchant of its own there
    long stamp = settings.jdbcUrl() == null ? 1 : System.currentTimeMillis() / 1000 % 100_000_000L;
    this.mchid = MerchantId.of(String.format(Locale.ROOT, "19%08d", stamp));
    this.runId = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36).toUpperCase(Locale.ROOT);
  }

  public DemoReport run() throws InterruptedException {
    long started = System.nanoTime();
    progress.say(
        settings.jdbcUrl() == null ? "starting embedded PostgreSQL 15" : "connecting to PostgreSQL");
    KeyPair merchantKeys = newKeyPair();
    String serial = HexFormat.of().withUpperCase().formatHex(randomBytes(20));
    String apiV3Key = HexFormat.of().formatHex(randomBytes(16));
    WechatKeys wechatKeys;
    try (DemoDatabase database = DemoDatabase.open(settings.jdbcUrl());
        PayScoreSandbox sandbox = PayScoreSandbox.start(sandboxConfig(merchantKeys, serial, apiV3Key));
        PayScore payScore =
            PayScore.builder()
                .dataSource(database.dataSource())
                .merchant(
                    new MerchantCredentials(mchid, serial, merchantKeys.getPrivate()),
                    wechatKeys = WechatKeys.publicKey(sandbox.publicKeyId(), sandbox.publicKey()))
                .notifications(wechatKeys, ApiV3Key.ofText(apiV3Key))
                .endpoint(sandbox.baseUrl() + "/")
                .backupEndpoint(sandbox.backupBaseUrl() + "/")
                .callTimeout(CALL_TIMEOUT)
                .clock(sandbox.clock())
                .random(new Random(settings.seed()))
                .dispatcherOptions(OPTIONS)
                .instanceName("payscore-demo-" + ProcessHandle.current().pid())
                .listener(completionCounter())
                .build();
        CallbackEndpoint callbacks =
            CallbackEndpoint.start(NOTIFY_PATH, callbackHandler(payScore, wechatKeys, apiV3Key, sandbox))) {
      payScore.migrate();
      payScore.start();
      String setup = setup(database, sandbox);
      progress.say(setup.lines().skip(1).findFirst().orElse(""));
      List<String> orders = orderNumbers();
      progress.say("creating " + orders.size() + " orders; the user confirms each");
      open(payScore, sandbox, callbacks.baseUrl() + NOTIFY_PATH, orders);
      // a completion's end time must follow the confirmation: let WeChat's clock move on
      sandbox.clock().advance(Duration.ofSeconds(2));
      faults().forEach(sandbox::addFault);
      progress.say("rentals returned: completions requested in the merchant's transactions");
      Instant requestedFrom = sandbox.clock().instant();
      ExecutorService desks = Executors.newFixedThreadPool(4, Daemons.named("payscore-demo-desk"));
      try {
        for (int i = 0; i < 4; i++) {
          desks.submit(() -> returnRentals(payScore, database.dataSource()));
        }
        awaitSettled(sandbox, database.dataSource(), orders.size());
      } finally {
        desks.shutdownNow();
      }
      payScore.close();
      sandbox.clearFaults();
      progress.say(
          "listener: " + completedSeen.get() + " completions settled as SUCCEEDED, told after commit");
      progress.finish();
      double elapsed = (System.nanoTime() - started) / 1e9;
      return new DemoVerdict(settings, mchid, orders, database.dataSource(), payScore, sandbox)
          .report(setup, requestedFrom, elapsed, findings, skips);
    }
  }

  private String setup(DemoDatabase database, PayScoreSandbox sandbox) {
    List<String> kinds = new ArrayList<>();
    for (FaultKind kind : FaultKind.values()) {
      kinds.add(kind.name());
    }
    return String.format(
        Locale.ROOT,
        "payscore demo: %d orders, seed %d, on %s; WeChat sandbox at %s%n"
            + "faults: %.0f%% of complete calls (%s; each %.1f%%), %.0f%% of queries; emulated round"
            + " trip %d ms%n"
            + "demo settings: back-off %d ms..%d ms (library default 1 s..5 min), call timeout %d ms,"
            + " %d calls in flight, send rate %.0f/s halved on 429",
        settings.orders(),
        settings.seed(),
        database.description(),
        sandbox.baseUrl(),
        settings.faultRate() * 100,
        String.join(", ", kinds),
        perKind(FaultKind.values().length) * 100,
        (1 - Math.pow(1 - perKind(FaultKind.values().length), 3)) * 100,
        settings.latencyMs(),
        OPTIONS.retry().base().toMillis(),
        OPTIONS.retry().cap().toMillis(),
        CALL_TIMEOUT.toMillis(),
        OPTIONS.concurrency(),
        OPTIONS.rateLimit().maxPerSecond());
  }

  /** The probability of each of {@code kinds} rules so that together they fire at the fault rate. */
  private double perKind(int kinds) {
    return 1 - Math.pow(1 - settings.faultRate(), 1.0 / kinds);
  }

  /**
   * Every fault kind on complete, the transient ones on query, then the emulated round trip for
   * calls that met no fault (the sandbox applies the first rule that fires).
   */
  List<FaultRule> faults() {
    List<FaultRule> rules = new ArrayList<>();
    double p = perKind(FaultKind.values().length);
    if (p > 0) {
      for (FaultKind kind : FaultKind.values()) {
        rules.add(
            new FaultRule(
                kind, Endpoint.COMPLETE, null, p, -1,
                kind == FaultKind.DELAY ? SLOW_ANSWER : Duration.ZERO));
      }
      for (FaultKind kind :
          List.of(FaultKind.FAIL_BEFORE_APPLY, FaultKind.THROTTLE, FaultKind.MAIN_HOST_UNAVAILABLE)) {
        rules.add(FaultRule.random(kind, Endpoint.QUERY, p));
      }
    }
    if (settings.latencyMs() > 0) {
      rules.add(FaultRule.delay(null, Duration.ofMillis(settings.latencyMs())));
    }
    return rules;
  }

  private SandboxConfig sandboxConfig(KeyPair keys, String serial, String apiV3Key) {
    return SandboxConfig.builder()
        .merchant(
            new SandboxConfig.Merchant(
                mchid.value(),
                serial,
                keys.getPublic(),
                apiV3Key,
                Set.of(APPID.value()),
                List.of(
                    new SandboxConfig.Service(
                        SERVICE_ID.value(), SandboxConfig.ServiceMode.CONFIRM, RISK_CAP))))
        .seed(settings.seed())
        .callbackTimeScale(0.001)
        .autoPayDelay(null)
        .build();
  }

  private List<String> orderNumbers() {
    List<String> orders = new ArrayList<>(settings.orders());
    for (int i = 0; i < settings.orders(); i++) {
      orders.add("DEMO" + runId + "-" + i);
    }
    return orders;
  }

  static long fee(String outOrderNo) {
    int index = Integer.parseInt(outOrderNo.substring(outOrderNo.lastIndexOf('-') + 1));
    return 200 + (index % 50) * 10L;
  }

  /** Creates the orders at WeChat with their local mirrors, and lets the user confirm each. */
  private void open(PayScore payScore, PayScoreSandbox sandbox, String notifyUrl, List<String> orders)
      throws InterruptedException {
    ExecutorService threads = Executors.newFixedThreadPool(8, Daemons.named("payscore-demo-user"));
    try {
      List<Future<?>> done = new ArrayList<>();
      for (String no : orders) {
        done.add(threads.submit(() -> openOne(payScore, sandbox, notifyUrl, no)));
      }
      for (Future<?> f : done) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          findings.add("open: " + e.getCause());
          unrequested.incrementAndGet();
        }
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private void openOne(PayScore payScore, PayScoreSandbox sandbox, String notifyUrl, String no) {
    CreateOrder create =
        new CreateOrder(no, APPID.value(), SERVICE_ID.value(), "充电宝租借",
            List.of(new PostPayment("收费标准", null, "2元/小时", null)), List.of(),
            TimeRange.between("OnAccept", null), null, RiskFund.of(RiskFundName.DEPOSIT, DEPOSIT),
            null, notifyUrl, null, null, null);
    LifecycleResult created = null;
    // an Unknown outcome is settled by repeating the same create (same out_order_no)
    for (int attempt = 0; attempt < 3 && !(created instanceof LifecycleResult.Applied); attempt++) {
      created = payScore.orders().create(new CreateServiceOrderCommand(mchid, create, "rental-desk"));
    }
    if (created instanceof LifecycleResult.Applied) {
      sandbox.confirm(no); // the user confirms on WeChat's page: a USER_CONFIRM callback follows
    } else {
      findings.add(no + ": create " + created);
      unrequested.incrementAndGet();
    }
  }

  /**
   * The merchant's rental desk: once the user's confirmation arrived, the rental is returned and the
   * completion requested, both in one transaction of the merchant's.
   */
  private Void returnRentals(PayScore payScore, DataSource dataSource)
      throws InterruptedException, SQLException {
    while (!Thread.currentThread().isInterrupted()) {
      String no = confirmed.poll(200, TimeUnit.MILLISECONDS);
      if (no != null) {
        returnRental(payScore, dataSource, no);
      }
    }
    return null;
  }

  private void returnRental(PayScore payScore, DataSource dataSource, String no) throws SQLException {
    long fee = fee(no);
    CompleteOrder completion =
        new CompleteOrder(APPID.value(), SERVICE_ID.value(),
            List.of(new PostPayment("租借费用", fee, "2小时", 1)), List.of(), fee,
            null, null, null, null, null);
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO payscore_demo.rental_return (mchid, out_order_no, fee) VALUES (?, ?, ?)")) {
        insert.setString(1, mchid.value());
        insert.setString(2, no);
        insert.setLong(3, fee);
        insert.executeUpdate();
      }
      RequestCompletionResult result =
          payScore.completions().request(connection,
              new RequestCompletionCommand(mchid, OutOrderNo.of(no), completion, "rental-desk"));
      if (result instanceof RequestCompletionResult.Requested) {
        connection.commit();
      } else {
        connection.rollback();
        findings.add(no + ": completion not requested: " + result);
        unrequested.incrementAndGet();
      }
    }
  }

  /** Waits until every requested completion is settled and every payment's callback arrived. */
  private void awaitSettled(PayScoreSandbox sandbox, DataSource dataSource, int total)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60 + total / 10).toNanos();
    Set<String> paid = ConcurrentHashMap.newKeySet();
    while (true) {
      Map<String, Long> counts = new java.util.HashMap<>();
      long retries = 0;
      List<String> succeeded = new ArrayList<>();
      try (Connection c = dataSource.getConnection();
          PreparedStatement s =
              c.prepareStatement(
                  "SELECT out_order_no, status, attempts FROM payscore.completion_intent WHERE mchid = ?")) {
        s.setString(1, mchid.value());
        try (ResultSet rows = s.executeQuery()) {
          while (rows.next()) {
            counts.merge(rows.getString(2), 1L, Long::sum);
            retries += Math.max(0, rows.getInt(3) - 1);
            if (rows.getString(2).equals("SUCCEEDED")) {
              succeeded.add(rows.getString(1));
            }
          }
        }
      } catch (SQLException e) {
        findings.add("progress: " + e.getMessage());
      }
      for (String no : succeeded) {
        if (paid.add(no)) {
          try {
            sandbox.pay(no); // the user pays the completed order
          } catch (IllegalStateException e) {
            findings.add(no + ": the user could not pay: " + e.getMessage());
          }
        }
      }
      long settled =
          counts.getOrDefault("SUCCEEDED", 0L) + counts.getOrDefault("FAILED", 0L)
              + counts.getOrDefault("NEEDS_ATTENTION", 0L);
      progress.update(settled, retries);
      if (counts.getOrDefault("IN_FLIGHT", 0L) == 0 && counts.getOrDefault("PENDING", 0L) > 0) {
        skipQuietWait(sandbox, dataSource);
      }
      if (settled + unrequested.get() >= total && paidSeen.containsAll(paid)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        progress.say("stopped waiting: " + settled + " of " + total + " settled");
        return;
      }
      Thread.sleep(100); // the refresh period of the progress display
    }
  }

  /**
   * When every unsettled intent waits for a later attempt (WeChat said it is deducting: the engine
   * waits minutes), moves the shared clock (WeChat's and the engine's) to the earliest of them, as
   * the sandbox's time-scaled callbacks do, so a run takes seconds.
   */
  private void skipQuietWait(PayScoreSandbox sandbox, DataSource dataSource) {
    Instant now = sandbox.clock().instant();
    Instant earliest = null;
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT min(next_attempt_at) FROM payscore.completion_intent"
                    + " WHERE mchid = ? AND status = 'PENDING'")) {
      s.setString(1, mchid.value());
      try (ResultSet rows = s.executeQuery()) {
        if (rows.next() && rows.getTimestamp(1) != null) {
          earliest = rows.getTimestamp(1).toInstant();
        }
      }
    } catch (SQLException e) {
      return;
    }
    if (earliest != null && earliest.isAfter(now.plusSeconds(2))) {
      Duration skip = Duration.between(now, earliest).plusMillis(10);
      skips.add(new ClockSkip(now, skip));
      progress.say(
          "skipping a quiet wait (WeChat is deducting; the engine waits): the clock moves on "
              + skip.toSeconds() + " s");
      sandbox.clock().advance(skip);
    }
  }

  /**
   * The host's callback endpoint: the raw bytes and headers go to the library, which verifies,
   * records and applies them; its answer goes back to WeChat. The demo also reads which order and
   * event it was (with its own parser), to let the rental desk act on a confirmation.
   */
  private BiFunction<Map<String, String>, byte[], CallbackEndpoint.Answer> callbackHandler(
      PayScore payScore, WechatKeys wechatKeys, String apiV3Key, PayScoreSandbox sandbox) {
    NotificationParser follower =
        NotificationParser.create(wechatKeys, ApiV3Key.ofText(apiV3Key), sandbox.clock());
    return (headers, body) -> {
      Notifications.Answer answer = payScore.notifications().handle(headers, body);
      if (answer.accepted()
          && follower.parse(body, headers) instanceof NotificationResult.Accepted accepted) {
        PayScoreNotification notification = accepted.notification();
        String no = notification.order().outOrderNo().value();
        if (notification.eventType() == PayScoreEventType.USER_CONFIRM) {
          if (confirmedSeen.add(no)) {
            confirmed.add(no);
          }
        } else {
          paidSeen.add(no);
        }
      }
      return new CallbackEndpoint.Answer(
          answer.status(), answer.body().getBytes(StandardCharsets.UTF_8));
    };
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }


  /** Counts the completions the engine settled as SUCCEEDED, as it tells its listener. */
  private PayScoreListener completionCounter() {
    return new PayScoreListener() {
      @Override
      public void intentSettled(CompletionIntent intent) {
        if (intent.kind() == IntentKind.COMPLETE && intent.status() == IntentStatus.SUCCEEDED) {
          completedSeen.incrementAndGet();
        }
      }
    };
  }
}
