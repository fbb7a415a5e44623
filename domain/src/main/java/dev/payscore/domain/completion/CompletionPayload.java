package dev.payscore.domain.completion;

import dev.payscore.domain.intent.CanonicalJson;
import dev.payscore.domain.intent.IntentPayload;
import dev.payscore.domain.model.Location;
import dev.payscore.domain.model.TimeRange;
import java.util.Objects;

/**
 * A complete request in its one canonical form: the exact JSON body sent to WeChat on every attempt
 * (wire names, the field order of §2.5, no whitespace, absent fields left out) and the SHA-256 of
 * its UTF-8 bytes. Equal requests give equal bytes, so the digest is the idempotency fingerprint
 * of a completion and the frozen payload is sent byte for byte the same on every retry.
 */
public record CompletionPayload(CompleteOrder order, String json, String sha256)
    implements IntentPayload {

  public CompletionPayload {
    Objects.requireNonNull(order, "order == null");
    Objects.requireNonNull(json, "json == null");
    Objects.requireNonNull(sha256, "sha256 == null");
  }

  /** The canonical payload of {@code order}. */
  public static CompletionPayload of(CompleteOrder order) {
    String json = canonicalJson(order);
    return new CompletionPayload(order, json, CanonicalJson.sha256Hex(json));
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
