package dev.payscore.testing;

import dev.payscore.CompleteOrder;
import dev.payscore.Device;
import dev.payscore.Location;
import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import dev.payscore.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A default-first builder of {@link CompleteOrder}: by default a valid completion of {@link
 * ServiceOrderFixtures#aDoingOrder()} at {@link ServiceOrderFixtures#NOW} (one 10-yuan fee, ended
 * an hour before now). {@link #totalFromItems()} keeps {@code total_amount} consistent with the
 * items a test chose.
 */
public final class CompleteOrderBuilder {
  private String appid = ServiceOrderFixtures.APPID;
  private String serviceId = ServiceOrderFixtures.SERVICE_ID;
  private List<PostPayment> postPayments =
      new ArrayList<>(List.of(new PostPayment("服务费", 1000L, "2元/小时，封顶20元/天", null)));
  private List<PostDiscount> postDiscounts = new ArrayList<>();
  private long totalAmount = 1000;
  private @Nullable TimeRange timeRange = TimeRange.between(null, ServiceOrderFixtures.END_TIME);
  private @Nullable Location location;
  private @Nullable Boolean profitSharing;
  private @Nullable String goodsTag;
  private @Nullable Device device;

  public CompleteOrderBuilder appid(String value) {
    appid = Objects.requireNonNull(value, "value == null");
    return this;
  }

  public CompleteOrderBuilder serviceId(String value) {
    serviceId = Objects.requireNonNull(value, "value == null");
    return this;
  }

  public CompleteOrderBuilder postPayments(PostPayment... values) {
    postPayments = new ArrayList<>(List.of(values));
    return this;
  }

  public CompleteOrderBuilder addPostPayment(PostPayment value) {
    postPayments.add(Objects.requireNonNull(value, "value == null"));
    return this;
  }

  public CompleteOrderBuilder postDiscounts(PostDiscount... values) {
    postDiscounts = new ArrayList<>(List.of(values));
    return this;
  }

  public CompleteOrderBuilder totalAmount(long value) {
    totalAmount = value;
    return this;
  }

  /** Sets {@code total_amount} to Σ payment amounts − Σ discount amounts of the items so far. */
  public CompleteOrderBuilder totalFromItems() {
    long total = 0;
    for (PostPayment payment : postPayments) {
      total += payment.amount() == null ? 0 : payment.amount();
    }
    for (PostDiscount discount : postDiscounts) {
      total -= discount.amount() == null ? 0 : discount.amount();
    }
    totalAmount = total;
    return this;
  }

  public CompleteOrderBuilder timeRange(@Nullable TimeRange value) {
    timeRange = value;
    return this;
  }

  /** Only the actual end time ({@code yyyyMMddHHmmss} or {@code yyyyMMdd}). */
  public CompleteOrderBuilder endTime(@Nullable String value) {
    timeRange = TimeRange.between(null, value);
    return this;
  }

  public CompleteOrderBuilder location(@Nullable Location value) {
    location = value;
    return this;
  }

  public CompleteOrderBuilder profitSharing(@Nullable Boolean value) {
    profitSharing = value;
    return this;
  }

  public CompleteOrderBuilder goodsTag(@Nullable String value) {
    goodsTag = value;
    return this;
  }

  public CompleteOrderBuilder device(@Nullable Device value) {
    device = value;
    return this;
  }

  public CompleteOrder build() {
    return new CompleteOrder(
        appid,
        serviceId,
        postPayments,
        postDiscounts,
        totalAmount,
        timeRange,
        location,
        profitSharing,
        goodsTag,
        device);
  }
}
