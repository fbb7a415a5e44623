package dev.payscore;

import java.util.Objects;
import java.util.regex.Pattern;

/** Shared checks of the identifier records; package-private on purpose. */
final class Ids {
  private Ids() {}

  static String require(String value, String name, int maxLength, Pattern pattern) {
    Objects.requireNonNull(value, name + " == null");
    int length = value.codePointCount(0, value.length());
    if (length == 0 || length > maxLength) {
      throw new IllegalArgumentException(
          name + " must have 1.." + maxLength + " characters: \"" + value + "\"");
    }
    if (!pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(
          name + " must match " + pattern.pattern() + ": \"" + value + "\"");
    }
    return value;
  }
}
