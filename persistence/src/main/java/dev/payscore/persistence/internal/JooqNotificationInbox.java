package dev.payscore.persistence.internal;

import static dev.payscore.persistence.internal.db.payscore.Tables.NOTIFICATION_INBOX;

import dev.payscore.MerchantId;
import dev.payscore.domain.port.out.NotificationInbox;
import dev.payscore.domain.port.out.StorageLimits;
import java.time.Instant;
import java.util.Objects;
import org.jooq.DSLContext;

/** {@link NotificationInbox} on {@code payscore.notification_inbox}. */
public final class JooqNotificationInbox implements NotificationInbox {
  private final DSLContext dsl;

  public JooqNotificationInbox(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl == null");
  }

  @Override
  public boolean markReceived(
      String notificationId, MerchantId mchid, String eventType, Instant receivedAt) {
    StorageLimits.checkNotification(notificationId, mchid, eventType, receivedAt);
    // DO NOTHING on a redelivery: no error, so the caller's transaction goes on.
    return Sql.run(
        "recording notification " + notificationId,
        () ->
            dsl.insertInto(NOTIFICATION_INBOX)
                    .set(NOTIFICATION_INBOX.NOTIFICATION_ID, notificationId)
                    .set(NOTIFICATION_INBOX.MCHID, mchid.value())
                    .set(NOTIFICATION_INBOX.EVENT_TYPE, eventType)
                    .set(NOTIFICATION_INBOX.RECEIVED_AT, Sql.utc(receivedAt))
                    .onConflictDoNothing()
                    .execute()
                == 1);
  }
}
