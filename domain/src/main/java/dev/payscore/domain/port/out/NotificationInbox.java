package dev.payscore.domain.port.out;

import dev.payscore.MerchantId;
import java.time.Instant;

/** The callbacks already taken in, by WeChat's notification id, so a redelivery is applied once. */
public interface NotificationInbox {

  /** Records the notification; false if it was recorded before (a redelivery). */
  boolean markReceived(String notificationId, MerchantId mchid, String eventType, Instant receivedAt);
}
