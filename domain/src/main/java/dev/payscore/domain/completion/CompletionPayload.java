package dev.payscore.domain.completion;

import dev.payscore.CompleteOrder;
import dev.payscore.Location;
import dev.payscore.TimeRange;
import dev.payscore.domain.intent.CanonicalJson;
import dev.payscore.domain.intent.IntentBody;
import dev.payscore.domain.intent.IntentPayload;
import java.util.Objects;

/**
 * A complete request and its frozen body. A new one's body is the canonical JSON (wire names, the
 * field order of §2.5, no whitespace, absent fields left out), so equal requests give equal bytes
 * and the digest is the idempotency fingerprint of a completion; a stored one's body is the stored
 * bytes, sent byte for byte the same on every attempt.
 */
public record CompletionPayload(CompleteOrder order, IntentBody body)
    implements IntentPayload {

  public CompletionPayload {
    Objects.requireNonNull(order, "order == null");
    Objects.requireNonNull(body, "body == null");
  }

  /** The canonical payload of {@code order}. */
  public static CompletionPayload of(CompleteOrder order) {
    return new CompletionPayload(order, IntentBody.ofUtf8(canonicalJson(order)));
  }

  /** Lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    return CanonicalJson.sha256Hex(bytes);
  }

  @Override
  public String appid() {
    return order.appid();
  }

  @Override
  public String serviceId() {
    return order.serviceId();
  }

  @Override
  public Long amount() {
    return order.totalAmount();
  }

  @Override
  public CompletionPayload canonical() {
    return of(order);
  }

  private static String canonicalJson(CompleteOrder order) {
    CanonicalJson json = new CanonicalJson();
    json.open('{');
    json.field("appid", order.appid());
    json.field("service_id", order.serviceId());
    json.items(order.postPayments(), order.postDiscounts());
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
    json.device(order.device());
    json.close('}');
    return json.toString();
  }
}
