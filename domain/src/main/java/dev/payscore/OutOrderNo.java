package dev.payscore;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * The merchant's service order number ({@code out_order_no}): 1..32 of {@code [0-9A-Za-z_-|]}.
 * It is the idempotency key of every call on the order; never make a new one to retry.
 */
public record OutOrderNo(String value) {
  /** The current doc's alphabet; the old wiki's {@code *} is refused on purpose. */
  public static final Pattern PATTERN = Pattern.compile("[0-9A-Za-z_\\-|]+");

  public OutOrderNo {
    Ids.require(value, "out_order_no", 32, PATTERN);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static OutOrderNo of(String value) {
    return new OutOrderNo(value);
  }

  /** The plain text, which is also how JSON shows it (never {@code {"value": …}}). */
  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }
}
