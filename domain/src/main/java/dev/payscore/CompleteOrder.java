package dev.payscore;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of a complete (完结) call, every field of §2.5. It is deliberately raw (strings, boxed
 * numbers) so that an invalid request can exist long enough for validation to report every
 * violation at once; {@code out_order_no} is not here because it travels only in the path.
 */
public record CompleteOrder(
    String appid,
    String serviceId,
    List<PostPayment> postPayments,
    List<PostDiscount> postDiscounts,
    long totalAmount,
    @Nullable TimeRange timeRange,
    @Nullable Location location,
    @Nullable Boolean profitSharing,
    @Nullable String goodsTag,
    @Nullable Device device) {

  public CompleteOrder {
    Objects.requireNonNull(appid, "appid == null");
    Objects.requireNonNull(serviceId, "serviceId == null");
    postPayments = List.copyOf(postPayments);
    postDiscounts = List.copyOf(postDiscounts);
  }
}
