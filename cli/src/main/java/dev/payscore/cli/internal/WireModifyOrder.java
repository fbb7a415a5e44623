package dev.payscore.cli.internal;

import static dev.payscore.cli.internal.WireCompleteOrder.orEmpty;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.payscore.cli.internal.WireCompleteOrder.Discount;
import dev.payscore.cli.internal.WireCompleteOrder.Payment;
import dev.payscore.cli.internal.WireCompleteOrder.WireDevice;
import dev.payscore.domain.port.out.ModifyOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A modify request body as WeChat's documentation writes it (snake_case), every field optional. */
public record WireModifyOrder(
    @JsonProperty("appid") @Nullable String appid,
    @JsonProperty("service_id") @Nullable String serviceId,
    @JsonProperty("post_payments") @Nullable List<@Nullable Payment> postPayments,
    @JsonProperty("post_discounts") @Nullable List<@Nullable Discount> postDiscounts,
    @JsonProperty("total_amount") @Nullable Long totalAmount,
    @JsonProperty("reason") @Nullable String reason,
    @JsonProperty("device") @Nullable WireDevice device) {

  /** The domain body; an absent {@code total_amount} becomes 0 and the caller reports it. */
  public ModifyOrder toCommand() {
    return new ModifyOrder(
        orEmpty(appid),
        orEmpty(serviceId),
        WireCompleteOrder.payments(postPayments),
        WireCompleteOrder.discounts(postDiscounts),
        totalAmount == null ? 0 : totalAmount,
        orEmpty(reason),
        WireCompleteOrder.device(device));
  }
}
