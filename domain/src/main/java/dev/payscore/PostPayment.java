package dev.payscore;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A fee line ({@code post_payments[]}). {@code amount} is the line total in fen, not a unit price;
 * {@code count} is a display quantity. Kept raw so that validation can report every problem at once.
 */
public record PostPayment(
    String name, @Nullable Long amount, @Nullable String description, @Nullable Integer count) {
  public PostPayment {
    Objects.requireNonNull(name, "name == null");
  }
}
