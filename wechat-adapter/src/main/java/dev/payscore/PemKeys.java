package dev.payscore;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * Reads the PEM files WeChat Pay hands out: the merchant's {@code apiclient_key.pem} (PKCS#8), the
 * WeChat Pay public key ({@code pub_key.pem}, X.509 SubjectPublicKeyInfo) and platform
 * certificates. Errors say which kind of PEM was expected, never the key material.
 */
public final class PemKeys {
  private PemKeys() {}

  /** An RSA private key from {@code -----BEGIN PRIVATE KEY-----} (PKCS#8). */
  public static PrivateKey privateKey(String pem) {
    byte[] der = der(pem, "PRIVATE KEY");
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a PKCS#8 RSA private key", null);
    }
  }

  /** An RSA public key from {@code -----BEGIN PUBLIC KEY-----}. */
  public static PublicKey publicKey(String pem) {
    byte[] der = der(pem, "PUBLIC KEY");
    try {
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an X.509 RSA public key", e);
    }
  }

  /** An X.509 certificate from {@code -----BEGIN CERTIFICATE-----}. */
  public static X509Certificate certificate(String pem) {
    Objects.requireNonNull(pem, "pem == null");
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not an X.509 certificate", e);
    }
  }

  private static byte[] der(String pem, String label) {
    Objects.requireNonNull(pem, "pem == null");
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("expected a PEM block \"" + begin + "\"");
    }
    String base64 = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the PEM block \"" + label + "\" is not Base64", null);
    }
  }
}
