package dev.payscore.console;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link Console} in a servlet container (the Spring Boot starter mounts it under {@code
 * payscore.console.path}): the container authenticates (Spring Security), the console renders. The
 * authenticated user ({@code getRemoteUser()}) is the operator of a retry; {@code hostFormFields}
 * gives the hidden fields the host's own CSRF protection wants in every form (Spring Security's
 * token), on top of the console's.
 */
public final class ConsoleServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient Console console;
  private final transient Function<HttpServletRequest, Map<String, String>> hostFormFields;

  /** A servlet whose forms carry only the console's own CSRF field. */
  public ConsoleServlet(Console console) {
    this(console, request -> Map.of());
  }

  public ConsoleServlet(
      Console console, Function<HttpServletRequest, Map<String, String>> hostFormFields) {
    this.console = Objects.requireNonNull(console, "console == null");
    this.hostFormFields = Objects.requireNonNull(hostFormFields, "hostFormFields == null");
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Map<String, List<String>> params = new LinkedHashMap<>();
    request.getParameterMap().forEach((name, values) -> params.put(name, Arrays.asList(values)));
    Map<String, String> cookies = new LinkedHashMap<>();
    Cookie[] given = request.getCookies();
    if (given != null) {
      for (Cookie c : given) {
        cookies.putIfAbsent(c.getName(), c.getValue());
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : new String[] {"host", "origin", "accept-language"}) {
      String value = request.getHeader(name);
      if (value != null) {
        headers.put(name, value);
      }
    }
    String path = request.getPathInfo();
    ConsoleResponse answer =
        console.handle(
            new ConsoleRequest(
                request.getMethod(),
                request.getContextPath() + request.getServletPath(),
                path == null || path.isEmpty() ? "/" : path,
                params,
                cookies,
                headers,
                request.getRemoteUser(),
                hostFormFields.apply(request)));
    response.setStatus(answer.status());
    answer.headers().forEach(h -> response.addHeader(h.name(), h.value()));
    response.setContentLength(answer.body().length);
    if (answer.body().length > 0 && !request.getMethod().equals("HEAD")) {
      response.getOutputStream().write(answer.body());
    }
  }
}
