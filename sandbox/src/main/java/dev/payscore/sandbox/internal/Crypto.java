package dev.payscore.sandbox.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** SHA256withRSA, AES-256-GCM and PEM, as WeChat uses them (fact sheet §7). */
public final class Crypto {
  private static final char[] ALPHANUMERIC =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  // provider lookup costs more than it should on every call; a Signature is not thread-safe
  private static final ThreadLocal<Signature> SHA256_WITH_RSA =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Signature.getInstance("SHA256withRSA");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("SHA256withRSA unavailable", e);
            }
          });

  private Crypto() {}

  public static KeyPair newRsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA unavailable", e);
    }
  }

  /** Base64 of SHA256withRSA over the UTF-8 bytes of {@code message}. */
  public static String sign(PrivateKey key, String message) {
    try {
      Signature signature = SHA256_WITH_RSA.get();
      signature.initSign(key);
      signature.update(message.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  /** False for a wrong signature, a malformed base64 value or a key that does not fit. */
  public static boolean verify(PublicKey key, String message, String base64Signature) {
    return verify(key, message.getBytes(StandardCharsets.UTF_8), base64Signature);
  }

  /** As {@link #verify(PublicKey, String, String)}, over the bytes as they are. */
  public static boolean verify(PublicKey key, byte[] message, String base64Signature) {
    try {
      Signature signature = SHA256_WITH_RSA.get();
      signature.initVerify(key);
      signature.update(message);
      return signature.verify(Base64.getDecoder().decode(base64Signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** AEAD_AES_256_GCM with the APIv3 key; returns base64(ciphertext || tag). */
  public static String encrypt(String apiV3Key, String nonce, String associatedData, String plain) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
          new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /** A random string of {@code length} ASCII letters and digits (nonces). */
  public static String nonce(int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)];
    }
    return new String(chars);
  }
}
