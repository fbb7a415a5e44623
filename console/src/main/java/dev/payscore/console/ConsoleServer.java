package dev.payscore.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Serves a {@link Console} with the JDK's {@code HttpServer} ({@code payscore console}). On a
 * loopback address a token is optional and the {@code Host} header must name loopback (a page of
 * another site cannot reach it through DNS rebinding); on any other address a token is required for
 * every request: {@code Authorization: Bearer <token>}, or the cookie set when a browser first
 * opens {@code /?token=<token>} (then redirected to the same page without it).
 *
 * <p>Every response goes out as one fixed-length body on a TCP_NODELAY socket (the JDK server
 * writes headers and body separately; without NODELAY each response meets a ~40 ms
 * Nagle/delayed-ACK stall).
 */
public final class ConsoleServer implements AutoCloseable {
  /** The cookie a browser carries the token in after its first {@code ?token=} visit. */
  public static final String TOKEN_COOKIE = "payscore_console_token";

  /** The shortest token accepted (a generated one is 22 characters). */
  public static final int MIN_TOKEN_LENGTH = 16;

  private static final int MAX_FORM_BYTES = 64 * 1024;

  static {
    // read once by the JDK server's configuration: set before the first server of this JVM
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final Console console;
  private final @Nullable String token;
  private final boolean loopback;

  private ConsoleServer(
      HttpServer server, ExecutorService threads, Console console, @Nullable String token) {
    this.server = server;
    this.threads = threads;
    this.console = console;
    this.token = token;
    this.loopback = server.getAddress().getAddress().isLoopbackAddress();
  }

  /**
   * Starts serving {@code console} on {@code address} (port 0: any free port).
   *
   * @param token required on every request when not null; must be given when {@code address} is
   *     not loopback
   * @throws IllegalArgumentException if the address is not loopback and there is no token, or the
   *     token is shorter than {@value #MIN_TOKEN_LENGTH} characters or not printable ASCII
   * @throws IOException if the address cannot be bound (in use, not this machine's)
   */
  public static ConsoleServer start(
      Console console, InetSocketAddress address, @Nullable String token) throws IOException {
    Objects.requireNonNull(console, "console == null");
    Objects.requireNonNull(address, "address == null");
    InetAddress ip = address.getAddress();
    List<String> problems = new ArrayList<>();
    if (ip == null) {
      problems.add("address " + address.getHostString() + " does not resolve");
    } else if (!ip.isLoopbackAddress() && token == null) {
      problems.add("a token is required when bound to " + ip.getHostAddress() + " (not loopback)");
    }
    if (token != null && (token.length() < MIN_TOKEN_LENGTH || !token.chars().allMatch(c -> c > 32 && c < 127))) {
      problems.add(
          "the token must be at least " + MIN_TOKEN_LENGTH
              + " printable ASCII characters without spaces (it has " + token.length() + ")");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    HttpServer server = HttpServer.create(address, 64);
    AtomicInteger n = new AtomicInteger();
    ExecutorService threads =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "payscore-console-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(threads);
    ConsoleServer console1 = new ConsoleServer(server, threads, console, token);
    server.createContext("/", console1::exchange);
    server.start();
    return console1;
  }

  /** Where it listens (the port chosen when 0 was asked). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The URL a browser opens: with the token in it when one is required. */
  public String url() {
    InetSocketAddress a = address();
    String host = a.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + a.getPort() + "/" + (token == null ? "" : "?token=" + token);
  }

  private void exchange(HttpExchange exchange) throws IOException {
    try (exchange) {
      ConsoleResponse response;
      try {
        response = answer(exchange);
      } catch (RuntimeException e) {
        // the database went away, a bug: one line for the operator, no stack trace to the browser
        response = plain(500, "payscore console: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      send(exchange, response);
    }
  }

  private ConsoleResponse answer(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new HashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
    Map<String, String> cookies = ConsoleRequest.parseCookies(headers.get("cookie"));
    Map<String, List<String>> params;
    try {
      params = ConsoleRequest.parseUrlEncoded(exchange.getRequestURI().getRawQuery());
    } catch (IllegalArgumentException e) {
      return plain(400, "payscore console: malformed query string");
    }
    String path = exchange.getRequestURI().getRawPath();
    if (loopback && token == null && !loopbackHost(headers.get("host"))) {
      return plain(403, "payscore console: Host " + headers.get("host") + " is not loopback; open it as 127.0.0.1 or localhost");
    }
    if (token != null) {
      String given = params.containsKey("token") ? params.get("token").get(0) : null;
      if (given != null && exchange.getRequestMethod().equals("GET") && matches(given)) {
        // first visit from the printed URL: keep the token in a cookie, drop it from the address bar
        String query = exchange.getRequestURI().getRawQuery().replaceAll("(^|&)token=[^&]*", "").replaceFirst("^&", "");
        return new ConsoleResponse(
            303,
            List.of(
                new ConsoleResponse.Header("Location", path + (query.isEmpty() ? "" : "?" + query)),
                new ConsoleResponse.Header(
                    "Set-Cookie", TOKEN_COOKIE + "=" + given + "; Path=/; HttpOnly; SameSite=Strict"),
                new ConsoleResponse.Header("Referrer-Policy", "same-origin")),
            new byte[0]);
      }
      String bearer = headers.get("authorization");
      boolean ok =
          (bearer != null && bearer.startsWith("Bearer ") && matches(bearer.substring(7).strip()))
              || (cookies.containsKey(TOKEN_COOKIE) && matches(cookies.get(TOKEN_COOKIE)));
      if (!ok) {
        return new ConsoleResponse(
            401,
            List.of(
                new ConsoleResponse.Header("WWW-Authenticate", "Bearer realm=\"payscore console\""),
                new ConsoleResponse.Header("Content-Type", "text/plain; charset=utf-8")),
            ("payscore console: a token is required: open the URL printed at start (…/?token=…),"
                    + " or send Authorization: Bearer <token>\n")
                .getBytes(StandardCharsets.UTF_8));
      }
    }
    String method = exchange.getRequestMethod();
    if (method.equals("POST")) {
      String type = headers.getOrDefault("content-type", "");
      if (!type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
        return plain(415, "payscore console: a POST is a form (application/x-www-form-urlencoded)");
      }
      byte[] body = readUpTo(exchange.getRequestBody(), MAX_FORM_BYTES + 1);
      if (body.length > MAX_FORM_BYTES) {
        return plain(413, "payscore console: form larger than " + MAX_FORM_BYTES + " bytes");
      }
      try {
        ConsoleRequest.parseUrlEncoded(new String(body, StandardCharsets.UTF_8))
            .forEach((k, v) -> params.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
      } catch (IllegalArgumentException e) {
        return plain(400, "payscore console: malformed form");
      }
    }
    return console.handle(
        new ConsoleRequest(method, "", path, params, cookies, headers, null, Map.of()));
  }

  private boolean matches(String given) {
    return token != null
        && MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean loopbackHost(@Nullable String host) {
    if (host == null) {
      return false;
    }
    String name = host.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
    return name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]");
  }

  private static byte[] readUpTo(InputStream in, int max) throws IOException {
    return in.readNBytes(max);
  }

  private static ConsoleResponse plain(int status, String text) {
    return new ConsoleResponse(
        status,
        List.of(new ConsoleResponse.Header("Content-Type", "text/plain; charset=utf-8")),
        (text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, ConsoleResponse response) throws IOException {
    response.headers().forEach(h -> exchange.getResponseHeaders().add(h.name(), h.value()));
    byte[] body = exchange.getRequestMethod().equals("HEAD") ? new byte[0] : response.body();
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Stops accepting, lets requests in progress finish (at most 1 s), and stops its threads. */
  @Override
  public void close() {
    server.stop(1);
    threads.shutdown();
    try {
      threads.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
