package dev.payscore.domain.intent;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The exact bytes of an intent's request body and their SHA-256 (lower-case hex): stored with the
 * intent and sent verbatim on every attempt, whatever the kind. Immutable: the bytes are copied in
 * and out. Reading a stored intent checks the stored digest against the bytes ({@link #stored})
 * and never rebuilds them from anything else.
 */
public final class IntentBody {
  private final byte[] bytes;
  private final String sha256;

  private IntentBody(byte[] bytes, String sha256) {
    this.bytes = bytes;
    this.sha256 = sha256;
  }

  /** The body of these bytes (copied), with their digest. */
  public static IntentBody of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes == null");
    byte[] copy = bytes.clone();
    return new IntentBody(copy, CanonicalJson.sha256Hex(copy));
  }

  /** The UTF-8 bytes of {@code text}. */
  public static IntentBody ofUtf8(String text) {
    Objects.requireNonNull(text, "text == null");
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return new IntentBody(utf8, CanonicalJson.sha256Hex(utf8));
  }

  /**
   * Stored bytes with the digest stored beside them.
   *
   * @throws IllegalArgumentException if the digest is not that of the bytes (the row was changed
   *     behind our back): the caller quarantines the row
   */
  public static IntentBody stored(byte[] bytes, String storedSha256) {
    Objects.requireNonNull(storedSha256, "storedSha256 == null");
    IntentBody body = of(bytes);
    if (!body.sha256.equals(storedSha256)) {
      throw new IllegalArgumentException(
          "the stored body does not match its SHA-256 " + storedSha256 + " (bytes: " + body.sha256 + ")");
    }
    return body;
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lower-case hex SHA-256 of the bytes. */
  public String sha256() {
    return sha256;
  }

  public int size() {
    return bytes.length;
  }

  /** The bytes read as UTF-8 (for display and parsing; what is sent is {@link #bytes}). */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IntentBody other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return sha256.hashCode();
  }

  /** The digest and size only: a body may carry user data. */
  @Override
  public String toString() {
    return "IntentBody[sha256=" + sha256 + ", " + bytes.length + " bytes]";
  }
}
