package dev.payscore.domain.port.out;

import java.util.Objects;

/** The body of a collection request (催收, {@code POST …/{out_order_no}/pay}, §2.7). */
public record CollectOrder(String appid, String serviceId) {
  public CollectOrder {
    Objects.requireNonNull(appid, "appid == null");
    Objects.requireNonNull(serviceId, "serviceId == null");
  }
}
