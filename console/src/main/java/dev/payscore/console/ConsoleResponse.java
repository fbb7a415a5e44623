package dev.payscore.console;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to answer: a status, headers (a name may repeat, e.g. {@code Set-Cookie}) and the whole
 * body, so that a server sends it in one write.
 */
public record ConsoleResponse(int status, List<Header> headers, byte[] body) {

  /** One response header. */
  public record Header(String name, String value) {
    public Header {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
      if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("header " + name + " has a line break");
      }
    }
  }

  public ConsoleResponse {
    headers = List.copyOf(headers);
    Objects.requireNonNull(body, "body == null");
  }

  /** The first value of header {@code name} (any case). */
  public Optional<String> header(String name) {
    return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
  }

  /** The body as UTF-8 text (tests). */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
