package dev.payscore.domain.port.out;

import dev.payscore.Device;
import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of a modify call ({@code POST …/{out_order_no}/modify}, §2.4): a lower total for a
 * completed, unpaid order.
 */
public record ModifyOrder(
    String appid,
    String serviceId,
    List<PostPayment> postPayments,
    List<PostDiscount> postDiscounts,
    long totalAmount,
    String reason,
    @Nullable Device device) {

  public ModifyOrder {
    Objects.requireNonNull(appid, "appid == null");
    Objects.requireNonNull(serviceId, "serviceId == null");
    postPayments = List.copyOf(postPayments);
    postDiscounts = List.copyOf(postDiscounts);
    Objects.requireNonNull(reason, "reason == null");
  }
}
