package dev.payscore.bench.internal;

import dev.payscore.AuditCursor;
import dev.payscore.AuditQuery;
import dev.payscore.DispatcherOptions;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScore;
import dev.payscore.RequestCompletionCommand;
import dev.payscore.RequestCompletionResult;
import dev.payscore.bench.BenchResult;
import dev.payscore.bench.BenchSettings;
import dev.payscore.persistence.JooqTransactions;
import dev.payscore.wechat.WechatPayScoreGateway;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * How cost grows with the tables: audit history queries at each seeded history size (one order; a
 * merchant's time range, first page and a page 90% deep), claiming due intents with many settled
 * intents present, and draining a backlog of pending intents after an outage with the per-merchant
 * rate limit on (the default) and off. History and settled intents are seeded with SQL ({@code
 * generate_series}); the backlog is real orders at the sandbox.
 */
public final class ScaleBench {
  /** Events per seeded order, and merchants the seeded orders are spread over. */
  private static final int EVENTS_PER_ORDER = 10;

  private static final int MERCHANTS = 100;
  private static final int PAGE = 100;
  private static final int CLAIM_BATCH = 32;
  /** The merchant's threads that record the backlog during the outage. */
  private static final int REQUEST_THREADS = 4;
  private static final String SEED_EPOCH = "2026-01-01 00:00:00+00";
  private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2100-01-01T00:00:00Z");
  private static final MerchantId PROBED = seededMerchant(7);

  private final String scenario;
  private final BenchSettings settings;

  public ScaleBench(String scenario, BenchSettings settings) {
    this.scenario = scenario;
    this.settings = settings;
  }

  public BenchResult run() {
    int c = settings.concurrency();
    Map<String, Object> figures = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    try (Database db = Database.open(settings.jdbcUrl(), c + 8, settings.durable());
        SandboxMerchant merchant = new SandboxMerchant(Duration.ZERO);
        WechatPayScoreGateway gateway = merchant.gateway(c)) {
      JooqTransactions transactions = new JooqTransactions(db.raw());
      int measurements = settings.historySizes().size() * 3 + settings.settledSizes().size();
      Duration each = settings.duration().dividedBy(Math.max(1, measurements));
      if (each.compareTo(Duration.ofMillis(200)) < 0) {
        each = Duration.ofMillis(200);
      }

      Latencies largestOrder = null;
      double firstP99 = -1;
      double lastP99 = -1;
      long seeded = 0;
      for (long size : settings.historySizes()) {
        long started = System.nanoTime();
        seedHistory(db, seeded, size);
        seeded = Math.max(seeded, size);
        figures.put(
            "history_" + size + "_seed_s", BenchResult.round((System.nanoTime() - started) / 1e9));
        long orders = size / EVENTS_PER_ORDER;
        SplittableRandom random = new SplittableRandom(size);
        Latencies order =
            time(
                each,
                i -> {
                  long k = random.nextLong(orders);
                  transactions.inTransaction(
                      repos -> repos.history().ofOrder(seededMerchant(k), OutOrderNo.of("S" + k)));
                });
        Latencies first =
            time(
                each,
                i -> transactions.inTransaction(repos -> repos.history().ofMerchant(query(null))));
        AuditCursor deepCursor = cursorAt(db, 0.9);
        Latencies deep =
            time(
                each,
                i ->
                    transactions.inTransaction(
                        repos -> repos.history().ofMerchant(query(deepCursor))));
        put(figures, "history_" + size + "_one_order", order);
        put(figures, "history_" + size + "_merchant_first_page", first);
        put(figures, "history_" + size + "_merchant_deep_page", deep);
        if (firstP99 < 0) {
          firstP99 = first.percentileMs(99);
        }
        lastP99 = first.percentileMs(99);
        largestOrder = order;
      }
      figures.put(
          "history_first_page_p99_largest_over_smallest",
          BenchResult.round(lastP99 / Math.max(1e-9, firstP99)));

      try (PayScore setup =
          PayScore.builder()
              .dataSource(db.raw())
              .gateway(gateway)
              .merchantIds(SandboxMerchant.MCHID)
              .clock(merchant.clock())
              .listen(false)
              .build()) {
        List<String> template = merchant.prepare(gateway, transactions, 1, 1);
        request(setup, template.get(0), "bench-template");
        long settledSeeded = 0;
        seedPending(db, template.get(0));
        for (long size : settings.settledSizes()) {
          long started = System.nanoTime();
          seedSettled(db, template.get(0), settledSeeded, size);
          settledSeeded = Math.max(settledSeeded, size);
          figures.put(
              "claim_" + size + "_seed_s", BenchResult.round((System.nanoTime() - started) / 1e9));
          Latencies claim =
              time(
                  each,
                  i -> {
                    List<?> claimed =
                        transactions.inTransaction(
                            repos ->
                                repos
                                    .intents()
                                    .claimDue(
                                        "bench",
                                        Duration.ofMinutes(2),
                                        Map.of(SandboxMerchant.MCHID, CLAIM_BATCH),
                                        CLAIM_BATCH));
                    if (claimed.size() != CLAIM_BATCH) {
                      throw new IllegalStateException(
                          "claimed " + claimed.size() + " of " + CLAIM_BATCH);
                    }
                  },
                  () ->
                      db.execute(
                          "UPDATE payscore.completion_intent SET status = 'PENDING',"
                              + " lease_owner = NULL, lease_expires_at = NULL"
                              // only the claimed ones are in flight: the partial index finds them
                              + " WHERE status = 'IN_FLIGHT'"));
          put(figures, "claim_" + CLAIM_BATCH + "_with_" + size + "_settled", claim);
        }
        db.execute("DELETE FROM payscore.completion_intent WHERE requested_by = 'bench-pending'");
        notes.add(
            "claim times one claimDue(" + CLAIM_BATCH + ") transaction; the reset is untimed");

        double off =
            drain(
                db,
                merchant,
                gateway,
                transactions,
                setup,
                DurableVsBare.RATE_LIMIT_OFF,
                figures,
                "drain_rate_limit_off");
        drain(
            db,
            merchant,
            gateway,
            transactions,
            setup,
            settings.drainRateLimit(),
            figures,
            "drain_rate_limit_on");
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("history_sizes", settings.historySizes());
        inputs.put("settled_sizes", settings.settledSizes());
        inputs.put("backlog", settings.backlog());
        inputs.put("concurrency", c);
        inputs.put("duration_s", settings.duration().toSeconds());
        inputs.put("page_size", PAGE);
        inputs.put("merchants_in_history", MERCHANTS);
        inputs.put("database", db.describe());
        inputs.put("drain_rate_limit_on_per_s", settings.drainRateLimit());
        notes.add(
            "ops_per_s = backlog drained per second with the rate limit off; ratio = merchant"
                + " first-page p99 at the largest history over the smallest; p50/p99 = one order's"
                + " history at the largest size");
        return new BenchResult(
            scenario,
            off,
            figures.containsKey("history_first_page_p99_largest_over_smallest")
                ? (Double) figures.get("history_first_page_p99_largest_over_smallest")
                : null,
            largestOrder == null ? 0 : largestOrder.percentileMs(50),
            largestOrder == null ? 0 : largestOrder.percentileMs(99),
            inputs,
            figures,
            notes);
      }
    }
  }

  private static MerchantId seededMerchant(long order) {
    return MerchantId.of(Long.toString(1_900_000_000L + order % MERCHANTS));
  }

  private static AuditQuery query(AuditCursor after) {
    return new AuditQuery(PROBED, FROM, TO, Set.of(), null, after, PAGE);
  }

  /** Seeds events [from, to): event i is number i % 10 + 1 of order S(i / 10), one a second. */
  private static void seedHistory(Database db, long from, long to) {
    for (long lo = from; lo < to; lo += 1_000_000) {
      long hi = Math.min(to, lo + 1_000_000);
      db.execute(
          "INSERT INTO payscore.audit_event (mchid, out_order_no, sequence, event_type, cause,"
              + " actor, amount, occurred_at)"
              + " SELECT (1900000000 + (i / "
              + EVENTS_PER_ORDER
              + ") % "
              + MERCHANTS
              + ")::text,"
              + " 'S' || (i / "
              + EVENTS_PER_ORDER
              + "), i % "
              + EVENTS_PER_ORDER
              + " + 1,"
              + " 'COMPLETION_ATTEMPTED', 'API_CALL', 'bench', 300,"
              + " timestamptz '"
              + SEED_EPOCH
              + "' + i * interval '1 second'"
              + " FROM generate_series("
              + lo
              + "::bigint, "
              + (hi - 1)
              + "::bigint) i");
    }
    db.execute("ANALYZE payscore.audit_event");
  }

  /** The keyset cursor {@code fraction} of the way through the probed merchant's events. */
  private static AuditCursor cursorAt(Database db, double fraction) {
    long count =
        db.scalarLong(
            "SELECT count(*) FROM payscore.audit_event WHERE mchid = '" + PROBED.value() + "'");
    String row =
        db.scalarText(
            "SELECT occurred_at::text || '|' || id FROM payscore.audit_event WHERE mchid = '"
                + PROBED.value()
                + "' ORDER BY occurred_at, id OFFSET "
                + (long) (count * fraction)
                + " LIMIT 1");
    String[] parts = row.split("\\|");
    Instant at =
        OffsetDateTime.parse(parts[0].replace(' ', 'T').replaceFirst("([+-]\\d\\d)$", "$1:00"))
            .toInstant();
    return new AuditCursor(at, Long.parseLong(parts[1]));
  }

  private static final String ORDER_COLUMNS =
      "(mchid, out_order_no, appid, service_id, service_introduction, mode, lifecycle,"
          + " risk_fund_name, risk_fund_amount, time_range, post_payments, post_discounts,"
          + " notify_url, version)";

  private static String orderValues(String prefix, String lifecycle) {
    return " SELECT mchid, '"
        + prefix
        + "' || i, appid, service_id, service_introduction, mode, '"
        + lifecycle
        + "', risk_fund_name, risk_fund_amount, time_range, post_payments,"
        + " post_discounts, notify_url, 1 FROM payscore.service_order, ";
  }

  private static String intentInsert(String prefix, String status, String requestedBy) {
    return "INSERT INTO payscore.completion_intent (id, mchid, out_order_no, kind, body,"
        + " payload_sha256, status, attempts, next_attempt_at, requested_by, created_at,"
        + " updated_at, version) SELECT gen_random_uuid(), t.mchid, '"
        + prefix
        + "' || i,"
        + " 'COMPLETE', t.body, t.payload_sha256, '"
        + status
        + "', 0,"
        + " now() - interval '1 minute', '"
        + requestedBy
        + "', now(), now(), 1"
        + " FROM payscore.completion_intent t, ";
  }

  /**
   * {@value #CLAIM_BATCH} due intents (copies of the template's payload) on orders of their own.
   */
  private static void seedPending(Database db, String template) {
    String series = "generate_series(1, " + CLAIM_BATCH + ") i WHERE ";
    db.execute(
        "INSERT INTO payscore.service_order "
            + ORDER_COLUMNS
            + orderValues("P", "DOING_USER_CONFIRM")
            + series
            + "out_order_no = '"
            + template
            + "'",
        intentInsert("P", "PENDING", "bench-pending")
            + series
            + "t.out_order_no = '"
            + template
            + "'");
  }

  /** Settled intents [from, to), each on a DONE order of its own. */
  private static void seedSettled(Database db, String template, long from, long to) {
    for (long lo = from; lo < to; lo += 500_000) {
      long hi = Math.min(to, lo + 500_000);
      String series = "generate_series(" + lo + "::bigint, " + (hi - 1) + "::bigint) i WHERE ";
      db.execute(
          "INSERT INTO payscore.service_order "
              + ORDER_COLUMNS
              + orderValues("D", "DONE")
              + series
              + "out_order_no = '"
              + template
              + "'",
          intentInsert("D", "SUCCEEDED", "bench-settled")
              + series
              + "t.out_order_no = '"
              + template
              + "'");
    }
    db.execute("ANALYZE payscore.completion_intent", "ANALYZE payscore.service_order");
  }

  /**
   * Requests {@code backlog} completions while no dispatcher runs (the outage), then starts one
   * with the given per-merchant rate and times until every intent settled.
   */
  private double drain(
      Database db,
      SandboxMerchant merchant,
      WechatPayScoreGateway gateway,
      JooqTransactions transactions,
      PayScore setup,
      double maxPerSecond,
      Map<String, Object> figures,
      String name) {
    int c = settings.concurrency();
    List<String> orders =
        merchant.prepare(gateway, transactions, settings.backlog(), Math.max(8, c));
    AtomicInteger next = new AtomicInteger();
    DurableVsBare.runAll(
        REQUEST_THREADS,
        () -> {
          for (int i; (i = next.getAndIncrement()) < orders.size(); ) {
            request(setup, orders.get(i), name);
          }
        });
    DispatcherOptions options = DurableVsBare.options(c, maxPerSecond);
    // wall time: the drain's end is read from updated_at, which settlements stamp in the database's
    // time, and PostgreSQL runs on this machine's clock
    Instant start = Instant.now();
    try (PayScore dispatcher =
        PayScore.builder()
            .dataSource(db.raw())
            .gateway(gateway)
            .merchantIds(SandboxMerchant.MCHID)
            .clock(merchant.clock())
            .dispatcherOptions(options)
            .build()) {
      dispatcher.start();
      // through the partial indexes of unsettled intents: with millions of settled intents
      // present, a scan of the table every 100 ms would be most of what the machine does
      String unsettled =
          "SELECT count(*) FROM payscore.completion_intent"
              + " WHERE (status = 'PENDING' OR status = 'IN_FLIGHT') AND requested_by = '"
              + name
              + "'";
      // generous: ten minutes, or the backlog at a tenth of the rate limit
      long allowedSeconds =
          Math.max(600, (long) (10 * settings.backlog() / Math.min(maxPerSecond, 1000)));
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(allowedSeconds);
      while (db.scalarLong(unsettled) > 0) {
        if (System.nanoTime() > until) {
          throw new IllegalStateException(
              name + ": backlog not drained in " + allowedSeconds + " s");
        }
        pause(100);
      }
    }
    long succeeded =
        db.scalarLong(
            "SELECT count(*) FROM payscore.completion_intent WHERE requested_by = '"
                + name
                + "' AND status = 'SUCCEEDED'");
    String last =
        db.scalarText(
            "SELECT extract(epoch FROM max(updated_at))::text FROM payscore.completion_intent"
                + " WHERE requested_by = '"
                + name
                + "'");
    double seconds = Double.parseDouble(last) - start.toEpochMilli() / 1000.0;
    double rate = succeeded / seconds;
    figures.put(name + "_per_s", BenchResult.round(rate));
    figures.put(name + "_seconds", BenchResult.round(seconds));
    figures.put(name + "_succeeded", succeeded);
    figures.put(name + "_max_per_s", maxPerSecond);
    return rate;
  }

  private static void request(PayScore payScore, String no, String by) {
    RequestCompletionResult result =
        payScore
            .completions()
            .request(
                new RequestCompletionCommand(
                    SandboxMerchant.MCHID,
                    OutOrderNo.of(no),
                    SandboxMerchant.completion(300, null),
                    by));
    if (!(result instanceof RequestCompletionResult.Requested)) {
      throw new IllegalStateException("request of " + no + " not recorded: " + result);
    }
  }

  /** Runs {@code op} back to back for {@code duration} (at least 20 times); one sample each. */
  private static Latencies time(Duration duration, IntConsumer op) {
    return time(duration, op, () -> {});
  }

  /** The same with {@code reset} after each run of {@code op}, untimed. */
  private static Latencies time(Duration duration, IntConsumer op, Runnable reset) {
    List<Long> samples = new ArrayList<>();
    // warm the JIT first, or the first size measured pays for it
    long warm = System.nanoTime() + Math.min(duration.toNanos(), 1_000_000_000L);
    for (int i = 0; i < 5 || System.nanoTime() < warm; i++) {
      op.accept(i);
      reset.run();
    }
    long end = System.nanoTime() + duration.toNanos();
    for (int i = 0; i < 20 || System.nanoTime() < end; i++) {
      long t0 = System.nanoTime();
      op.accept(i);
      samples.add(System.nanoTime() - t0);
      reset.run();
    }
    return new Latencies(samples.stream().mapToLong(Long::longValue).toArray());
  }

  private static void put(Map<String, Object> figures, String name, Latencies latencies) {
    figures.put(name + "_p50_ms", BenchResult.round(latencies.percentileMs(50)));
    figures.put(name + "_p99_ms", BenchResult.round(latencies.percentileMs(99)));
    figures.put(name + "_samples", latencies.count());
  }

  private static void pause(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
