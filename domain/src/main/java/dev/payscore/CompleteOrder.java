package dev.payscore;

import dev.payscore.domain.completion.CompletionValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of a complete (完结) call, every field of §2.5; {@code out_order_no} is not here because
 * it travels only in the path. Build one with {@link #builder()}:
 *
 * <pre>{@code
 * CompleteOrder completion = CompleteOrder.builder()
 *     .appid("wxd678efh567hg6787")
 *     .serviceId("500001")
 *     .addPostPayment(PostPayment.described("收费标准", "2元/小时"))
 *     .addPostPayment(PostPayment.described("使用时长", "10小时"))
 *     .totalAmount(20_00)
 *     .build();                       // no end time: "now" when the completion is requested
 * }</pre>
 *
 * <p>The record itself is deliberately raw (strings, boxed numbers): an invalid request can exist
 * long enough for validation to report every violation at once, which is what the builder's {@link
 * Builder#build()} and the facade do. Immutable and safe to share between threads; a {@link
 * Builder} is not.
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

  /** A builder with nothing set; {@code appid}, {@code service_id} and the total are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Collects a {@link CompleteOrder}; {@link #build()} reports every missing field and every rule the
   * value breaks on its own at once ({@link InvalidValueException}). The rules that need the order,
   * the time now or the merchant's billing convention are checked when the completion is requested.
   * Not thread-safe: one builder per request.
   */
  public static final class Builder {
    private @Nullable String appid;
    private @Nullable String serviceId;
    private final ArrayList<PostPayment> postPayments = new ArrayList<>();
    private final ArrayList<PostDiscount> postDiscounts = new ArrayList<>();
    private @Nullable Long totalAmount;
    private @Nullable TimeRange timeRange;
    private @Nullable Location location;
    private @Nullable Boolean profitSharing;
    private @Nullable String goodsTag;
    private @Nullable Device device;

    private Builder() {}

    /** The {@code appid} the order was created with. Required. */
    public Builder appid(String value) {
      this.appid = Objects.requireNonNull(value, "appid == null");
      return this;
    }

    /** The order's {@code service_id}. Required. */
    public Builder serviceId(String value) {
      this.serviceId = Objects.requireNonNull(value, "serviceId == null");
      return this;
    }

    /** Adds a fee line ({@code post_payments}, 1..100 of them). */
    public Builder addPostPayment(PostPayment value) {
      postPayments.add(Objects.requireNonNull(value, "postPayment == null"));
      return this;
    }

    /** Replaces the fee lines. */
    public Builder postPayments(List<PostPayment> values) {
      postPayments.clear();
      values.forEach(this::addPostPayment);
      return this;
    }

    /** Adds a discount line ({@code post_discounts}, at most 30, each with an amount). */
    public Builder addPostDiscount(PostDiscount value) {
      postDiscounts.add(Objects.requireNonNull(value, "postDiscount == null"));
      return this;
    }

    /** Replaces the discount lines. */
    public Builder postDiscounts(List<PostDiscount> values) {
      postDiscounts.clear();
      values.forEach(this::addPostDiscount);
      return this;
    }

    /** {@code total_amount} in fen: Σ payment amounts − Σ discount amounts. Required. */
    public Builder totalAmount(long fen) {
      this.totalAmount = fen;
      return this;
    }

    /**
     * The actual service time; leave it out to have the end fixed to "now" when the completion is
     * requested (in the order's precision). See {@link #endTime(String)}.
     */
    public Builder timeRange(TimeRange value) {
      this.timeRange = Objects.requireNonNull(value, "timeRange == null");
      return this;
    }

    /** The actual end, {@code yyyyMMddHHmmss} or {@code yyyyMMdd} (Beijing time). */
    public Builder endTime(String value) {
      Objects.requireNonNull(value, "endTime == null");
      this.timeRange = timeRange == null ? TimeRange.endingAt(value) : timeRange.withEndTime(value);
      return this;
    }

    /** Where the service started and ended. */
    public Builder location(Location value) {
      this.location = Objects.requireNonNull(value, "location == null");
      return this;
    }

    /** {@code profit_sharing}: whether the payment is to be shared. */
    public Builder profitSharing(boolean value) {
      this.profitSharing = value;
      return this;
    }

    /** {@code goods_tag} (at most 32 characters). */
    public Builder goodsTag(String value) {
      this.goodsTag = Objects.requireNonNull(value, "goodsTag == null");
      return this;
    }

    /** The devices of the service. */
    public Builder device(Device value) {
      this.device = Objects.requireNonNull(value, "device == null");
      return this;
    }

    /**
     * The completion.
     *
     * @throws InvalidValueException naming every missing field and every broken rule
     */
    public CompleteOrder build() {
      Required required = new Required("CompleteOrder");
      CompleteOrder value =
          new CompleteOrder(
              required.or(appid, "appid", ""),
              required.or(serviceId, "service_id", ""),
              postPayments,
              postDiscounts,
              required.or(totalAmount, "total_amount", 0L),
              timeRange,
              location,
              profitSharing,
              goodsTag,
              device);
      return required.check(value, CompletionValidator.withoutContext().validate(value));
    }
  }
}
