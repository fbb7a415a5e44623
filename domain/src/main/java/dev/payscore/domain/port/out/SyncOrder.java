package dev.payscore.domain.port.out;

import java.util.Objects;

/**
 * The body of a sync call ({@code POST …/{out_order_no}/sync}, §2.6): the user paid a completed
 * order outside Pay Score. {@code type} is {@code Order_Paid}, the only documented value.
 */
public record SyncOrder(String appid, String serviceId, String type, String paidTime) {
  /** The only documented {@code type}. */
  public static final String ORDER_PAID = "Order_Paid";

  public SyncOrder {
    Objects.requireNonNull(appid, "appid == null");
    Objects.requireNonNull(serviceId, "serviceId == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(paidTime, "paidTime == null");
  }

  /** An {@code Order_Paid} sync; {@code paidTime} is {@code yyyyMMddHHmmss} or {@code yyyyMMdd}. */
  public static SyncOrder orderPaid(String appid, String serviceId, String paidTime) {
    return new SyncOrder(appid, serviceId, ORDER_PAID, paidTime);
  }
}
