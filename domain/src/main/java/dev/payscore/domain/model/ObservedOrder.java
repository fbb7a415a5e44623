package dev.payscore.domain.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * WeChat's view of a service order: the body of a query, create, complete, modify or sync response
 * and the plaintext of a callback (§2.2). Fields WeChat leaves out are null.
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
    @Nullable String packageValue) {

  public ObservedOrder {
    Objects.requireNonNull(appid, "appid == null");
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(serviceId, "serviceId == null");
    Objects.requireNonNull(state, "state == null");
    postPayments = List.copyOf(postPayments);
    postDiscounts = List.copyOf(postDiscounts);
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
