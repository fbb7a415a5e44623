package dev.payscore.wechat.internal;

import dev.payscore.wechat.SignatureFailure;
import dev.payscore.wechat.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a WeChat response or callback signature (§7.2): the three-line message over the raw
 * body bytes, against the key named by {@code Wechatpay-Serial}. Header lookup must be
 * case-insensitive; the caller supplies it.
 */
public final class SignatureVerifier {
  /** WeChat's recommendation, as wechatpay-java enforces it. */
  public static final Duration MAX_SKEW = Duration.ofMinutes(5);

  public static final String TIMESTAMP = "Wechatpay-Timestamp";
  public static final String NONCE = "Wechatpay-Nonce";
  public static final String SIGNATURE = "Wechatpay-Signature";
  public static final String SERIAL = "Wechatpay-Serial";
  public static final String SIGNATURE_TYPE = "Wechatpay-Signature-Type";

  private SignatureVerifier() {}

  /** True when any signature header is there (an unsigned error response has none). */
  public static boolean isSigned(Function<String, @Nullable String> headers) {
    return headers.apply(TIMESTAMP) != null
        || headers.apply(NONCE) != null
        || headers.apply(SIGNATURE) != null
        || headers.apply(SERIAL) != null;
  }

  /** Null when the signature holds, otherwise why not. */
  public static @Nullable SignatureFailure verify(
      Function<String, @Nullable String> headers,
      byte[] body,
      Function<String, @Nullable PublicKey> keys,
      Instant now) {
    String timestamp = headers.apply(TIMESTAMP);
    String nonce = headers.apply(NONCE);
    String signature = headers.apply(SIGNATURE);
    String serial = headers.apply(SERIAL);
    if (timestamp == null || nonce == null || signature == null || serial == null) {
      return SignatureFailure.MISSING_HEADERS;
    }
    if (signature.startsWith("WECHATPAY/SIGNTEST/")) {
      return SignatureFailure.SIGNATURE_PROBE;
    }
    String type = headers.apply(SIGNATURE_TYPE);
    if (type != null && !SignedRequest.SCHEME.equals(type)) {
      return SignatureFailure.UNSUPPORTED_SIGNATURE_TYPE;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return SignatureFailure.MALFORMED_TIMESTAMP;
    }
    if (Math.abs(now.getEpochSecond() - seconds) > MAX_SKEW.toSeconds()) {
      return SignatureFailure.STALE_TIMESTAMP;
    }
    PublicKey key = keys.apply(serial);
    if (key == null) {
      return SignatureFailure.UNKNOWN_SERIAL;
    }
    byte[] signatureBytes;
    try {
      signatureBytes = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return SignatureFailure.MALFORMED_SIGNATURE;
    }
    byte[] head = (timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(key);
      verifier.update(head);
      verifier.update(body);
      verifier.update((byte) '\n');
      return verifier.verify(signatureBytes) ? null : SignatureFailure.SIGNATURE_MISMATCH;
    } catch (GeneralSecurityException e) {
      return SignatureFailure.SIGNATURE_MISMATCH;
    }
  }
}
