package dev.payscore.domain.model;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** WeChat's {@code collection}: what it collects after a non-zero completion, and what was paid. */
public record Collection(
    CollectionState state,
    long totalAmount,
    long payingAmount,
    long paidAmount,
    List<Detail> details) {
  public Collection {
    Objects.requireNonNull(state, "state == null");
    details = List.copyOf(details);
  }

  /** One payment ({@code collection.details[]}). */
  public record Detail(
      int seq,
      long amount,
      @Nullable String paidType,
      @Nullable String paidTime,
      @Nullable String transactionId) {}
}
