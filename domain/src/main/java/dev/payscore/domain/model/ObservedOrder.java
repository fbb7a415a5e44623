package dev.payscore.domain.model;

import dev.payscore.AppId;
import dev.payscore.Location;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import dev.payscore.RiskFund;
import dev.payscore.ServiceId;
import dev.payscore.TimeRange;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * WeChat's view of a service order: the body of a query, create, complete, modify or sync response
 * and the plaintext of a callback (§2.2). Fields WeChat leaves out are null.
 *
 * <p>{@code oddities} lists what the reader did not understand and kept raw instead of refusing
 * the answer (an unknown enum value, an empty one, a risk fund of 0, an item without a name); the
 * field concerned is left out (null) or read as its neutral value. An order never moves on an odd
 * value: when {@code state} itself is odd ({@link #stateRecognized()} false) the {@code state}
 * here is only a placeholder ({@code CREATED}, which no order can move to) and the view must not
 * be acted on.
 */
public record ObservedOrder(
    AppId appid,
    MerchantId mchid,
    OutOrderNo outOrderNo,
    ServiceId serviceId,
    @Nullable String serviceIntroduction,
    ServiceOrderState state,
    @Nullable StateDescription stateDescription,
    @Nullable Long totalAmount,
    List<PostPayment> postPayments,
    List<PostDiscount> postDiscounts,
    @Nullable RiskFund riskFund,
    @Nullable TimeRange timeRange,
    @Nullable Location location,
    @Nullable String attach,
    @Nullable String notifyUrl,
    @Nullable Boolean needCollection,
    @Nullable Collection collection,
    @Nullable String openid,
    @Nullable String orderId,
    @Nullable String packageValue,
    List<Oddity> oddities) {

  public ObservedOrder {
    Objects.requireNonNull(appid, "appid == null");
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(serviceId, "serviceId == null");
    Objects.requireNonNull(state, "state == null");
    postPayments = List.copyOf(postPayments);
    postDiscounts = List.copyOf(postDiscounts);
    oddities = List.copyOf(oddities);
  }

  /** The field name of an unrecognised {@code state} in {@link #oddities()}. */
  public static final String STATE_FIELD = "state";

  /**
   * Whether WeChat's {@code state} was one this version knows; when false, {@link #lifecycle()} is
   * a placeholder and nothing may be decided on this view.
   */
  public boolean stateRecognized() {
    return oddities.stream().noneMatch(o -> STATE_FIELD.equals(o.field()));
  }

  /** {@code state} and {@code state_description} as one lifecycle state. */
  public LifecycleState lifecycle() {
    return LifecycleState.of(state, stateDescription);
  }

  /** The {@code package} for the mini-program confirm page (create, confirm mode only). */
  public Optional<String> confirmPackage() {
    return Optional.ofNullable(packageValue);
  }
}
