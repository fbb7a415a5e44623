package dev.payscore.domain.completion;

import dev.payscore.domain.model.Device;
import dev.payscore.domain.model.Location;
import dev.payscore.domain.model.PostDiscount;
import dev.payscore.domain.model.PostPayment;
import dev.payscore.domain.model.TimeRange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A complete request in its one canonical form: the exact JSON body sent to WeChat on every attempt
 * (wire names, the field order of §2.5, no whitespace, absent fields left out) and the SHA-256 of
 * its UTF-8 bytes. Equal requests give equal bytes, so the digest is the idempotency fingerprint
 * of a completion and the frozen payload is sent byte for byte the same on every retry.
 */
public record CompletionPayload(CompleteOrder order, String json, String sha256) {

  public CompletionPayload {
    Objects.requireNonNull(order, "order == null");
    Objects.requireNonNull(json, "json == null");
    Objects.requireNonNull(sha256, "sha256 == null");
  }

  /** The canonical payload of {@code order}. */
  public static CompletionPayload of(CompleteOrder order) {
    String json = canonicalJson(order);
    return new CompletionPayload(order, json, sha256Hex(json.getBytes(StandardCharsets.UTF_8)));
  }

  /** The body bytes to send (UTF-8). */
  public byte[] bytes() {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** Lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String canonicalJson(CompleteOrder order) {
    Json json = new Json();
    json.open('{');
    json.field("appid", order.appid());
    json.field("service_id", order.serviceId());
    json.name("post_payments");
    json.array(order.postPayments(), CompletionPayload::writePayment);
    if (!order.postDiscounts().isEmpty()) {
      json.name("post_discounts");
      json.array(order.postDiscounts(), CompletionPayload::writeDiscount);
    }
    json.field("total_amount", order.totalAmount());
    TimeRange range = order.timeRange();
    if (range != null) {
      json.name("time_range");
      json.open('{');
      json.field("start_time", range.startTime());
      json.field("end_time", range.endTime());
      json.field("start_time_remark", range.startTimeRemark());
      json.field("end_time_remark", range.endTimeRemark());
      json.close('}');
    }
    Location location = order.location();
    if (location != null) {
      json.name("location");
      json.open('{');
      json.field("start_location", location.startLocation());
      json.field("end_location", location.endLocation());
      json.close('}');
    }
    json.field("profit_sharing", order.profitSharing());
    json.field("goods_tag", order.goodsTag());
    Device device = order.device();
    if (device != null) {
      json.name("device");
      json.open('{');
      json.field("start_device_id", device.startDeviceId());
      json.field("end_device_id", device.endDeviceId());
      json.field("materiel_no", device.materielNo());
      json.close('}');
    }
    json.close('}');
    return json.toString();
  }

  private static void writePayment(Json json, PostPayment payment) {
    json.field("name", payment.name());
    json.field("amount", payment.amount());
    json.field("description", payment.description());
    json.field("count", payment.count());
  }

  private static void writeDiscount(Json json, PostDiscount discount) {
    json.field("name", discount.name());
    json.field("description", discount.description());
    json.field("amount", discount.amount());
    json.field("count", discount.count());
  }

  /** A minimal JSON writer: enough for this one shape, and no dependency in the domain. */
  private static final class Json {
    private final StringBuilder out = new StringBuilder(256);
    private boolean first = true;

    void open(char bracket) {
      out.append(bracket);
      first = true;
    }

    void close(char bracket) {
      out.append(bracket);
      first = false;
    }

    void name(String name) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(name);
      out.append(':');
    }

    void field(String name, @Nullable Object value) {
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

    <T> void array(List<T> items, ItemWriter<T> writer) {
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
  }

  @FunctionalInterface
  private interface ItemWriter<T> {
    void write(Json json, T item);
  }
}
