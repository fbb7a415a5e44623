package dev.payscore.domain.intent;

import dev.payscore.domain.port.out.CancelOrder;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A cancel request (§2.3) in its canonical form: {@code appid}, {@code service_id}, {@code reason}.
 */
public record CancelPayload(CancelOrder order, String json, String sha256)
    implements IntentPayload {
  public CancelPayload {
    Objects.requireNonNull(order, "order == null");
    Objects.requireNonNull(json, "json == null");
    Objects.requireNonNull(sha256, "sha256 == null");
  }

  public static CancelPayload of(CancelOrder order) {
    CanonicalJson json = new CanonicalJson();
    json.open('{');
    json.field("appid", order.appid());
    json.field("service_id", order.serviceId());
    json.field("reason", order.reason());
    json.close('}');
    String text = json.toString();
    return new CancelPayload(
        order, text, CanonicalJson.sha256Hex(text));
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
