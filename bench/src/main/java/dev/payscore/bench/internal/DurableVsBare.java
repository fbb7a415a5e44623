package dev.payscore.bench.internal;

import dev.payscore.DispatcherOptions;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScore;
import dev.payscore.RateLimit;
import dev.payscore.RequestCompletionCommand;
import dev.payscore.RequestCompletionResult;
import dev.payscore.bench.BenchResult;
import dev.payscore.bench.BenchSettings;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.persistence.JooqTransactions;
import dev.payscore.wechat.WechatPayScoreGateway;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * The headline: in one run against one sandbox, (a) bare signed complete calls through the adapter,
 * no persistence, {@code concurrency} threads; (b) durable completions through the engine at the
 * same concurrency: the merchant's threads request each completion in their own committed
 * transaction, the dispatcher claims, sends, verifies, reconciles, settles and audits it. Orders
 * are prepared at WeChat and mirrored locally before each timed window.
 */
public final class DurableVsBare {
  private static final int MERCHANT_THREADS = 4;
  private static final long TOTAL = 300;
  private static final int ACCOUNTED_ORDERS = 200;

  /** A per-merchant rate no run reaches: the limiter stays out of the way. */
  static final double RATE_LIMIT_OFF = 1_000_000;

  private final String scenario;
  private final BenchSettings settings;
  private final Duration latency;

  public DurableVsBare(String scenario, BenchSettings settings, Duration latency) {
    this.scenario = scenario;
    this.settings = settings;
    this.latency = latency;
  }

  /** One phase's outcome: how many, in what window, latencies, CPU and database figures. */
  private record Phase(
      int done,
      int failed,
      double seconds,
      Latencies latencies,
      CpuMeter.Reading cpu,
      long transactions,
      long roundTrips,
      long queries,
      Database.Wal wal) {
    double rate() {
      return seconds > 0 ? done / seconds : 0;
    }
  }

  public BenchResult run() {
    int c = settings.concurrency();
    try (Database db =
            Database.open(settings.jdbcUrl(), c + MERCHANT_THREADS + 8, settings.durable());
        SandboxMerchant merchant = new SandboxMerchant(latency);
        WechatPayScoreGateway gateway = merchant.gateway(c)) {
      JooqTransactions seeding = new JooqTransactions(db.raw());
      CpuMeter cpu = new CpuMeter(db);
      int prepThreads = Math.max(c, 8);
      // warm-up, which also estimates the bare rate so that enough orders are prepared
      // enough calls for the JIT to settle on both paths (C2 compiles after ~10k invocations of a
      // method, and a completion calls most of its methods several times): ~100 per second of
      // the timed phase
      int warmCount =
          (int) Math.min(3000, Math.max(8L * c, settings.duration().toSeconds() * 100));
      List<String> warm = merchant.prepare(gateway, seeding, warmCount, prepThreads);
      Phase warmUp = bare(gateway, merchant, warm, Duration.ofMinutes(5), cpu);
      // the durable path warms up too (JIT of jOOQ, the engine), on orders of its own
      List<String> warmDurable = merchant.prepare(gateway, seeding, warmCount, prepThreads);
      Phase warmUpDurable =
          durable(gateway, merchant, warmDurable, Duration.ofMinutes(5), cpu, db, false);
      long wanted = (long) Math.ceil(warmUp.rate() * settings.duration().toMillis() / 1000.0 * 2.0);
      int count = (int) Math.min(500_000, Math.max(2L * c, wanted));

      List<String> bareOrders = merchant.prepare(gateway, seeding, count, prepThreads);
      Phase bare = bare(gateway, merchant, bareOrders, settings.duration(), cpu);
      List<String> durableOrders = merchant.prepare(gateway, seeding, count, prepThreads);
      Phase durable =
          durable(gateway, merchant, durableOrders, settings.duration(), cpu, db, false);
      // Round trips are counted in a pass of their own: the counting proxies cost CPU that would
      // otherwise be charged to the timed durable phase.
      List<String> countedOrders =
          merchant.prepare(gateway, seeding, ACCOUNTED_ORDERS, prepThreads);
      Phase counted =
          durable(gateway, merchant, countedOrders, Duration.ofMinutes(5), cpu, db, true);
      long applied = merchant.appliedCompletions();

      Map<String, Object> inputs = new LinkedHashMap<>();
      inputs.put("duration_s", settings.duration().toSeconds());
      inputs.put("concurrency", c);
      inputs.put("merchant_threads", MERCHANT_THREADS);
      inputs.put("window_outstanding", 2 * c);
      inputs.put("sandbox_latency_ms", latency.toMillis());
      inputs.put("orders_prepared_per_phase", count);
      inputs.put("database", db.describe());
      inputs.put("durability", db.durability());
      inputs.put("rate_limit_per_merchant", "off (1e6/s)");

      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("bare_ops_per_s", BenchResult.round(bare.rate()));
      figures.put("bare_p50_ms", BenchResult.round(bare.latencies().percentileMs(50)));
      figures.put("bare_p99_ms", BenchResult.round(bare.latencies().percentileMs(99)));
      figures.put("bare_calls", bare.done());
      figures.put("bare_failed", bare.failed());
      figures.put("bare_window_s", BenchResult.round(bare.seconds()));
      perCall(figures, "bare", bare);
      figures.put("durable_ops_per_s", BenchResult.round(durable.rate()));
      figures.put("durable_succeeded", durable.done());
      figures.put("durable_not_succeeded", durable.failed());
      figures.put("durable_window_s", BenchResult.round(durable.seconds()));
      figures.put("durable_settling_queries", durable.queries());
      perCall(figures, "durable", durable);
      figures.put(
          "durable_db_transactions_per_completion",
          BenchResult.round((double) durable.transactions() / Math.max(1, durable.done())));
      double n = Math.max(1, durable.done());
      // the merchant's own transaction commits each request; the rest is the engine's
      figures.put(
          "durable_engine_commits_per_completion",
          BenchResult.round((durable.transactions() - durable.done() - durable.failed()) / n));
      figures.put("durable_wal_bytes_per_completion", BenchResult.round(durable.wal().bytes() / n));
      figures.put(
          "durable_wal_records_per_completion", BenchResult.round(durable.wal().records() / n));
      figures.put(
          "durable_wal_flushes_per_completion", BenchResult.round(durable.wal().syncs() / n));
      figures.put(
          "durable_db_round_trips_per_completion",
          BenchResult.round((double) counted.roundTrips() / Math.max(1, counted.done())));
      figures.put("wechat_applied_completions", applied);
      long calls =
          warmUp.done() + warmUpDurable.done() + bare.done() + durable.done() + counted.done();
      figures.put("calls_made", calls);

      List<String> notes = new ArrayList<>();
      notes.add(
          "p50/p99 are commit of the intent -> intent settled (engine clock); bare_p50/p99 one"
              + " call");
      notes.add(
          "db transactions = pg_stat_database xact_commit delta (all sessions of the run's"
              + " database: merchant requests, claims, settles, LISTEN); round trips = statements +"
              + " commits + rollbacks through the library's DataSource, counted in an untimed pass"
              + " of "
              + ACCOUNTED_ORDERS
              + " completions; engine commits = db transactions minus the merchant's one request"
              + " commit per completion");
      notes.add(
          "wal = pg_stat_wal delta over the durable phase (the whole server: on a shared"
              + " --jdbc-url server other databases count too); flushes = wal_sync");
      notes.add(
          "cpu: client = this JVM minus the sandbox's threads; sandbox = WeChat's side; db ="
              + " PostgreSQL processes of the run's database plus shared background processes");
      if (applied != calls) {
        notes.add("WeChat's ledger disagrees with the calls counted: " + applied);
      }
      double ratio = bare.rate() > 0 ? durable.rate() / bare.rate() : 0;
      return new BenchResult(
          scenario,
          durable.rate(),
          ratio,
          durable.latencies().percentileMs(50),
          durable.latencies().percentileMs(99),
          inputs,
          figures,
          notes);
    }
  }

  private static void perCall(Map<String, Object> figures, String phase, Phase p) {
    double n = Math.max(1, p.done());
    figures.put(
        phase + "_cpu_client_us_per_completion", BenchResult.round(p.cpu().client() * 1e6 / n));
    figures.put(
        phase + "_cpu_sandbox_us_per_completion", BenchResult.round(p.cpu().sandbox() * 1e6 / n));
    figures.put(phase + "_cpu_db_us_per_completion", BenchResult.round(p.cpu().server() * 1e6 / n));
  }

  /** {@code concurrency} threads complete the orders back to back until the duration is up. */
  private Phase bare(
      WechatPayScoreGateway gateway,
      SandboxMerchant merchant,
      List<String> orders,
      Duration duration,
      CpuMeter meter) {
    int c = settings.concurrency();
    AtomicInteger next = new AtomicInteger();
    long[] latencies = new long[orders.size()];
    LongAdder failed = new LongAdder();
    AtomicLong lastEnd = new AtomicLong();
    CpuMeter.Reading before = meter.read();
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    runAll(
        c,
        () -> {
          for (int i;
              System.nanoTime() < deadline && (i = next.getAndIncrement()) < orders.size(); ) {
            long t0 = System.nanoTime();
            GatewayOutcome<ObservedOrder> outcome =
                gateway.complete(
                    SandboxMerchant.MCHID,
                    OutOrderNo.of(orders.get(i)),
                    merchant.bareCompletion(TOTAL));
            long t1 = System.nanoTime();
            latencies[i] = t1 - t0;
            lastEnd.accumulateAndGet(t1, Math::max);
            if (!(outcome instanceof GatewayOutcome.Accepted)) {
              failed.increment();
            }
          }
        });
    CpuMeter.Reading cpu = meter.read().minus(before);
    int done = Math.min(next.get(), orders.size());
    long[] samples = Arrays.copyOf(latencies, done);
    return new Phase(
        done - failed.intValue(),
        failed.intValue(),
        (lastEnd.get() - start) / 1e9,
        new Latencies(samples),
        cpu,
        0,
        0,
        0,
        new Database.Wal(0, 0, 0));
  }

  /**
   * The merchant's threads request completions (each in its own committed transaction) while at
   * most 2 × concurrency are outstanding; the engine sends them. Ends when all requested settled.
   */
  private Phase durable(
      WechatPayScoreGateway gateway,
      SandboxMerchant merchant,
      List<String> orders,
      Duration duration,
      CpuMeter meter,
      Database db,
      boolean countRoundTrips) {
    int c = settings.concurrency();
    DataSource dataSource = countRoundTrips ? db.counted().dataSource() : db.raw();
    Semaphore window = new Semaphore(2 * c);
    SignalingGateway signaling = new SignalingGateway(gateway, window);
    DispatcherOptions options = options(c, RATE_LIMIT_OFF);
    Map<String, Instant> committed = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    try (PayScore payScore =
        PayScore.builder()
            .dataSource(dataSource)
            .gateway(signaling)
            .merchantIds(SandboxMerchant.MCHID)
            .clock(merchant.clock())
            .dispatcherOptions(options)
            .build()) {
      payScore.start();
      long xactBefore = settledStats(db);
      Database.Wal walBefore = db.wal();
      long tripsBefore = db.counted().roundTrips();
      CpuMeter.Reading before = meter.read();
      // Wall time, not the engine's clock: settlements stamp updated_at in the database's time,
      // and PostgreSQL runs on this machine's clock (the sandbox clock runs ahead by its skips).
      Instant start = Instant.now();
      long deadline = System.nanoTime() + duration.toNanos();
      runAll(
          MERCHANT_THREADS,
          () -> {
            while (System.nanoTime() < deadline) {
              window.acquireUninterruptibly();
              int i = next.getAndIncrement();
              if (i >= orders.size() || System.nanoTime() >= deadline) {
                window.release();
                return;
              }
              String no = orders.get(i);
              request(payScore, dataSource, no);
              committed.put(no, Instant.now());
            }
          });
      awaitSettled(db);
      CpuMeter.Reading cpu = meter.read().minus(before);
      long trips = db.counted().roundTrips() - tripsBefore;
      long xact = settledStats(db) - xactBefore;
      Database.Wal wal = db.wal().minus(walBefore);
      return settledPhase(db, committed, start, cpu, xact, trips, signaling.queries(), wal);
    }
  }

  /** The defaults, with {@code concurrency} calls in flight and the merchant's rate capped. */
  static DispatcherOptions options(int concurrency, double maxPerSecond) {
    return DispatcherOptions.defaults()
        .withConcurrency(concurrency)
        .withBatchSize(Math.min(32, concurrency))
        .withRateLimit(new RateLimit(maxPerSecond, 1, 0.5));
  }

  private static void request(PayScore payScore, DataSource dataSource, String no) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      RequestCompletionResult result =
          payScore
              .completions()
              .request(
                  connection,
                  new RequestCompletionCommand(
                      SandboxMerchant.MCHID,
                      OutOrderNo.of(no),
                      SandboxMerchant.completion(TOTAL, null),
                      "bench"));
      if (!(result instanceof RequestCompletionResult.Requested)) {
        connection.rollback();
        throw new IllegalStateException("request of " + no + " not recorded: " + result);
      }
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("request of " + no + ": " + e.getMessage(), e);
    }
  }

  /** Committed transactions, read once the server flushed its statistics. */
  private static long settledStats(Database db) {
    try {
      // PostgreSQL 15 flushes a session's statistics at most once a second
      TimeUnit.MILLISECONDS.sleep(1100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return db.committedTransactions();
  }

  /** Waits until no intent is pending or in flight (read through their partial indexes). */
  private static void awaitSettled(Database db) {
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < until) {
      if (db.scalarLong(
              "SELECT count(*) FROM payscore.completion_intent"
                  + " WHERE status = 'PENDING' OR status = 'IN_FLIGHT'")
          == 0) {
        return;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("intents still unsettled after 10 minutes");
  }

  private static Phase settledPhase(
      Database db,
      Map<String, Instant> committed,
      Instant start,
      CpuMeter.Reading cpu,
      long transactions,
      long roundTrips,
      long queries,
      Database.Wal wal) {
    Map<String, Instant> settledAt = new HashMap<>();
    int succeeded = 0;
    try (Connection connection = db.raw().getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT out_order_no, updated_at, status FROM payscore.completion_intent");
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        if (committed.containsKey(rs.getString(1))) {
          settledAt.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
          if ("SUCCEEDED".equals(rs.getString(3))) {
            succeeded++;
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading settled intents: " + e.getMessage(), e);
    }
    long[] latencies = new long[settledAt.size()];
    Instant last = start;
    int k = 0;
    for (Map.Entry<String, Instant> e : settledAt.entrySet()) {
      latencies[k++] = Duration.between(committed.get(e.getKey()), e.getValue()).toNanos();
      if (e.getValue().isAfter(last)) {
        last = e.getValue();
      }
    }
    double seconds = Duration.between(start, last).toNanos() / 1e9;
    return new Phase(
        succeeded,
        committed.size() - succeeded,
        seconds,
        new Latencies(latencies),
        cpu,
        transactions,
        roundTrips,
        queries,
        wal);
  }

  /** Runs {@code threads} copies of {@code work} and waits for all; a failure fails the run. */
  static void runAll(int threads, Runnable work) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        all.add(pool.submit(work));
      }
      for (Future<?> f : all) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a benchmark thread failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
