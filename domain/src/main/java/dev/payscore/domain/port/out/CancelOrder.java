package dev.payscore.domain.port.out;

import java.util.Objects;

/** The body of a cancel call ({@code POST …/{out_order_no}/cancel}, §2.3). */
public record CancelOrder(String appid, String serviceId, String reason) {
  public CancelOrder {
    Objects.requireNonNull(appid, "appid == null");
    Objects.requireNonNull(serviceId, "serviceId == null");
    Objects.requireNonNull(reason, "reason == null");
  }
}
