package dev.payscore.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * PEM text for the keys and certificates a sandbox hands out, and back: {@code encode("PUBLIC
 * KEY", key.getEncoded())} gives what a merchant downloads from the merchant platform.
 */
public final class Pem {
  private Pem() {}

  /** DER bytes armoured as {@code -----BEGIN type-----}, 64 characters a line. */
  public static String encode(String type, byte[] der) {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(der, "der == null");
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  /** The DER bytes of the first PEM block in {@code pem}. */
  public static byte[] decode(String pem) {
    Objects.requireNonNull(pem, "pem == null");
    int begin = pem.indexOf("-----BEGIN ");
    int bodyStart = begin < 0 ? -1 : pem.indexOf("-----", begin + 11);
    int end = pem.indexOf("-----END ", Math.max(bodyStart, 0));
    if (begin < 0 || bodyStart < 0 || end < 0) {
      throw new IllegalArgumentException("no PEM block");
    }
    return Base64.getMimeDecoder().decode(pem.substring(bodyStart + 5, end));
  }
}
