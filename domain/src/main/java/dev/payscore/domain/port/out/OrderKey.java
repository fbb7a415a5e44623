package dev.payscore.domain.port.out;

import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import java.util.Comparator;
import java.util.Objects;

/** Names one service order: its merchant and the merchant's order number. */
public record OrderKey(MerchantId mchid, OutOrderNo outOrderNo) implements Comparable<OrderKey> {
  private static final Comparator<OrderKey> ORDER =
      Comparator.comparing((OrderKey k) -> k.mchid().value())
          .thenComparing(k -> k.outOrderNo().value());

  public OrderKey {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
  }

  /** By merchant, then order number: the order in which several orders are locked. */
  @Override
  public int compareTo(OrderKey other) {
    return ORDER.compare(this, other);
  }
}
