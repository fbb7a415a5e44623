package dev.payscore;

import java.util.regex.Pattern;

/** The Pay Score service issued at activation ({@code service_id}), at most 32 characters. */
public record ServiceId(String value) {
  private static final Pattern VISIBLE = Pattern.compile("[\\x21-\\x7e]+");

  public ServiceId {
    Ids.require(value, "service_id", 32, VISIBLE);
  }

  public static ServiceId of(String value) {
    return new ServiceId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
