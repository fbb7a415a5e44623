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
import java.time.Instant;
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
 *
 * <p>{@code confirmedAt} is when the user confirmed, as WeChat said it (the {@code
 * PAYSCORE.USER_CONFIRM} callback's {@code create_time}, or a concrete {@code start_time} WeChat
 * reports for an {@code OnAccept} order), or for a no-confirm order when its create was answered;
 * null while unknown. For an order created with {@code start_time: OnAccept} it is the service's
 * start, which a completion's {@code end_time} must follow.
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
    @Nullable Instant confirmedAt,
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
        earlier(confirmedAt, startReportedFor(view)),
        version);
  }

  /**
   * Whether the order was created with {@code start_time: OnAccept}: the service starts when the
   * user confirms.
   */
  public boolean startsOnAccept() {
    return ServiceTime.ON_ACCEPT.equals(timeRange.startTime());
  }

  /**
   * The service's start, when known: the start written at create, or for an {@code OnAccept} order
   * the second the user confirmed.
   */
  public Optional<ServiceTime> serviceStart() {
    if (startsOnAccept()) {
      return confirmedAt == null
          ? Optional.empty()
          : Optional.of(ServiceTime.ofSeconds(confirmedAt));
    }
    return timeRange.startTime() == null
        ? Optional.empty()
        : ServiceTime.tryParse(timeRange.startTime());
  }

  /**
   * This order knowing that the user confirmed at {@code at}. Each source of the time (WeChat's
   * callback, a reported start, the answer of a no-confirm create) is at or after the real moment,
   * so the earliest one known is kept.
   */
  public ServiceOrder withConfirmation(Instant at) {
    Objects.requireNonNull(at, "at == null");
    Instant earliest = earlier(confirmedAt, at);
    if (Objects.equals(earliest, confirmedAt)) {
      return this;
    }
    return new ServiceOrder(
        mchid, outOrderNo, appid, serviceId, serviceIntroduction, mode, lifecycle, riskFund,
        timeRange, postPayments, postDiscounts, location, attach, notifyUrl, openid, orderId,
        totalAmount, needCollection, collection, earliest, version);
  }

  /** The concrete start WeChat reports for an order of ours created OnAccept, if it does. */
  private @Nullable Instant startReportedFor(ObservedOrder view) {
    TimeRange reported = view.timeRange();
    if (!startsOnAccept() || reported == null || reported.startTime() == null) {
      return null;
    }
    return ServiceTime.tryParse(reported.startTime())
        .filter(time -> time.precision() == TimePrecision.SECOND)
        .map(ServiceTime::start)
        .orElse(null);
  }

  private static @Nullable Instant earlier(@Nullable Instant a, @Nullable Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  /** This order in another lifecycle state; callers go through the table first. */
  private ServiceOrder withLifecycle(LifecycleState next) {
    return new ServiceOrder(
        mchid, outOrderNo, appid, serviceId, serviceIntroduction, mode, next, riskFund, timeRange,
        postPayments, postDiscounts, location, attach, notifyUrl, openid, orderId, totalAmount,
        needCollection, collection, confirmedAt, version);
  }

  /** This order as stored at {@code newVersion} (persistence adapters only). */
  public ServiceOrder withVersion(long newVersion) {
    return new ServiceOrder(
        mchid, outOrderNo, appid, serviceId, serviceIntroduction, mode, lifecycle, riskFund,
        timeRange, postPayments, postDiscounts, location, attach, notifyUrl, openid, orderId,
        totalAmount, needCollection, collection, confirmedAt, newVersion);
  }
}
