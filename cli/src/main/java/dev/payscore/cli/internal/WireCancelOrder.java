package dev.payscore.cli.internal;

import static dev.payscore.cli.internal.WireCompleteOrder.orEmpty;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.payscore.domain.port.out.CancelOrder;
import org.jspecify.annotations.Nullable;

/** A cancel request body as WeChat's documentation writes it (snake_case), every field optional. */
public record WireCancelOrder(
    @JsonProperty("appid") @Nullable String appid,
    @JsonProperty("service_id") @Nullable String serviceId,
    @JsonProperty("reason") @Nullable String reason) {

  public CancelOrder toCommand() {
    return new CancelOrder(orEmpty(appid), orEmpty(serviceId), orEmpty(reason));
  }
}
