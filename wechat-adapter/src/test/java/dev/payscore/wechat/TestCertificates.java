package dev.payscore.wechat;

import dev.payscore.PemKeys;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Self-signed X.509 v1 certificates made in the test with a few lines of DER, since the JDK has
 * no public certificate builder and the adapter must not pull BouncyCastle for tests alone.
 */
public final class TestCertificates {
  private static final byte[] SHA256_WITH_RSA = {
    0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00
  };
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private TestCertificates() {}

  public static X509Certificate selfSigned(KeyPair keys, BigInteger serial, Instant notBefore, Instant notAfter) {
    byte[] name = tlv(0x30, tlv(0x31, tlv(0x30, concat(new byte[] {0x06, 0x03, 0x55, 0x04, 0x03}, tlv(0x0c, "Tenpay.com Root CA".getBytes(StandardCharsets.UTF_8))))));
    byte[] validity = tlv(0x30, concat(utcTime(notBefore), utcTime(notAfter)));
    byte[] tbs = tlv(0x30, concat(tlv(0x02, serial.toByteArray()), SHA256_WITH_RSA, name, validity, name, keys.getPublic().getEncoded()));
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(keys.getPrivate());
      signer.update(tbs);
      byte[] signature = concat(new byte[] {0}, signer.sign());
      byte[] der = tlv(0x30, concat(tbs, SHA256_WITH_RSA, tlv(0x03, signature)));
      return PemKeys.certificate(pem(der));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  public static String pem(X509Certificate certificate) {
    try {
      return pem(certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static String pem(byte[] der) {
    return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END CERTIFICATE-----\n";
  }

  private static byte[] utcTime(Instant instant) {
    return tlv(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = value.length;
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length & 0xff);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
