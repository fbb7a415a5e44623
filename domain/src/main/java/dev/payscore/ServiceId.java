package dev.payscore;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** The Pay Score service issued at activation ({@code service_id}), at most 32 characters. */
public record ServiceId(String value) {
  private static final Pattern VISIBLE = Pattern.compile("[\\x21-\\x7e]+");

  public ServiceId {
    Ids.require(value, "service_id", 32, VISIBLE);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ServiceId of(String value) {
    return new ServiceId(value);
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
