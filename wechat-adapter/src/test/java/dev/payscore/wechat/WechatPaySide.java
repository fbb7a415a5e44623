package dev.payscore.wechat;

import dev.payscore.ApiV3Key;
import dev.payscore.MerchantCredentials;
import dev.payscore.WechatKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import mockwebserver3.MockResponse;

/**
 * WeChat's side in tests: a key pair generated here (never committed), the serial it signs
 * under, and signed responses and callbacks made the way §7.2 describes.
 */
public final class WechatPaySide {
  /** The fixed "now" of the tests: 2026-01-01T00:00:00Z. */
  public static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static final KeyPair MERCHANT = generate();

  public final KeyPair keyPair;
  public final String serial;

  public WechatPaySide(String serial) {
    this(generate(), serial);
  }

  public WechatPaySide(KeyPair keyPair, String serial) {
    this.keyPair = keyPair;
    this.serial = serial;
  }

  /** A public-key-mode side ({@code PUB_KEY_ID_…}). */
  public static WechatPaySide publicKeyMode() {
    return new WechatPaySide("PUB_KEY_ID_0114232134912410000000000000");
  }

  /** The merchant's credentials, one key pair per test JVM. */
  public static MerchantCredentials merchant(String mchid) {
    return new MerchantCredentials(
        dev.payscore.MerchantId.of(mchid), "5157F09EFDC096DE15EBE81A47057A7232F1B8E1", MERCHANT.getPrivate());
  }

  public static java.security.PublicKey merchantPublicKey() {
    return MERCHANT.getPublic();
  }

  public static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  public WechatKeys keys() {
    return WechatKeys.publicKey(serial, keyPair.getPublic());
  }

  /** The four signature headers over {@code body} at {@code at}. */
  public Map<String, String> headers(byte[] body, Instant at, String nonce) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Wechatpay-Timestamp", Long.toString(at.getEpochSecond()));
    headers.put("Wechatpay-Nonce", nonce);
    headers.put("Wechatpay-Signature", sign(keyPair.getPrivate(), at.getEpochSecond() + "\n" + nonce + "\n", body));
    headers.put("Wechatpay-Serial", serial);
    headers.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
    return headers;
  }

  /** A signed response. */
  public MockResponse response(int code, String body) {
    return responseBuilder(code, body, NOW).build();
  }

  public MockResponse.Builder responseBuilder(int code, String body, Instant at) {
    MockResponse.Builder builder =
        new MockResponse.Builder().code(code).addHeader("Request-ID", "08F78BB5AF0610D302A6" + code);
    headers(body.getBytes(StandardCharsets.UTF_8), at, "nonce" + code).forEach(builder::addHeader);
    if (!body.isEmpty()) {
      builder.addHeader("Content-Type", "application/json").body(body);
    }
    return builder;
  }

  public static String sign(PrivateKey key, String head, byte[] body) {
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(key);
      signer.update(head.getBytes(StandardCharsets.UTF_8));
      signer.update(body);
      signer.update((byte) '\n');
      return Base64.getEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** AEAD_AES_256_GCM, as WeChat encrypts resources; Base64 of ciphertext + tag. */
  public static String encrypt(ApiV3Key key, String nonce, String associatedData, String plaintext) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** A self-signed platform certificate of this side's key, valid around {@link #NOW}. */
  public X509Certificate certificate() {
    return TestCertificates.selfSigned(keyPair, new BigInteger(serial, 16), NOW.minusSeconds(86_400), NOW.plusSeconds(5 * 365 * 86_400L));
  }

  /** The {@code GET /v3/certificates} body for {@code sides}, encrypted with {@code key}. */
  public static String certificatesBody(ApiV3Key key, WechatPaySide... sides) {
    StringBuilder json = new StringBuilder("{\"data\":[");
    for (int i = 0; i < sides.length; i++) {
      String pem = TestCertificates.pem(sides[i].certificate());
      json.append(i == 0 ? "" : ",")
          .append("{\"serial_no\":\"").append(sides[i].serial)
          .append("\",\"effective_time\":\"2025-12-31T08:00:00+08:00\",\"expire_time\":\"2030-12-31T08:00:00+08:00\",")
          .append("\"encrypt_certificate\":{\"algorithm\":\"AEAD_AES_256_GCM\",\"nonce\":\"61f9c719728a\",")
          .append("\"associated_data\":\"certificate\",\"ciphertext\":\"")
          .append(encrypt(key, "61f9c719728a", "certificate", pem)).append("\"}}");
    }
    return json.append("]}").toString();
  }
}
