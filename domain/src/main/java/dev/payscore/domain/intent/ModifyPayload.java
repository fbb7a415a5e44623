package dev.payscore.domain.intent;

import dev.payscore.domain.port.out.ModifyOrder;
import java.util.Objects;

/**
 * A modify request (§2.4) in its canonical form: {@code appid}, {@code service_id}, the items,
 * {@code total_amount}, {@code reason}, {@code device}.
 */
public record ModifyPayload(ModifyOrder order, IntentBody body)
    implements IntentPayload {
  public ModifyPayload {
    Objects.requireNonNull(order, "order == null");
    Objects.requireNonNull(body, "body == null");
  }

  public static ModifyPayload of(ModifyOrder order) {
    CanonicalJson json = new CanonicalJson();
    json.open('{');
    json.field("appid", order.appid());
    json.field("service_id", order.serviceId());
    json.items(order.postPayments(), order.postDiscounts());
    json.field("total_amount", order.totalAmount());
    json.field("reason", order.reason());
    json.device(order.device());
    json.close('}');
    return new ModifyPayload(order, IntentBody.ofUtf8(json.toString()));
  }

  @Override
  public String appid() {
    return order.appid();
  }

  @Override
  public String serviceId() {
    return order.serviceId();
  }

  @Override
  public Long amount() {
    return order.totalAmount();
  }

  @Override
  public ModifyPayload canonical() {
    return of(order);
  }
}
