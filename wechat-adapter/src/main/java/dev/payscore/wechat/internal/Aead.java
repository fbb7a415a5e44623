package dev.payscore.wechat.internal;

import dev.payscore.ApiV3Key;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.jspecify.annotations.Nullable;

/** AEAD_AES_256_GCM with the APIv3 key (§7.5): callback resources and downloaded certificates. */
public final class Aead {
  public static final String ALGORITHM = "AEAD_AES_256_GCM";

  private Aead() {}

  /**
   * The UTF-8 plaintext. Throws {@link javax.crypto.AEADBadTagException} when the ciphertext,
   * tag, nonce or associated data was changed, {@link IllegalArgumentException} on bad Base64.
   */
  public static String decrypt(
      ApiV3Key key, String nonce, @Nullable String associatedData, String ciphertextBase64)
      throws GeneralSecurityException {
    byte[] ciphertext = Base64.getDecoder().decode(ciphertextBase64);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.DECRYPT_MODE,
        key.secretKey(),
        new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
    if (associatedData != null) {
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
    }
    return new String(cipher.doFinal(ciphertext), StandardCharsets.UTF_8);
  }
}
