package dev.payscore.cli.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * The merchant's callback URL in the demo: a loopback HTTP endpoint that hands each callback's raw
 * body bytes and headers to a handler and answers what it returns, as a host application's web
 * framework would.
 */
public final class CallbackEndpoint implements AutoCloseable {
  /** What to answer WeChat: a status, and a body (empty for a success: one write, no Nagle stall). */
  public record Answer(int status, byte[] body) {
    public Answer {
      Objects.requireNonNull(body, "body == null");
    }
  }

  private final HttpServer server;
  private final ExecutorService threads;

  private CallbackEndpoint(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** Listens on 127.0.0.1 (a free port) at {@code path}. */
  public static CallbackEndpoint start(
      String path, BiFunction<Map<String, String>, byte[], Answer> handler) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      ExecutorService threads = Executors.newFixedThreadPool(4, Daemons.named("payscore-demo-callback"));
      server.setExecutor(threads);
      server.createContext(path, exchange -> serve(exchange, handler));
      server.start();
      return new CallbackEndpoint(server, threads);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
    }
  }

  private static void serve(
      HttpExchange exchange, BiFunction<Map<String, String>, byte[], Answer> handler)
      throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Map<String, String> headers = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
        if (!header.getValue().isEmpty()) {
          headers.put(header.getKey(), header.getValue().get(0));
        }
      }
      Answer answer;
      try {
        answer = handler.apply(headers, body);
      } catch (RuntimeException e) {
        answer = new Answer(500, new byte[0]);
      }
      if (answer.body().length == 0) {
        exchange.sendResponseHeaders(answer.status(), -1);
      } else {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer.body());
        }
      }
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
