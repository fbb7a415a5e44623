package dev.payscore.domain.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The service-order aggregate: the local mirror of a WeChat Pay Score order. Immutable; every change
 * returns a new instance. {@code version} is the optimistic-lock version it was loaded at.
 *
 * <p>The lifecycle only moves through {@link #transition} (an event the table allows) or {@link
 * #observe} (a state WeChat reported, forward only).
 */
public record ServiceOrder(
    MerchantId mchid,
    OutOrderNo outOrderNo,
    AppId appid,
    ServiceId serviceId,
    String serviceIntroduction,
    ConfirmationMode mode,
    LifecycleState lifecycle,
    RiskFund riskFund,
    TimeRange timeRange,
    List<PostPayment> postPayments,
    List<PostDiscount> postDiscounts,
    @Nullable Location location,
    @Nullable String attach,
    String notifyUrl,
    @Nullable String openid,
    @Nullable String orderId,
    @Nullable Long totalAmount,
    @Nullable Boolean needCollection,
    @Nullable Collection collection,
    long version) {

  public ServiceOrder {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(appid, "appid == null");
    Objects.requireNonNull(serviceId, "serviceId == null");
    Objects.requireNonNull(serviceIntroduction, "serviceIntroduction == null");
    Objects.requireNonNull(mode, "mode == null");
    Objects.requireNonNull(lifecycle, "lifecycle == null");
    Objects.requireNonNull(riskFund, "riskFund == null");
    Objects.requireNonNull(timeRange, "timeRange == null");
    Objects.requireNonNull(notifyUrl, "notifyUrl == null");
    postPayments = List.copyOf(postPayments);
    postDiscounts = List.copyOf(postDiscounts);
    if (version < 0) {
      throw new IllegalArgumentException("version < 0: " + version);
    }
  }

  /** WeChat's {@code state}. */
  public ServiceOrderState state() {
    return lifecycle.state();
  }

  /** WeChat's {@code state_description} (DOING only). */
  public Optional<StateDescription> stateDescription() {
    return lifecycle.stateDescription();
  }

  /**
   * The collection state: as WeChat last reported it, else derived (USER_PAYING once completed with
   * an amount, USER_PAID once DONE after a completion).
   */
  public Optional<CollectionState> collectionState() {
    if (collection != null) {
      return Optional.of(collection.state());
    }
    return switch (lifecycle) {
      case DOING_MCH_COMPLETE -> Optional.of(CollectionState.USER_PAYING);
      case DONE -> totalAmount != null && totalAmount > 0
          ? Optional.of(CollectionState.USER_PAID)
          : Optional.empty();
      default -> Optional.empty();
    };
  }

  /** What {@code event} would do to this order, per the transition table. */
  public Transition transition(LifecycleEvent event) {
    return TransitionTable.apply(lifecycle, event);
  }

  /**
   * This order after an allowed move.
   *
   * @throws IllegalStateException if {@code moved} does not start from this order's state
   */
  public ServiceOrder after(Transition.Moved moved) {
    if (moved.from() != lifecycle) {
      throw new IllegalStateException(
          "transition from " + moved.from() + " applied to an order in " + lifecycle);
    }
    return withLifecycle(moved.to());
  }

  /** What WeChat reporting {@code observed} means for this order (forward only). */
  public Observation observe(LifecycleState observed) {
    return TransitionTable.observe(lifecycle, observed);
  }

  /**
   * This order refreshed from WeChat's view: WeChat's facts (order id, openid, amounts, items,
   * collection) are taken, and the lifecycle moves forward if the view is ahead; a stale view
   * changes nothing.
   */
  public ServiceOrder refreshedFrom(ObservedOrder view) {
    Objects.requireNonNull(view, "view == null");
    if (!view.outOrderNo().equals(outOrderNo) || !view.mchid().equals(mchid)) {
      throw new IllegalArgumentException(
          "view of " + view.mchid() + "/" + view.outOrderNo() + " applied to " + mchid + "/" + outOrderNo);
    }
    if (observe(view.lifecycle()) == Observation.STALE) {
      return this;
    }
    return new ServiceOrder(
        mchid,
        outOrderNo,
        appid,
        serviceId,
        serviceIntroduction,
        mode,
        view.lifecycle(),
        view.riskFund() != null ? view.riskFund() : riskFund,
        view.timeRange() != null ? view.timeRange() : timeRange,
        view.postPayments().isEmpty() ? postPayments : view.postPayments(),
        view.postDiscounts().isEmpty() ? postDiscounts : view.postDiscounts(),
        view.location() != null ? view.location() : location,
        attach,
        notifyUrl,
        view.openid() != null ? view.openid() : openid,
        view.orderId() != null ? view.orderId() : orderId,
        view.totalAmount() != null ? view.totalAmount() : totalAmount,
        view.needCollection() != null ? view.needCollection() : needCollection,
        view.collection() != null ? view.collection() : collection,
        version);
  }

  /** This order in another lifecycle state; callers go through the table first. */
  private ServiceOrder withLifecycle(LifecycleState next) {
    return new ServiceOrder(
        mchid, outOrderNo, appid, serviceId, serviceIntroduction, mode, next, riskFund, timeRange,
        postPayments, postDiscounts, location, attach, notifyUrl, openid, orderId, totalAmount,
        needCollection, collection, version);
  }

  /** This order as stored at {@code newVersion} (persistence adapters only). */
  public ServiceOrder withVersion(long newVersion) {
    return new ServiceOrder(
        mchid, outOrderNo, appid, serviceId, serviceIntroduction, mode, lifecycle, riskFund,
        timeRange, postPayments, postDiscounts, location, attach, notifyUrl, openid, orderId,
        totalAmount, needCollection, collection, newVersion);
  }
}
