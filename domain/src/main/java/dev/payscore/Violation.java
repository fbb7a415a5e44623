package dev.payscore;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One broken rule of a completion: where ({@code path} in WeChat's wire names, e.g. {@code
 * post_payments[2].name}; a path starting with {@code order.} points into the order being
 * completed), which rule, the offending value as text (null when the value is absent), and a
 * sentence for people.
 */
public record Violation(String path, Rule rule, @Nullable String value, String message) {

  public Violation {
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(rule, "rule == null");
    Objects.requireNonNull(message, "message == null");
  }

  /** One line for people: {@code path: CODE message}. */
  public String describe() {
    return path + ": " + rule.code() + " " + message;
  }
}
