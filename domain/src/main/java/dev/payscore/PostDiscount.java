package dev.payscore;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A discount line ({@code post_discounts[]}); amount in fen. Kept raw for validation. */
public record PostDiscount(
    String name, @Nullable String description, @Nullable Long amount, @Nullable Integer count) {
  public PostDiscount {
    Objects.requireNonNull(name, "name == null");
  }
}
