package dev.payscore.sandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One service order as WeChat holds it; mutated only under the {@link OrderBook}'s lock. */
final class Order {
  final String mchid;
  final String outOrderNo;
  final String appid;
  final String serviceId;
  final String orderId;
  final JsonNode createBody;
  final Instant createdAt;
  final Body.Precision precision;
  final boolean endTimeAtCreate;
  final String serviceIntroduction;
  final String notifyUrl;
  final ObjectNode riskFund;
  final @Nullable String attach;
  final @Nullable String packageValue;

  String state;
  @Nullable String stateDescription;
  ArrayNode postPayments;
  ArrayNode postDiscounts;
  ObjectNode timeRange;
  @Nullable ObjectNode location;
  @Nullable String openid;
  @Nullable String queryId;
  @Nullable Instant confirmedAt;
  @Nullable Long totalAmount;
  @Nullable Boolean needCollection;
  @Nullable String collectionState;
  long paidAmount;
  final ArrayNode details = JsonNodeFactory.instance.arrayNode();
  @Nullable JsonNode completeBody;
  @Nullable Instant completedAt;
  @Nullable Instant autoPayAt;
  @Nullable JsonNode cancelBody;

  Order(
      String mchid,
      String outOrderNo,
      String orderId,
      JsonNode createBody,
      Instant createdAt,
      Body.Precision precision,
      @Nullable String packageValue) {
    this.mchid = mchid;
    this.outOrderNo = outOrderNo;
    this.orderId = orderId;
    this.createBody = createBody;
    this.createdAt = createdAt;
    this.precision = precision;
    this.packageValue = packageValue;
    this.appid = createBody.get("appid").asText();
    this.serviceId = createBody.get("service_id").asText();
    this.serviceIntroduction = createBody.get("service_introduction").asText();
    this.notifyUrl = createBody.get("notify_url").asText();
    this.riskFund = createBody.get("risk_fund").deepCopy();
    this.attach = createBody.hasNonNull("attach") ? createBody.get("attach").asText() : null;
    this.postPayments = arrayOrEmpty(createBody.get("post_payments"));
    this.postDiscounts = arrayOrEmpty(createBody.get("post_discounts"));
    this.timeRange = createBody.get("time_range").deepCopy();
    this.endTimeAtCreate = timeRange.hasNonNull("end_time");
    this.location =
        createBody.hasNonNull("location") ? (ObjectNode) createBody.get("location").deepCopy() : null;
    this.openid = createBody.hasNonNull("openid") ? createBody.get("openid").asText() : null;
    this.state = "CREATED";
  }

  private static ArrayNode arrayOrEmpty(@Nullable JsonNode node) {
    return node instanceof ArrayNode
        ? ((ArrayNode) node).deepCopy()
        : JsonNodeFactory.instance.arrayNode();
  }

  void moveTo(String state, @Nullable String description) {
    this.state = state;
    this.stateDescription = description;
  }

  boolean is(String state, @Nullable String description) {
    return this.state.equals(state)
        && (description == null || description.equals(stateDescription));
  }

  /** Completed, with money still to collect: what modify, sync and pay require. */
  boolean awaitingPayment() {
    return is("DOING", "MCH_COMPLETE") && "USER_PAYING".equals(collectionState);
  }

  String stateLabel() {
    return stateDescription == null ? state : state + "/" + stateDescription;
  }

  /** The service-order entity of query, modify, sync and the callbacks (fact sheet §2.2). */
  ObjectNode entity() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("appid", appid);
    json.put("mchid", mchid);
    json.put("out_order_no", outOrderNo);
    json.put("service_id", serviceId);
    json.put("service_introduction", serviceIntroduction);
    json.put("state", state);
    if ("DOING".equals(state) && stateDescription != null) {
      json.put("state_description", stateDescription);
    }
    if (totalAmount != null) {
      json.put("total_amount", totalAmount.longValue());
    }
    json.set("post_payments", postPayments.deepCopy());
    json.set("post_discounts", postDiscounts.deepCopy());
    json.set("risk_fund", riskFund.deepCopy());
    json.set("time_range", timeRange.deepCopy());
    if (location != null) {
      json.set("location", location.deepCopy());
    }
    if (attach != null) {
      json.put("attach", attach);
    }
    json.put("notify_url", notifyUrl);
    if (needCollection != null) {
      json.put("need_collection", needCollection.booleanValue());
    }
    if (collectionState != null && totalAmount != null) {
      ObjectNode collection = json.putObject("collection");
      collection.put("state", collectionState);
      collection.put("total_amount", totalAmount.longValue());
      collection.put("paying_amount", totalAmount - paidAmount);
      collection.put("paid_amount", paidAmount);
      collection.set("details", details.deepCopy());
    }
    if (openid != null) {
      json.put("openid", openid);
    }
    json.put("order_id", orderId);
    return json;
  }

  /** The short answer of cancel and pay: appid, mchid, out_order_no, service_id, order_id. */
  ObjectNode summary() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("appid", appid);
    json.put("mchid", mchid);
    json.put("out_order_no", outOrderNo);
    json.put("service_id", serviceId);
    json.put("order_id", orderId);
    return json;
  }
}
