package dev.payscore.domain.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Something in an authentic WeChat answer or callback that the reader did not understand, kept raw
 * instead of refusing the whole answer: an enum value WeChat added later, an empty value, a missing
 * or out-of-range field. An order never moves on an odd value; whoever records the view audits its
 * oddities.
 *
 * @param field the JSON path, e.g. {@code state_description} or {@code post_payments[1].name}
 * @param value the raw value as sent (an enum name, a number), null when it was missing
 * @param problem what is wrong with it
 */
public record Oddity(String field, @Nullable String value, Problem problem) {
  public Oddity {
    Objects.requireNonNull(field, "field == null");
    Objects.requireNonNull(problem, "problem == null");
  }

  /** What is wrong with a value. */
  public enum Problem {
    /** A value this version does not know (WeChat added it). */
    UNKNOWN_VALUE,
    /** An empty string where a value is expected. */
    EMPTY_VALUE,
    /** A field the fact sheet says is always there. */
    MISSING,
    /** A number outside its documented range (e.g. a risk fund of 0). */
    OUT_OF_RANGE
  }

  /** {@code field="value" (PROBLEM)}: short, for audit details and logs. */
  @Override
  public String toString() {
    return field + (value == null ? "" : "=\"" + value + "\"") + " (" + problem + ")";
  }
}
