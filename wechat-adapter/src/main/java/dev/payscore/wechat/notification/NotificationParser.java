package dev.payscore.wechat.notification;

import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.wechat.ApiV3Key;
import dev.payscore.wechat.SignatureFailure;
import dev.payscore.wechat.WechatKeys;
import dev.payscore.wechat.internal.Aead;
import dev.payscore.wechat.internal.Mappers;
import dev.payscore.wechat.internal.SignatureVerifier;
import dev.payscore.wechat.internal.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns a Pay Score callback, as raw body bytes and headers, into a {@link NotificationResult}: it
 * verifies the signature over the bytes as received (§7.2) before reading them, decrypts the
 * resource with the APIv3 key (§7.5) and types the event. Thread-safe.
 *
 * <pre>{@code
 * NotificationParser parser = NotificationParser.create(keys, apiV3Key, clock);
 * NotificationResult result = parser.parse(bodyBytes, headers);
 * if (result instanceof NotificationResult.Rejected rejected) {
 *   return status(rejected.httpStatus());
 * }
 * }</pre>
 */
public final class NotificationParser {
  private final Function<String, Optional<PublicKey>> keys;
  private final ApiV3Key apiV3Key;
  private final Clock clock;

  private NotificationParser(Function<String, Optional<PublicKey>> keys, ApiV3Key apiV3Key, Clock clock) {
    this.keys = Objects.requireNonNull(keys, "keys == null");
    this.apiV3Key = Objects.requireNonNull(apiV3Key, "apiV3Key == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** A parser over the keys held in {@code keys} (nothing is downloaded). */
  public static NotificationParser create(WechatKeys keys, ApiV3Key apiV3Key, Clock clock) {
    Map<String, PublicKey> held = Objects.requireNonNull(keys, "keys == null").heldKeys();
    return create(serial -> Optional.ofNullable(held.get(serial)), apiV3Key, clock);
  }

  /** A parser over any key lookup by {@code Wechatpay-Serial}. */
  public static NotificationParser create(
      Function<String, Optional<PublicKey>> keys, ApiV3Key apiV3Key, Clock clock) {
    return new NotificationParser(keys, apiV3Key, clock);
  }

  /** Verifies, decrypts and types one callback; header names are matched case-insensitively. */
  public NotificationResult parse(byte[] body, Map<String, String> headers) {
    Objects.requireNonNull(body, "body == null");
    Objects.requireNonNull(headers, "headers == null");
    Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(headers);
    SignatureFailure failure =
        SignatureVerifier.verify(byName::get, body, serial -> keys.apply(serial).orElse(null), clock.instant());
    if (failure != null) {
      return switch (failure) {
        case STALE_TIMESTAMP -> rejected(NotificationResult.Reason.STALE_TIMESTAMP, "Wechatpay-Timestamp more than 5 minutes off");
        case UNKNOWN_SERIAL -> rejected(NotificationResult.Reason.UNKNOWN_SERIAL, "no key for Wechatpay-Serial " + byName.get(SignatureVerifier.SERIAL));
        default -> rejected(NotificationResult.Reason.BAD_SIGNATURE, failure.name());
      };
    }
    Wire.NotificationBody envelope;
    try {
      envelope = Wire.JSON.readValue(body, Wire.NotificationBody.class);
    } catch (IOException e) {
      return rejected(NotificationResult.Reason.MALFORMED_JSON, "envelope is not JSON");
    }
    Wire.EncryptedBody resource = envelope.resource();
    if (envelope.id() == null || envelope.eventType() == null || resource == null
        || resource.ciphertext() == null || resource.nonce() == null) {
      return rejected(NotificationResult.Reason.MALFORMED_JSON, "envelope lacks id, event_type or resource");
    }
    Optional<PayScoreEventType> type = PayScoreEventType.of(envelope.eventType());
    if (type.isEmpty()) {
      return rejected(NotificationResult.Reason.UNKNOWN_EVENT_TYPE, "event_type " + envelope.eventType());
    }
    if (!Aead.ALGORITHM.equals(resource.algorithm())) {
      return rejected(NotificationResult.Reason.DECRYPTION_FAILED, "algorithm " + resource.algorithm());
    }
    String plaintext;
    try {
      plaintext = Aead.decrypt(apiV3Key, resource.nonce(), resource.associatedData(), resource.ciphertext());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return rejected(NotificationResult.Reason.DECRYPTION_FAILED, "resource did not decrypt: " + e.getClass().getSimpleName());
    }
    ObservedOrder order;
    try {
      order = Mappers.order(plaintext.getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return rejected(NotificationResult.Reason.MALFORMED_JSON, "resource is not a service order: " + e.getClass().getSimpleName());
    }
    return new NotificationResult.Accepted(
        new PayScoreNotification(envelope.id(), envelope.createTime(), type.get(), envelope.summary(), order, plaintext));
  }

  private static NotificationResult rejected(NotificationResult.Reason reason, String detail) {
    return new NotificationResult.Rejected(reason, detail);
  }
}
