package dev.payscore;

import dev.payscore.domain.completion.CompletionValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of a create call ({@code POST /v3/payscore/serviceorder}, §2.1). Unlike the other
 * calls, create carries {@code out_order_no} in the body: its path has no order number. Build one
 * with {@link #builder()}:
 *
 * <pre>{@code
 * CreateOrder createOrder = CreateOrder.builder()
 *     .outOrderNo("rent-20261126-0001")
 *     .appid("wxd678efh567hg6787")
 *     .serviceId("500001")
 *     .serviceIntroduction("充电宝租借")
 *     .addPostPayment(PostPayment.described("收费标准", "2元/小时"))
 *     .timeRange(TimeRange.onAccept())
 *     .riskFund(RiskFund.of(RiskFundName.DEPOSIT, 100_00))
 *     .notifyUrl("https://shop.example.com/payscore/notify")
 *     .build();
 * }</pre>
 *
 * <p>Immutable and safe to share between threads; a {@link Builder} is not.
 */
public record CreateOrder(
    String outOrderNo,
    String appid,
    String serviceId,
    String serviceIntroduction,
    List<PostPayment> postPayments,
    List<PostDiscount> postDiscounts,
    TimeRange timeRange,
    @Nullable Location location,
    RiskFund riskFund,
    @Nullable String attach,
    String notifyUrl,
    @Nullable String openid,
    @Nullable Boolean needUserConfirm,
    @Nullable Device device) {

  public CreateOrder {
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(appid, "appid == null");
    Objects.requireNonNull(serviceId, "serviceId == null");
    Objects.requireNonNull(serviceIntroduction, "serviceIntroduction == null");
    postPayments = List.copyOf(postPayments);
    postDiscounts = List.copyOf(postDiscounts);
    Objects.requireNonNull(timeRange, "timeRange == null");
    Objects.requireNonNull(riskFund, "riskFund == null");
    Objects.requireNonNull(notifyUrl, "notifyUrl == null");
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Collects a {@link CreateOrder}; {@link #build()} reports every missing field and every rule the
   * value breaks on its own at once ({@link InvalidValueException}). The rules that need the time
   * now or the merchant's configuration (a start that has passed, the service's risk cap) are
   * checked when the order is created. Not thread-safe: one builder per request.
   */
  public static final class Builder {
    private @Nullable String outOrderNo;
    private @Nullable String appid;
    private @Nullable String serviceId;
    private @Nullable String serviceIntroduction;
    private final ArrayList<PostPayment> postPayments = new ArrayList<>();
    private final ArrayList<PostDiscount> postDiscounts = new ArrayList<>();
    private @Nullable TimeRange timeRange;
    private @Nullable Location location;
    private @Nullable RiskFund riskFund;
    private @Nullable String attach;
    private @Nullable String notifyUrl;
    private @Nullable String openid;
    private @Nullable Boolean needUserConfirm;
    private @Nullable Device device;

    private Builder() {}

    /** The merchant's order number, unique per mchid (1..32 of digits, letters, _ - |). Required. */
    public Builder outOrderNo(String value) {
      this.outOrderNo = Objects.requireNonNull(value, "outOrderNo == null");
      return this;
    }

    /** An {@code appid} bound to the mchid; later calls must use the same. Required. */
    public Builder appid(String value) {
      this.appid = Objects.requireNonNull(value, "appid == null");
      return this;
    }

    /** The Pay Score {@code service_id}. Required. */
    public Builder serviceId(String value) {
      this.serviceId = Objects.requireNonNull(value, "serviceId == null");
      return this;
    }

    /** The service's name shown to the user (at most 20 characters). Required. */
    public Builder serviceIntroduction(String value) {
      this.serviceIntroduction = Objects.requireNonNull(value, "serviceIntroduction == null");
      return this;
    }

    /** Adds a fee line shown on the confirm page (at most 100). */
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

    /** Adds a discount line (at most 30; described, the amount optional at create). */
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

    /**
     * The expected service time, e.g. {@link TimeRange#onAccept()} (the service starts when the
     * user confirms). Required.
     */
    public Builder timeRange(TimeRange value) {
      this.timeRange = Objects.requireNonNull(value, "timeRange == null");
      return this;
    }

    /** Where the service starts (and ends). */
    public Builder location(Location value) {
      this.location = Objects.requireNonNull(value, "location == null");
      return this;
    }

    /** The risk fund, e.g. {@code RiskFund.of(RiskFundName.DEPOSIT, 100_00)}. Required. */
    public Builder riskFund(RiskFund value) {
      this.riskFund = Objects.requireNonNull(value, "riskFund == null");
      return this;
    }

    /** Merchant data returned unchanged in queries and callbacks (at most 256 characters). */
    public Builder attach(String value) {
      this.attach = Objects.requireNonNull(value, "attach == null");
      return this;
    }

    /** Where WeChat sends this order's callbacks: https, no query string. Required. */
    public Builder notifyUrl(String value) {
      this.notifyUrl = Objects.requireNonNull(value, "notifyUrl == null");
      return this;
    }

    /** The user's openid under the appid; required in no-confirm mode. */
    public Builder openid(String value) {
      this.openid = Objects.requireNonNull(value, "openid == null");
      return this;
    }

    /**
     * {@code need_user_confirm}: false for no-confirm mode (with {@link #openid}); absent or true
     * is confirm mode.
     */
    public Builder needUserConfirm(boolean value) {
      this.needUserConfirm = value;
      return this;
    }

    /** The devices of the service (unattended-device industries pass the start device). */
    public Builder device(Device value) {
      this.device = Objects.requireNonNull(value, "device == null");
      return this;
    }

    /**
     * The create body.
     *
     * @throws InvalidValueException naming every missing field and every broken rule
     */
    public CreateOrder build() {
      Required required = new Required("CreateOrder");
      CreateOrder value =
          new CreateOrder(
              required.or(outOrderNo, "out_order_no", ""),
              required.or(appid, "appid", ""),
              required.or(serviceId, "service_id", ""),
              required.or(serviceIntroduction, "service_introduction", ""),
              postPayments,
              postDiscounts,
              required.or(timeRange, "time_range", TimeRange.onAccept()),
              location,
              required.or(riskFund, "risk_fund", RiskFund.of(RiskFundName.DEPOSIT, 1)),
              attach,
              required.or(notifyUrl, "notify_url", ""),
              openid,
              needUserConfirm,
              device);
      return required.check(value, CompletionValidator.withoutContext().validateCreate(value));
    }
  }
}
