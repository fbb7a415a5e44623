package dev.payscore.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as the console sees it, whichever server received it.
 *
 * @param method GET or POST (anything else is refused)
 * @param mount where the console is mounted, for links: "" at the root, "/ops/payscore" below a path
 * @param path the path below {@code mount}, starting with "/"
 * @param params query and form parameters, decoded
 * @param cookies the request's cookies
 * @param headers lower-case names: {@code host}, {@code origin}, {@code accept-language}
 * @param user the user the host authenticated (Spring Security's principal), if any: then the
 *     operator of a retry is this user and the form asks no name
 * @param hostFormFields hidden fields the host needs in every form the console renders (Spring
 *     Security's CSRF token), name to value
 */
public record ConsoleRequest(
    String method,
    String mount,
    String path,
    Map<String, List<String>> params,
    Map<String, String> cookies,
    Map<String, String> headers,
    @Nullable String user,
    Map<String, String> hostFormFields) {

  public ConsoleRequest {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(mount, "mount == null");
    Objects.requireNonNull(path, "path == null");
    params = Map.copyOf(params);
    cookies = Map.copyOf(cookies);
    Map<String, String> lower = new LinkedHashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    headers = Map.copyOf(lower);
    hostFormFields = Map.copyOf(hostFormFields);
    if (mount.endsWith("/")) {
      throw new IllegalArgumentException("mount ends with /: " + mount);
    }
  }

  /** A GET of {@code path} with no parameters, cookies or headers (tests, a first request). */
  public static ConsoleRequest get(String path) {
    return new ConsoleRequest("GET", "", path, Map.of(), Map.of(), Map.of(), null, Map.of());
  }

  /** The first value of parameter {@code name}, stripped; null if absent or blank. */
  public @Nullable String param(String name) {
    List<String> values = params.get(name);
    if (values == null || values.isEmpty() || values.get(0).isBlank()) {
      return null;
    }
    return values.get(0).strip();
  }

  /** Header {@code name} (any case), if present. */
  public @Nullable String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /**
   * {@code application/x-www-form-urlencoded} text (a query string or a form body) as parameters.
   *
   * @throws IllegalArgumentException if an escape is malformed
   */
  public static Map<String, List<String>> parseUrlEncoded(@Nullable String text) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return params;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  /** A {@code Cookie} header's cookies (the first of a repeated name wins). */
  public static Map<String, String> parseCookies(@Nullable String header) {
    Map<String, String> cookies = new LinkedHashMap<>();
    if (header == null) {
      return cookies;
    }
    for (String part : header.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        cookies.putIfAbsent(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
      }
    }
    return cookies;
  }
}
