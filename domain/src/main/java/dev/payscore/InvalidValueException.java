package dev.payscore;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A builder was given values that break rules: every broken rule at once, each with its field path
 * (WeChat's wire names, e.g. {@code post_payments[1].name}; a setting's name for {@code
 * PayScore.Builder}), its stable {@link Rule} code and the offending value. Every builder of the
 * front door throws this one type from {@code build()}, {@code PayScore.Builder} included; a
 * {@code null} given to a setter is a {@link NullPointerException} at once ({@code "name ==
 * null"}).
 *
 * <p>Request builders check the rules a value breaks on its own; the rules that need the order, the
 * time now or the merchant's configuration are checked when the request is made, and come back as
 * a result (e.g. {@link RequestCompletionResult.Invalid}), not as this exception.
 */
public final class InvalidValueException extends IllegalArgumentException {
  private final String type;
  private final List<Violation> violations;

  /**
   * @param type what was being built, e.g. {@code CreateOrder}
   * @param violations at least one
   */
  public InvalidValueException(String type, List<Violation> violations) {
    super(message(type, violations));
    this.type = type;
    this.violations = List.copyOf(violations);
  }

  private static String message(String type, List<Violation> violations) {
    Objects.requireNonNull(type, "type == null");
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an invalid value has violations");
    }
    return type
        + ": "
        + violations.size()
        + (violations.size() == 1 ? " problem: " : " problems: ")
        + violations.stream()
            .map(
                v ->
                    v.path()
                        + " "
                        + v.rule().code()
                        + (v.value() == null ? "" : " \"" + v.value() + "\"")
                        + " ("
                        + v.message()
                        + ")")
            .collect(Collectors.joining("; "));
  }

  /** What was being built: the simple name of the type, e.g. {@code CompleteOrder}. */
  public String type() {
    return type;
  }

  /** Every broken rule, in the order of the fields. */
  public List<Violation> violations() {
    return violations;
  }
}
