package dev.payscore.domain.intent;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The frozen body of an intent's call in its one canonical form: the exact JSON sent on every
 * attempt and the SHA-256 of its UTF-8 bytes (the idempotency fingerprint). One per {@link
 * IntentKind}: {@code CompletionPayload}, {@link CancelPayload}, {@link ModifyPayload}.
 */
public interface IntentPayload {
  String json();

  String sha256();

  /** The {@code appid} the body names. */
  String appid();

  /** The {@code service_id} the body names. */
  String serviceId();

  /** The {@code total_amount} the body sets (fen); null when it sets none (cancel). */
  @Nullable Long amount();

  /** This payload rebuilt from its request: equal to this one unless the row was tampered with. */
  IntentPayload canonical();

  /** The body bytes to send (UTF-8). */
  default byte[] bytes() {
    return json().getBytes(StandardCharsets.UTF_8);
  }
}
