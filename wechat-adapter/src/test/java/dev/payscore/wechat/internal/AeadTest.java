package dev.payscore.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.ApiV3Key;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

class AeadTest {
  static final ApiV3Key KEY = ApiV3Key.ofText("0123456789abcdefABCDEF0123456789");

  static String resource(String name) throws IOException {
    try (InputStream in = AeadTest.class.getResourceAsStream("/vectors/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void decryptsTheVectorMadeByPythonCryptography() throws Exception {
    assertThat(Aead.decrypt(KEY, "fdasflkja484", "payscore", resource("gcm-ciphertext.b64")))
        .isEqualTo(resource("gcm-plaintext.json"));
  }

  @Test
  void aFlippedCiphertextBitFailsTheTag() throws Exception {
    String flipped = flipBit(resource("gcm-ciphertext.b64"), 0);
    assertThatThrownBy(() -> Aead.decrypt(KEY, "fdasflkja484", "payscore", flipped))
        .isInstanceOf(AEADBadTagException.class);
  }

  @Test
  void aFlippedTagBitFails() throws Exception {
    String ciphertext = resource("gcm-ciphertext.b64");
    int last = Base64.getDecoder().decode(ciphertext).length - 1;
    assertThatThrownBy(() -> Aead.decrypt(KEY, "fdasflkja484", "payscore", flipBit(ciphertext, last)))
        .isInstanceOf(AEADBadTagException.class);
  }

  @Test
  void otherAssociatedDataOrKeyFails() throws Exception {
    String ciphertext = resource("gcm-ciphertext.b64");
    assertThatThrownBy(() -> Aead.decrypt(KEY, "fdasflkja484", "certificate", ciphertext))
        .isInstanceOf(AEADBadTagException.class);
    assertThatThrownBy(
            () -> Aead.decrypt(ApiV3Key.ofText("x".repeat(32)), "fdasflkja484", "payscore", ciphertext))
        .isInstanceOf(AEADBadTagException.class);
  }

  static String flipBit(String base64, int byteIndex) {
    byte[] bytes = Base64.getDecoder().decode(base64.strip());
    bytes[byteIndex] ^= 0x01;
    return Base64.getEncoder().encodeToString(bytes);
  }
}
