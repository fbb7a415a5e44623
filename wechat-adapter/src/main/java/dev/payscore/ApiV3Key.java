package dev.payscore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * The merchant's APIv3 key: 32 bytes set in the merchant platform, the AES-256-GCM key of callback
 * resources and downloaded platform certificates (§7.5). {@link #toString()} never shows it.
 *
 * <p>Immutable and thread-safe; its {@code toString()} never shows the key.
 */
public final class ApiV3Key {
  private final byte[] bytes;

  private ApiV3Key(byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("an APIv3 key has 32 bytes, not " + bytes.length);
    }
    this.bytes = bytes.clone();
  }

  /** The key from its 32 raw bytes. */
  public static ApiV3Key of(byte[] bytes) {
    return new ApiV3Key(Objects.requireNonNull(bytes, "bytes == null"));
  }

  /** The key as the merchant platform shows it: 32 ASCII characters. */
  public static ApiV3Key ofText(String text) {
    return of(Objects.requireNonNull(text, "text == null").getBytes(StandardCharsets.UTF_8));
  }

  /** The AES key for {@code javax.crypto}. */
  public SecretKeySpec secretKey() {
    return new SecretKeySpec(bytes, "AES");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiV3Key key && MessageDigest.isEqual(bytes, key.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "ApiV3Key[<redacted>]";
  }
}
