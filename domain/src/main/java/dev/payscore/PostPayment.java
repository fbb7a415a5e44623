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

  /**
   * A line with a description and no amount, as the description-only industries bill (power bank:
   * {@code described("收费标准", "2元/小时")}); the money is then in {@code total_amount} alone.
   */
  public static PostPayment described(String name, String description) {
    return new PostPayment(
        name, null, Objects.requireNonNull(description, "description == null"), null);
  }

  /** A line of {@code amount} fen, no description. */
  public static PostPayment charged(String name, long amount) {
    return new PostPayment(name, amount, null, null);
  }

  /** A line of {@code amount} fen with its billing rule, e.g. {@code ("租借费用", 2000, "2小时")}. */
  public static PostPayment charged(String name, long amount, String description) {
    return new PostPayment(
        name, amount, Objects.requireNonNull(description, "description == null"), null);
  }

  /** This line with a display quantity ({@code count}, 1..100); the amount stays the line's total. */
  public PostPayment withCount(int value) {
    return new PostPayment(name, amount, description, value);
  }
}
