package dev.payscore.domain.intent;

import dev.payscore.IntentKind;
import org.jspecify.annotations.Nullable;

/**
 * The frozen body of an intent's call: the request it was built from (a typed view, read for
 * reconciling WeChat's answer) and the exact bytes sent on every attempt with their SHA-256 (the
 * idempotency fingerprint). One per {@link IntentKind}: {@code CompletionPayload}, {@link
 * CancelPayload}, {@link ModifyPayload}. A new payload's bytes are its canonical JSON; a stored
 * one's are the stored bytes, never rebuilt.
 */
public interface IntentPayload {
  /** The exact bytes sent, with their digest. */
  IntentBody body();

  /** The body as text (UTF-8). */
  default String json() {
    return body().text();
  }

  /** Lower-case hex SHA-256 of the body bytes. */
  default String sha256() {
    return body().sha256();
  }

  /** The {@code appid} the body names. */
  String appid();

  /** The {@code service_id} the body names. */
  String serviceId();

  /** The {@code total_amount} the body sets (fen); null when it sets none (cancel). */
  @Nullable Long amount();

  /** This payload rebuilt from its request in canonical form (checked when a new intent is recorded). */
  IntentPayload canonical();

  /** A copy of the body bytes to send. */
  default byte[] bytes() {
    return body().bytes();
  }
}
