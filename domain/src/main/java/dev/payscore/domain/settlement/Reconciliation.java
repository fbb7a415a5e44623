package dev.payscore.domain.settlement;

import dev.payscore.CompleteOrder;
import dev.payscore.OutOrderNo;
import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import dev.payscore.domain.model.ObservedOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Compares what WeChat holds for a completed order with the frozen payload we sent: {@code
 * out_order_no}, {@code service_id}, {@code appid}, {@code total_amount} and the items. An absent
 * {@code count} means 1 on both sides (WeChat's default). When WeChat's view carries no items at
 * all (not echoed), the items are not compared; every other field must be equal.
 */
public final class Reconciliation {
  private Reconciliation() {}

  /** One field that differs, with both sides as text. */
  public record Difference(String field, @Nullable String frozen, @Nullable String wechat) {
    @Override
    public String toString() {
      return field + ": frozen=" + frozen + " wechat=" + wechat;
    }
  }

  /** The differences between the frozen completion and WeChat's view; empty when they agree. */
  public static List<Difference> differences(
      OutOrderNo outOrderNo, CompleteOrder frozen, ObservedOrder wechat) {
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(frozen, "frozen == null");
    Objects.requireNonNull(wechat, "wechat == null");
    List<Difference> differences = new ArrayList<>();
    compare(differences, "out_order_no", outOrderNo.value(), wechat.outOrderNo().value());
    compare(differences, "service_id", frozen.serviceId(), wechat.serviceId().value());
    compare(differences, "appid", frozen.appid(), wechat.appid().value());
    compare(
        differences,
        "total_amount",
        String.valueOf(frozen.totalAmount()),
        wechat.totalAmount() == null ? null : String.valueOf(wechat.totalAmount()));
    if (!wechat.postPayments().isEmpty()) {
      compare(
          differences,
          "post_payments",
          payments(frozen.postPayments()),
          payments(wechat.postPayments()));
      compare(
          differences,
          "post_discounts",
          discounts(frozen.postDiscounts()),
          discounts(wechat.postDiscounts()));
    }
    return List.copyOf(differences);
  }

  /** The differences as one line for the audit detail. */
  public static String describe(List<Difference> differences) {
    StringBuilder text = new StringBuilder();
    for (Difference difference : differences) {
      if (text.length() > 0) {
        text.append("; ");
      }
      text.append(difference);
    }
    return text.toString();
  }

  private static void compare(
      List<Difference> out, String field, @Nullable String frozen, @Nullable String wechat) {
    if (!Objects.equals(frozen, wechat)) {
      out.add(new Difference(field, frozen, wechat));
    }
  }

  private static String payments(List<PostPayment> items) {
    return lines(items, i -> line(i.name(), i.amount(), i.description(), i.count()));
  }

  private static String discounts(List<PostDiscount> items) {
    return lines(items, i -> line(i.name(), i.amount(), i.description(), i.count()));
  }

  private static <T> String lines(List<T> items, Function<T, String> line) {
    return items.stream().map(line).toList().toString();
  }

  /** One item as compared: an absent count is WeChat's default, 1. */
  private static String line(
      String name, @Nullable Long amount, @Nullable String description, @Nullable Integer count) {
    return name + "|" + amount + "|" + description + "|" + countOf(count);
  }

  private static int countOf(@Nullable Integer count) {
    return count == null ? 1 : count;
  }
}
