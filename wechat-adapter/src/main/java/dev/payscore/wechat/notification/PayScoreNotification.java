package dev.payscore.wechat.notification;

import dev.payscore.domain.model.ObservedOrder;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A verified, decrypted Pay Score callback (§8): the envelope's {@code id} (deduplicate on it), its
 * event and the service order as WeChat sent it. {@code eventName} is the {@code event_type} text
 * as sent; {@code eventType} is {@link PayScoreEventType#OTHER} for an event this version does not
 * know, which must be recorded but never move the order. {@code plaintext} is the decrypted JSON
 * exactly; it carries the user's openid, so keep it out of logs.
 */
public record PayScoreNotification(
    String id,
    @Nullable String createTime,
    PayScoreEventType eventType,
    String eventName,
    @Nullable String summary,
    ObservedOrder order,
    String plaintext) {
  public PayScoreNotification {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(eventType, "eventType == null");
    Objects.requireNonNull(eventName, "eventName == null");
    Objects.requireNonNull(order, "order == null");
    Objects.requireNonNull(plaintext, "plaintext == null");
  }

  @Override
  public String toString() {
    return "PayScoreNotification[id=" + id + ", eventType=" + eventName
        + ", outOrderNo=" + order.outOrderNo() + ", state=" + order.lifecycle() + "]";
  }
}
