package dev.payscore.examples;

import com.sun.net.httpserver.HttpServer;
import dev.payscore.Notifications;
import dev.payscore.PayScore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The README's callback endpoint, here on the JDK's HTTP server (any framework does the same). */
final class Callbacks {
  private Callbacks() {}

  static HttpServer serve(PayScore payScore) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
    // snippet:callback
    server.createContext("/payscore/notify", exchange -> {
      byte[] rawBody = exchange.getRequestBody().readAllBytes();  // the exact bytes WeChat signed
      Map<String, String> headers = new HashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
      Notifications.Answer answer = payScore.notifications().handle(headers, rawBody);
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);   // empty on success
      exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    // end-snippet
    server.start();
    return server;
  }
}
