package dev.payscore.domain.intent;

import dev.payscore.Device;
import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A minimal JSON writer for the canonical form of request bodies (wire names in the order of the
 * fact sheet, no whitespace, absent fields left out): equal requests give equal bytes, and so equal
 * digests. No dependency in the domain.
 */
public final class CanonicalJson {

  private final StringBuilder out = new StringBuilder(256);
  private boolean first = true;

  public void open(char bracket) {
    out.append(bracket);
    first = true;
  }

  public void close(char bracket) {
    out.append(bracket);
    first = false;
  }

  public void name(String name) {
    if (!first) {
      out.append(',');
    }
    first = false;
    string(name);
    out.append(':');
  }

  public void field(String name, @Nullable Object value) {
    if (value == null) {
      return;
    }
    name(name);
    if (value instanceof String text) {
      string(text);
    } else {
      out.append(value); // Long, Integer, Boolean: JSON literals as Java prints them
    }
  }

  private <T> void array(List<T> items, ItemWriter<T> writer) {
    out.append('[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      open('{');
      writer.write(this, items.get(i));
      close('}');
    }
    out.append(']');
    first = false;
  }

  private void string(String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c); // UTF-8 as is: WeChat's bodies carry Chinese text unescaped
          }
        }
      }
    }
    out.append('"');
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** {@code post_payments}, then {@code post_discounts} when there are any (§2.4, §2.5). */
  public void items(List<PostPayment> payments, List<PostDiscount> discounts) {
    name("post_payments");
    array(payments, CanonicalJson::writePayment);
    if (!discounts.isEmpty()) {
      name("post_discounts");
      array(discounts, CanonicalJson::writeDiscount);
    }
  }

  /** {@code device} when present (create, modify, complete). */
  public void device(@Nullable Device device) {
    if (device == null) {
      return;
    }
    name("device");
    open('{');
    field("start_device_id", device.startDeviceId());
    field("end_device_id", device.endDeviceId());
    field("materiel_no", device.materielNo());
    close('}');
  }

  /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text}: a payload's fingerprint. */
  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void writePayment(CanonicalJson json, PostPayment payment) {
    json.field("name", payment.name());
    json.field("amount", payment.amount());
    json.field("description", payment.description());
    json.field("count", payment.count());
  }

  private static void writeDiscount(CanonicalJson json, PostDiscount discount) {
    json.field("name", discount.name());
    json.field("description", discount.description());
    json.field("amount", discount.amount());
    json.field("count", discount.count());
  }

  @FunctionalInterface
  private interface ItemWriter<T> {
    void write(CanonicalJson json, T item);
  }
}
