package dev.payscore;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** An AppID bound to the merchant ({@code appid}), at most 32 visible ASCII characters. */
public record AppId(String value) {
  private static final Pattern VISIBLE = Pattern.compile("[\\x21-\\x7e]+");

  public AppId {
    Ids.require(value, "appid", 32, VISIBLE);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static AppId of(String value) {
    return new AppId(value);
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
