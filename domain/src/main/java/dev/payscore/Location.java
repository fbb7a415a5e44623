package dev.payscore;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@code location}: where the service started and ended (limit configurable, see {@code
 * CompletionLimits}; an end needs a start at create). Immutable, safe to share.
 */
public record Location(@Nullable String startLocation, @Nullable String endLocation) {

  /** Where the service started, end absent (create). */
  public static Location startingAt(String startLocation) {
    return new Location(Objects.requireNonNull(startLocation, "startLocation == null"), null);
  }

  /** Where the service started and where it ended. */
  public static Location between(String startLocation, String endLocation) {
    return new Location(
        Objects.requireNonNull(startLocation, "startLocation == null"),
        Objects.requireNonNull(endLocation, "endLocation == null"));
  }
}
