package dev.payscore;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A discount line ({@code post_discounts[]}); amount in fen. Kept raw for validation. */
public record PostDiscount(
    String name, @Nullable String description, @Nullable Long amount, @Nullable Integer count) {
  public PostDiscount {
    Objects.requireNonNull(name, "name == null");
  }

  /** A discount of {@code amount} fen, with the description a completion requires. */
  public static PostDiscount of(String name, String description, long amount) {
    return new PostDiscount(
        name, Objects.requireNonNull(description, "description == null"), amount, null);
  }

  /** A discount announced at create: described, amount not yet known. */
  public static PostDiscount announced(String name, String description) {
    return new PostDiscount(
        name, Objects.requireNonNull(description, "description == null"), null, null);
  }

  /** This discount with a display quantity ({@code count}, 1..100). */
  public PostDiscount withCount(int value) {
    return new PostDiscount(name, description, amount, value);
  }
}
