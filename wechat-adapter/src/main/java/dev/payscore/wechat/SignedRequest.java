package dev.payscore.wechat;

import dev.payscore.MerchantCredentials;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;

/**
 * A request signature (§7.1): the five-line message over the exact body bytes, its SHA256withRSA
 * signature, and the {@code Authorization} header that carries it. Signing is deterministic
 * (PKCS#1 v1.5), so the same inputs always give the same header.
 *
 * <pre>{@code
 * SignedRequest signed = SignedRequest.sign(credentials, "POST",
 *     "/v3/payscore/serviceorder/1234/complete", 1554208460, nonce, bodyBytes);
 * request.header("Authorization", signed.authorization());
 * }</pre>
 *
 * <p>{@link #toString()} leaves the header out: it is a bearer credential for five minutes.
 */
public record SignedRequest(String message, String signature, String authorization) {
  /** The scheme token of {@code Authorization}. */
  public static final String SCHEME = "WECHATPAY2-SHA256-RSA2048";

  public SignedRequest {
    Objects.requireNonNull(message, "message == null");
    Objects.requireNonNull(signature, "signature == null");
    Objects.requireNonNull(authorization, "authorization == null");
  }

  /**
   * Signs one request. {@code canonicalUrl} is the absolute path plus {@code ?query} exactly as
   * sent; {@code body} is the exact bytes sent (empty for GET).
   */
  public static SignedRequest sign(
      MerchantCredentials credentials,
      String method,
      String canonicalUrl,
      long timestamp,
      String nonce,
      byte[] body) {
    Objects.requireNonNull(credentials, "credentials == null");
    String message = message(method, canonicalUrl, timestamp, nonce, body);
    String signature;
    try {
      signature =
          Base64.getEncoder()
              .encodeToString(credentials.sign(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      // the message would name the key type at most; never the key itself
      throw new IllegalStateException("cannot sign with the merchant key: " + e.getClass().getSimpleName(), e);
    }
    String authorization =
        SCHEME
            + " mchid=\"" + credentials.mchid().value()
            + "\",nonce_str=\"" + nonce
            + "\",timestamp=\"" + timestamp
            + "\",serial_no=\"" + credentials.certificateSerial()
            + "\",signature=\"" + signature + "\"";
    return new SignedRequest(message, signature, authorization);
  }

  /** The five-line message: method, URL, timestamp, nonce, body, each ending in {@code \n}. */
  public static String message(
      String method, String canonicalUrl, long timestamp, String nonce, byte[] body) {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(canonicalUrl, "canonicalUrl == null");
    Objects.requireNonNull(nonce, "nonce == null");
    Objects.requireNonNull(body, "body == null");
    if (!canonicalUrl.startsWith("/")) {
      throw new IllegalArgumentException("canonicalUrl must be an absolute path: " + canonicalUrl);
    }
    if (nonce.isEmpty() || nonce.length() > 32) {
      throw new IllegalArgumentException("nonce must have 1..32 characters: \"" + nonce + "\"");
    }
    return method + "\n" + canonicalUrl + "\n" + timestamp + "\n" + nonce + "\n"
        + new String(body, StandardCharsets.UTF_8) + "\n";
  }

  @Override
  public String toString() {
    return "SignedRequest[message=" + message.replace("\n", "\\n") + ", authorization=<redacted>]";
  }
}
