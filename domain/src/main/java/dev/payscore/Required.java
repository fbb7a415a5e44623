package dev.payscore;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a builder is missing, so that {@code build()} can still run the validator over the rest (a
 * placeholder stands in for each missing part, and what the validator says about a placeholder is
 * dropped): every problem at once, missing fields and broken rules together.
 */
final class Required {
  private final String type;
  private final List<String> missing = new ArrayList<>();

  Required(String type) {
    this.type = type;
  }

  /** {@code value}, or {@code placeholder} after noting {@code path} as missing. */
  <T> T or(@Nullable T value, String path, T placeholder) {
    if (value == null) {
      missing.add(path);
      return placeholder;
    }
    return value;
  }

  /** {@code value}, or throws the {@code REQUIRED} violation of {@code path} with the others. */
  <T> T check(T value, List<Violation> violations) {
    List<Violation> all = new ArrayList<>();
    for (String path : missing) {
      all.add(new Violation(path, Rule.REQUIRED, null, "is required"));
    }
    for (Violation violation : violations) {
      if (missing.stream().noneMatch(path -> within(violation.path(), path))) {
        all.add(violation);
      }
    }
    if (!all.isEmpty()) {
      throw new InvalidValueException(type, all);
    }
    return value;
  }

  private static boolean within(String path, String missingPath) {
    return path.equals(missingPath)
        || path.startsWith(missingPath + ".")
        || path.startsWith(missingPath + "[");
  }
}
