package dev.payscore.spring.boot.internal;

import dev.payscore.MerchantId;
import dev.payscore.Notifications;
import dev.payscore.PayScore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * WeChat's callbacks at {@code payscore.callback-path} (any configured merchant, routed by serial
 * and APIv3 key) and at {@code payscore.callback-path/{mchid}} (that merchant only): the raw body
 * bytes and the headers go to {@link Notifications#handle} unchanged, its answer goes back as is.
 */
public final class CallbackRoutes {
  private CallbackRoutes() {}

  public static RouterFunction<ServerResponse> of(String path, PayScore payScore) {
    String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return RouterFunctions.route()
        .POST(base, request -> answer(payScore.notifications().handle(headers(request), body(request))))
        .POST(
            base + "/{mchid}",
            request ->
                answer(
                    payScore
                        .notifications()
                        .handle(
                            MerchantId.of(request.pathVariable("mchid")),
                            headers(request),
                            body(request))))
        .build();
  }

  private static byte[] body(ServerRequest request) throws Exception {
    return request.body(byte[].class);
  }

  /** The servlet's headers: the same API on Spring 6 and 7 (whose HttpHeaders is no Map). */
  private static Map<String, String> headers(ServerRequest request) {
    HttpServletRequest servlet = request.servletRequest();
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : Collections.list(servlet.getHeaderNames())) {
      headers.put(name, servlet.getHeader(name));
    }
    return headers;
  }

  private static ServerResponse answer(Notifications.Answer answer) {
    ServerResponse.BodyBuilder response = ServerResponse.status(answer.status());
    return answer.body().isEmpty()
        ? response.build()
        : response.contentType(MediaType.APPLICATION_JSON).body(answer.body());
  }
}
