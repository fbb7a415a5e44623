package dev.payscore.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.PayScore;
import dev.payscore.testing.database.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console over real HTTP: a token on every request when bound beyond loopback, loopback names
 * only in {@code Host} when bound to loopback without one.
 */
@Tag("postgres")
@ExtendWith(TestDatabase.class)
final class ConsoleServerIT {
  private static final String TOKEN = "s3cret-token-for-the-test";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static PayScore payScore;
  private static Console console;

  @BeforeAll
  static void console(DataSource dataSource) {
    TestDatabase.truncateAll();
    payScore = DemoLikeRun.operatorFacade(dataSource);
    console = Console.builder().dataSource(dataSource).payScore(payScore).build();
  }

  @AfterAll
  static void close() {
    payScore.close();
  }

  private static HttpResponse<String> get(int port, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void boundBeyondLoopbackEveryRequestNeedsTheToken() throws Exception {
    try (ConsoleServer server = ConsoleServer.start(console, new InetSocketAddress("0.0.0.0", 0), TOKEN)) {
      int port = server.address().getPort();

      HttpResponse<String> none = get(port, "/attention");
      HttpResponse<String> wrong = get(port, "/attention", "Authorization", "Bearer not-the-token-at-all");
      HttpResponse<String> bearer = get(port, "/attention", "Authorization", "Bearer " + TOKEN);
      HttpResponse<String> first = get(port, "/attention?lang=zh&token=" + TOKEN);
      String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
      HttpResponse<String> withCookie = get(port, "/attention", "Cookie", cookie.substring(0, cookie.indexOf(';')));

      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.body()).contains("a token is required").doesNotContain(TOKEN);
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(bearer.statusCode()).isEqualTo(200);
      assertThat(first.statusCode()).isEqualTo(303);
      assertThat(first.headers().firstValue("Location")).hasValue("/attention?lang=zh");
      assertThat(cookie).startsWith(ConsoleServer.TOKEN_COOKIE + "=" + TOKEN + ";").contains("HttpOnly");
      assertThat(withCookie.statusCode()).isEqualTo(200);
      assertThat(server.url()).endsWith("/?token=" + TOKEN);
    }
  }

  @Test
  void onLoopbackWithoutATokenAHostThatIsNotLoopbackIsRefused() throws Exception {
    try (ConsoleServer server =
        ConsoleServer.start(console, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null)) {
      int port = server.address().getPort();

      assertThat(get(port, "/").statusCode()).isEqualTo(200);
      assertThat(rawStatusLine(port, "rebound.example:" + port)).isEqualTo("HTTP/1.1 403 Forbidden");
    }
  }

  /** The status line of a GET with this Host header (the JDK client will not send another). */
  private static String rawStatusLine(int port, String host) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.getOutputStream()
          .write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
  }

  @Test
  void beyondLoopbackWithoutATokenOrWithAShortOneItDoesNotStart() {
    assertThatThrownBy(() -> ConsoleServer.start(console, new InetSocketAddress("0.0.0.0", 0), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a token is required when bound to 0.0.0.0");
    assertThatThrownBy(() -> ConsoleServer.start(console, new InetSocketAddress("0.0.0.0", 0), "short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 16");
  }
}
