package dev.payscore;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** A WeChat Pay merchant number ({@code mchid}): digits, at most 32. */
public record MerchantId(String value) {
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  public MerchantId {
    Ids.require(value, "mchid", 32, DIGITS);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static MerchantId of(String value) {
    return new MerchantId(value);
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
