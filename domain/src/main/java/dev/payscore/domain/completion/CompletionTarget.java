package dev.payscore.domain.completion;

import dev.payscore.AppId;
import dev.payscore.RiskFund;
import dev.payscore.ServiceId;
import dev.payscore.TimeRange;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.ServiceOrder;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The order a completion completes, reduced to what validation checks against: its appid and
 * service_id, its lifecycle state, its risk fund (the cap of a 先免 order) and the {@code time_range}
 * it was created with (precision, and whether an end time was set), and when the user confirmed
 * (the start of an {@code OnAccept} order; null when unknown).
 */
public record CompletionTarget(
    AppId appid,
    ServiceId serviceId,
    LifecycleState lifecycle,
    @Nullable RiskFund riskFund,
    @Nullable TimeRange createTimeRange,
    @Nullable Instant confirmedAt) {

  public CompletionTarget {
    Objects.requireNonNull(appid, "appid == null");
    Objects.requireNonNull(serviceId, "serviceId == null");
    Objects.requireNonNull(lifecycle, "lifecycle == null");
  }

  /** A target whose confirmation time is unknown. */
  public CompletionTarget(
      AppId appid,
      ServiceId serviceId,
      LifecycleState lifecycle,
      @Nullable RiskFund riskFund,
      @Nullable TimeRange createTimeRange) {
    this(appid, serviceId, lifecycle, riskFund, createTimeRange, null);
  }

  /** The local aggregate's view. */
  public static CompletionTarget of(ServiceOrder order) {
    Objects.requireNonNull(order, "order == null");
    return new CompletionTarget(
        order.appid(),
        order.serviceId(),
        order.lifecycle(),
        order.riskFund(),
        order.timeRange(),
        order.confirmedAt());
  }

  /**
   * WeChat's view from a query. Before a completion its {@code time_range} is the one of create;
   * after one, the state check fails anyway.
   */
  public static CompletionTarget of(ObservedOrder order) {
    Objects.requireNonNull(order, "order == null");
    return new CompletionTarget(
        order.appid(), order.serviceId(), order.lifecycle(), order.riskFund(), order.timeRange());
  }
}
