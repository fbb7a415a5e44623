package dev.payscore.sandbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to deliver a notification: {@code status} is the merchant's HTTP status, or -1 when
 * the attempt failed without one (connection refused, timeout) or was refused by the sandbox
 * because the notify_url is not a loopback address ({@code error} says which).
 */
public record CallbackDelivery(
    String notificationId,
    String eventType,
    String mchid,
    String outOrderNo,
    String url,
    int attempt,
    int status,
    String error,
    Instant wallTime) {

  public CallbackDelivery {
    Objects.requireNonNull(notificationId, "notificationId == null");
    Objects.requireNonNull(eventType, "eventType == null");
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(error, "error == null");
    Objects.requireNonNull(wallTime, "wallTime == null");
  }

  public boolean delivered() {
    return status >= 200 && status < 300;
  }
}
