package dev.payscore.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The contract of {@code NotificationInbox}. */
public abstract class NotificationInboxContract extends StorageContract {

  @Test
  void aNotificationIsTakenInOnceAndARedeliveryIsRecognised() {
    String id = "EV-2018022511223320873";

    assertThat(received(id, MCHID, "PAYSCORE.USER_PAID", T0)).isTrue();
    assertThat(received(id, MCHID, "PAYSCORE.USER_PAID", T0.plusSeconds(5))).isFalse();
    assertThat(received(id + "-2", MCHID, "PAYSCORE.USER_PAID", T0)).isTrue();
  }

  @Test
  void aRedeliveryDoesNotSpoilTheTransactionItIsIn() {
    String id = "EV-1";
    received(id, MCHID, "PAYSCORE.USER_CONFIRM", T0);

    boolean later =
        tx(
            r -> {
              r.inbox().markReceived(id, MCHID, "PAYSCORE.USER_CONFIRM", T0);
              return r.inbox().markReceived("EV-2", MCHID, "PAYSCORE.USER_CONFIRM", T0);
            });

    assertThat(later).isTrue();
    assertThat(received("EV-2", MCHID, "PAYSCORE.USER_CONFIRM", T0)).isFalse();
  }

  @Test
  void oversizedIdsAreRefused() {
    assertThatThrownBy(() -> received("n".repeat(65), MCHID, "e".repeat(65), T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("notification_id")
        .hasMessageContaining("event_type");
  }
}
