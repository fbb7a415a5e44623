package dev.payscore.domain.port.out;

import dev.payscore.AppId;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.ServiceId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The short answer of cancel and pay (催收): which order WeChat accepted the call for. It carries no
 * state; query the order to see what changed.
 */
public record OrderReceipt(
    AppId appid,
    MerchantId mchid,
    OutOrderNo outOrderNo,
    ServiceId serviceId,
    @Nullable String orderId) {
  public OrderReceipt {
    Objects.requireNonNull(appid, "appid == null");
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(serviceId, "serviceId == null");
  }
}
