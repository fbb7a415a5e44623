package dev.payscore.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A merchant's notify endpoint on loopback: records each callback, answers scripted statuses. */
final class NotifyReceiver implements AutoCloseable {
  /** One received callback: its Wechatpay-* headers, raw body, and every header as sent. */
  record Received(
      Map<String, String> headers,
      String body,
      int answeredWith,
      Map<String, java.util.List<String>> all,
      String protocol) {}

  private final HttpServer server;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();

  NotifyReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/notify",
        exchange -> {
          String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Integer scripted = statuses.poll();
          int status = scripted == null ? 204 : scripted;
          var h = exchange.getRequestHeaders();
          received.add(
              new Received(
                  Map.of(
                      "timestamp", h.getFirst("Wechatpay-Timestamp"),
                      "nonce", h.getFirst("Wechatpay-Nonce"),
                      "signature", h.getFirst("Wechatpay-Signature"),
                      "serial", h.getFirst("Wechatpay-Serial")),
                  body,
                  status,
                  Map.copyOf(h),
                  exchange.getProtocol()));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
  }

  /** The next callbacks are answered with these statuses; then 204. */
  void answer(Integer... scripted) {
    statuses.addAll(java.util.List.of(scripted));
  }

  Received next() throws InterruptedException {
    Received next = received.poll(10, TimeUnit.SECONDS);
    if (next == null) {
      throw new AssertionError("no callback arrived within 10 s");
    }
    return next;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
