package dev.payscore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import dev.payscore.sandbox.internal.OrderBook;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a test of speed: prints the latency of sequential calls (a ~44 ms
 * Nagle/delayed-ACK stall would show here) and the rate of signed complete calls the sandbox
 * answers with several client threads. Requests are signed before the clock starts, so the figure
 * is the sandbox's (verify, rules, sign the answer). Excluded by default; run with
 * {@code ./mvnw -o -q test -pl sandbox -Dtest=SandboxThroughput -Dsandbox.excludedGroups=none}.
 */
@Tag("benchmark")
final class SandboxThroughput {
  private static final int ORDERS = 4000;
  private static final int THREADS = 8;

  /** What signing one answer costs on this machine at this moment (the floor of a call). */
  private static double signMillis() throws Exception {
    java.security.Signature signer = java.security.Signature.getInstance("SHA256withRSA");
    byte[] message = Fixture.complete().getBytes(StandardCharsets.UTF_8);
    int rounds = 500;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < rounds; i++) {
      signer.initSign(Fixture.MERCHANT_KEYS.getPrivate());
      signer.update(message);
      signer.sign();
    }
    return (threads.getCurrentThreadCpuTime() - start) / 1e6 / rounds;
  }

  /** CPU time of the sandbox's request threads (the client runs in the same JVM). */
  private static long serverCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("payscore-sandbox-http")) {
        total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }

  /** The stall TOOLCHAIN.md warns of: the JDK server flushes headers, then the body. */
  private static double twoWriteServer() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] body = "{\"code\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
              .POST(HttpRequest.BodyPublishers.ofString("{}"))
              .build();
      int calls = 50;
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        http.send(request, HttpResponse.BodyHandlers.ofString());
      }
      return (System.nanoTime() - start) / 1e6 / calls;
    } finally {
      server.stop(0);
    }
  }

  @Test
  void measure() throws Exception {
    try (PayScoreSandbox sandbox =
        PayScoreSandbox.start(Fixture.config().autoPayDelay(null).build())) {
      Flows flows = new Flows(sandbox);
      sandbox.clock().advance(Duration.ZERO);
      for (int i = 0; i < ORDERS; i++) {
        assertThat(flows.create(Fixture.createNoConfirm("t-" + i)).status()).isEqualTo(200);
      }
      sandbox.clock().advance(Duration.ofMinutes(10));
      String body = Fixture.completeNoConfirm(15_00);

      System.out.printf(
          "JDK HttpServer, headers and body written apart: %.2f ms per call%n", twoWriteServer());
      int sequential = 200;
      long start = System.nanoTime();
      for (int i = 0; i < sequential; i++) {
        assertThat(flows.query("t-" + i).status()).isEqualTo(404);
      }
      double perCall = (System.nanoTime() - start) / 1e6 / sequential;
      System.out.printf("sequential signed calls: %.2f ms per call (a Nagle stall would be ~44 ms)%n", perCall);

      List<HttpRequest> requests = new ArrayList<>();
      for (int i = 0; i < ORDERS; i++) {
        requests.add(flows.client.prepare("POST", Flows.path("t-" + i, "complete"), body, body, null));
      }
      long serverCpuBefore = serverCpuNanos();
      AtomicInteger next = new AtomicInteger();
      AtomicInteger ok = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      start = System.nanoTime();
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < ORDERS; i = next.getAndIncrement()) {
                    MerchantClient.Answer answer = flows.client.send(requests.get(i));
                    if (answer.status() == 200 && answer.signatureValid()) {
                      ok.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double serverCpuMs = (serverCpuNanos() - serverCpuBefore) / 1e6 / ORDERS;
      pool.shutdown();
      System.out.printf(
          "signed complete calls: %d ok of %d in %.2f s = %.0f calls/s (%d client threads, %d cores)%n",
          ok.get(), ORDERS, seconds, ORDERS / seconds, THREADS, Runtime.getRuntime().availableProcessors());
      System.out.printf("RSA-2048 SHA256withRSA sign alone, same JVM now: %.3f ms%n", signMillis());
      System.out.printf(
          "sandbox CPU per complete call: %.3f ms (request threads only) = %.0f calls/s per core%n",
          serverCpuMs, 1000 / serverCpuMs);
      assertThat(ok.get()).isEqualTo(ORDERS);
    }
  }

  /**
   * The order book alone (no HTTP, no RSA: what runs under its lock) with {@code
   * -Dsandbox.backlog=N} (50 000) completed orders awaiting automatic payment: merchant calls with
   * nothing due, then with one payment due before each call (the steady state of a benchmark whose
   * completions come due a minute later), then the user confirming as many orders one by one.
   */
  @Test
  void dueWork() {
    int backlog = Integer.getInteger("sandbox.backlog", 50_000);
    int calls = Math.min(backlog, 10_000);
    SandboxClock clock = SandboxClock.of(Clock.fixed(Fixture.START, ZoneOffset.UTC));
    Duration delay = Duration.ofDays(1);
    SandboxConfig config = Fixture.config().autoPayDelay(delay).build();
    OrderBook book = new OrderBook(config, clock, (event, merchant, number, url, plain) -> {});
    SandboxConfig.Merchant merchant = config.merchants().get(0);
    for (int i = 0; i < backlog; i++) {
      book.create(merchant, Fixture.createNoConfirm("a-" + i));
      book.create(merchant, Fixture.create("c-" + i));
    }
    clock.advance(Duration.ofMinutes(5)); // past the end time of the complete body
    String complete = Fixture.completeNoConfirm(15_00);
    for (int i = 0; i < backlog; i++) {
      clock.advance(Duration.ofSeconds(1)); // one second between automatic payments
      book.complete(merchant, "a-" + i, complete);
    }
    clock.advance(delay.minusSeconds(backlog)); // the first payment is due in a second

    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      book.query(merchant, query("a-" + i));
    }
    double idle = calls / ((System.nanoTime() - start) / 1e9);
    start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      clock.advance(Duration.ofSeconds(1));
      book.query(merchant, query("a-" + i));
    }
    double due = calls / ((System.nanoTime() - start) / 1e9);
    start = System.nanoTime();
    for (int i = 0; i < backlog; i++) {
      book.userConfirm(null, "c-" + i, null);
    }
    double confirms = backlog / ((System.nanoTime() - start) / 1e9);

    System.out.printf(
        "%d orders awaiting automatic payment, %d created: query %.0f calls/s with nothing due,"
            + " %.0f calls/s with one payment due per call; user confirm %.0f calls/s%n",
        backlog, backlog, idle, due, confirms);
    assertThat(book.ledger())
        .filteredOn(entry -> entry.operation() == Operation.USER_PAID)
        .hasSize(calls);
  }

  private static Map<String, String> query(String outOrderNo) {
    return Map.of(
        "out_order_no", outOrderNo,
        "appid", Fixture.APPID,
        "service_id", Fixture.NO_CONFIRM_SERVICE);
  }
}
