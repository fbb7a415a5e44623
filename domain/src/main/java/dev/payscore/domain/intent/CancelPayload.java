package dev.payscore.domain.intent;

import dev.payscore.domain.port.out.CancelOrder;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A cancel request (§2.3) in its canonical form: {@code appid}, {@code service_id}, {@code reason}.
 */
public record CancelPayload(CancelOrder order, IntentBody body)
    implements IntentPayload {
  public CancelPayload {
    Objects.requireNonNull(order, "order == null");
    Objects.requireNonNull(body, "body == null");
  }

  public static CancelPayload of(CancelOrder order) {
    CanonicalJson json = new CanonicalJson();
    json.open('{');
    json.field("appid", order.appid());
    json.field("service_id", order.serviceId());
    json.field("reason", order.reason());
    json.close('}');
    return new CancelPayload(order, IntentBody.ofUtf8(json.toString()));
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
  public @Nullable Long amount() {
    return null;
  }

  @Override
  public CancelPayload canonical() {
    return of(order);
  }
}
