package dev.payscore.wechat.notification;

import dev.payscore.ApiV3Key;
import dev.payscore.MerchantId;
import dev.payscore.WechatKeys;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.wechat.SignatureFailure;
import dev.payscore.wechat.internal.Aead;
import dev.payscore.wechat.internal.Mappers;
import dev.payscore.wechat.internal.SignatureVerifier;
import dev.payscore.wechat.internal.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

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
 *
 * <p><b>Several merchants</b> ({@link #forRecipients}): each has its own WeChat keys and APIv3 key.
 * A callback is routed in two steps. First by {@code Wechatpay-Serial}: only merchants whose keys
 * hold that serial (a merchant's own {@code PUB_KEY_ID_…}, or a platform certificate, which
 * several merchants may share) and whose key verifies the signature are candidates; keys already
 * held are tried before any certificate download. Then by the APIv3 key: AES-GCM authenticates, so
 * the candidate whose key decrypts the resource is the one it was encrypted for, and the order
 * inside must name that merchant's {@code mchid} (merchants sharing one APIv3 key are told apart
 * by it). A callback no candidate can decrypt is {@code DECRYPTION_FAILED}; one that decrypts for
 * a merchant but names another is {@code MERCHANT_MISMATCH}.
 *
 * <p><b>Tolerant reading</b>: an event type or an order value this version does not know is
 * accepted and kept raw ({@link PayScoreEventType#OTHER}, {@link ObservedOrder#oddities()}), never
 * a reason to refuse an authentic callback that WeChat would then send again forever.
 */
public final class NotificationParser {
  /**
   * A merchant callbacks may be for: its {@code mchid} (null accepts any), its WeChat keys by
   * serial as held now ({@code held}) and after a certificate download if needed ({@code
   * refreshing}), and its APIv3 key.
   */
  public record Recipient(
      @Nullable MerchantId mchid,
      Function<String, Optional<PublicKey>> held,
      Function<String, Optional<PublicKey>> refreshing,
      ApiV3Key apiV3Key) {
    public Recipient {
      Objects.requireNonNull(held, "held == null");
      Objects.requireNonNull(refreshing, "refreshing == null");
      Objects.requireNonNull(apiV3Key, "apiV3Key == null");
    }

    /** A merchant whose keys are all held in {@code keys} (nothing is downloaded). */
    public static Recipient of(@Nullable MerchantId mchid, WechatKeys keys, ApiV3Key apiV3Key) {
      Map<String, PublicKey> held = Objects.requireNonNull(keys, "keys == null").heldKeys();
      Function<String, Optional<PublicKey>> lookup = serial -> Optional.ofNullable(held.get(serial));
      return new Recipient(mchid, lookup, lookup, apiV3Key);
    }
  }

  private final List<Recipient> recipients;
  private final Clock clock;

  private NotificationParser(List<Recipient> recipients, Clock clock) {
    this.recipients = List.copyOf(recipients);
    this.clock = Objects.requireNonNull(clock, "clock == null");
    if (this.recipients.isEmpty()) {
      throw new IllegalArgumentException("no recipient: at least one merchant's keys are needed");
    }
  }

  /** A parser over the keys held in {@code keys} (nothing is downloaded), for any merchant. */
  public static NotificationParser create(WechatKeys keys, ApiV3Key apiV3Key, Clock clock) {
    return forRecipients(List.of(Recipient.of(null, keys, apiV3Key)), clock);
  }

  /** A parser over any key lookup by {@code Wechatpay-Serial}, for any merchant. */
  public static NotificationParser create(
      Function<String, Optional<PublicKey>> keys, ApiV3Key apiV3Key, Clock clock) {
    return forRecipients(List.of(new Recipient(null, keys, keys, apiV3Key)), clock);
  }

  /** A parser that routes each callback to one of several merchants (see the class comment). */
  public static NotificationParser forRecipients(List<Recipient> recipients, Clock clock) {
    return new NotificationParser(Objects.requireNonNull(recipients, "recipients == null"), clock);
  }

  /** The merchants this parser routes to, in the order they are tried. */
  public List<Recipient> recipients() {
    return recipients;
  }

  /** Verifies, decrypts and types one callback; header names are matched case-insensitively. */
  public NotificationResult parse(byte[] body, Map<String, String> headers) {
    return parse(recipients, null, body, headers);
  }

  /**
   * {@link #parse(byte[], Map)} for a callback that can only be for {@code mchid} (a notify URL
   * per merchant): other merchants' keys are not tried, and an order of another merchant is {@code
   * MERCHANT_MISMATCH}.
   */
  public NotificationResult parse(MerchantId mchid, byte[] body, Map<String, String> headers) {
    Objects.requireNonNull(mchid, "mchid == null");
    List<Recipient> only =
        recipients.stream().filter(r -> r.mchid() == null || r.mchid().equals(mchid)).toList();
    if (only.isEmpty()) {
      return rejected(NotificationResult.Reason.UNKNOWN_SERIAL, "no keys configured for mchid " + mchid);
    }
    return parse(only, mchid, body, headers);
  }

  private NotificationResult parse(
      List<Recipient> candidates,
      @Nullable MerchantId expected,
      byte[] body,
      Map<String, String> headers) {
    Objects.requireNonNull(body, "body == null");
    Objects.requireNonNull(headers, "headers == null");
    Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(headers);
    List<Recipient> signedFor = new ArrayList<>();
    SignatureFailure failure = verify(candidates, byName, body, Recipient::held, signedFor);
    if (failure == SignatureFailure.UNKNOWN_SERIAL) {
      // no key held has this serial: now let certificate-mode merchants download theirs (rate-limited)
      failure = verify(candidates, byName, body, Recipient::refreshing, signedFor);
    }
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
    if (!Aead.ALGORITHM.equals(resource.algorithm())) {
      return rejected(NotificationResult.Reason.DECRYPTION_FAILED, "algorithm " + resource.algorithm());
    }
    PayScoreEventType type = PayScoreEventType.of(envelope.eventType()).orElse(PayScoreEventType.OTHER);
    @Nullable MerchantId mismatch = null;
    for (Recipient recipient : signedFor) {
      String plaintext;
      try {
        plaintext = Aead.decrypt(recipient.apiV3Key(), resource.nonce(), resource.associatedData(), resource.ciphertext());
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        continue; // encrypted for another merchant's key
      }
      ObservedOrder order;
      try {
        order = Mappers.order(plaintext.getBytes(StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        return rejected(NotificationResult.Reason.MALFORMED_JSON, "resource is not a service order: " + e.getClass().getSimpleName());
      }
      MerchantId named = recipient.mchid() != null ? recipient.mchid() : expected;
      if (named != null && !named.equals(order.mchid())) {
        mismatch = named;
        continue; // a merchant sharing this APIv3 key may be the one named
      }
      return new NotificationResult.Accepted(
          new PayScoreNotification(
              envelope.id(), envelope.createTime(), type, envelope.eventType(), envelope.summary(), order, plaintext));
    }
    if (mismatch != null) {
      return rejected(
          NotificationResult.Reason.MERCHANT_MISMATCH,
          "resource decrypted with the APIv3 key of " + mismatch + " names another mchid");
    }
    return rejected(
        NotificationResult.Reason.DECRYPTION_FAILED,
        "resource did not decrypt with the APIv3 key of any merchant holding serial " + byName.get(SignatureVerifier.SERIAL));
  }

  /**
   * Verifies the signature with the key each recipient has for the serial ({@code lookup}), keeping
   * in {@code signedFor} the recipients whose key verified it. Null when at least one did.
   */
  private @Nullable SignatureFailure verify(
      List<Recipient> candidates,
      Map<String, String> headers,
      byte[] body,
      Function<Recipient, Function<String, Optional<PublicKey>>> lookup,
      List<Recipient> signedFor) {
    SignatureFailure first = null;
    List<PublicKey> verified = new ArrayList<>();
    for (Recipient recipient : candidates) {
      Function<String, Optional<PublicKey>> keys = lookup.apply(recipient);
      PublicKey[] used = new PublicKey[1];
      SignatureFailure failure;
      String serial = headers.get(SignatureVerifier.SERIAL);
      PublicKey key = serial == null ? null : keys.apply(serial).orElse(null);
      if (key != null && verified.contains(key)) {
        failure = null; // the same key (a shared platform certificate) already verified these bytes
      } else {
        failure =
            SignatureVerifier.verify(
                headers::get,
                body,
                s -> used[0] = keys.apply(s).orElse(null),
                clock.instant());
      }
      if (failure == null) {
        signedFor.add(recipient);
        if (used[0] != null) {
          verified.add(used[0]);
        }
      } else if (first == null || first == SignatureFailure.UNKNOWN_SERIAL) {
        first = failure;
      }
    }
    return signedFor.isEmpty() ? Objects.requireNonNull(first) : null;
  }

  private static NotificationResult rejected(NotificationResult.Reason reason, String detail) {
    return new NotificationResult.Rejected(reason, detail);
  }
}
