package dev.payscore;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of a create call ({@code POST /v3/payscore/serviceorder}, §2.1). Unlike the other
 * calls, create carries {@code out_order_no} in the body: its path has no order number.
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
}
