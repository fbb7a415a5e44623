package dev.payscore.sandbox.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payscore.sandbox.CallbackDelivery;
import dev.payscore.sandbox.Endpoint;
import dev.payscore.sandbox.FaultKind;
import dev.payscore.sandbox.FaultRule;
import dev.payscore.sandbox.LedgerEntry;
import dev.payscore.sandbox.SandboxClock;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The unauthenticated admin paths under {@code /sandbox} (loopback callers only): the simulated
 * user (confirm, pay), order state, the ledger, callback deliveries, fault rules and the clock.
 * Answers are plain JSON, not signed: this is not WeChat's API.
 */
public final class AdminHandler implements HttpListener.Handler {
  private static final Pattern ORDER =
      Pattern.compile("/sandbox/orders/([^/]+)(/confirm|/pay)?");

  private final OrderBook orders;
  private final Faults faults;
  private final Callbacks callbacks;
  private final SandboxClock clock;
  private final Supplier<ObjectNode> info;
  private final ObjectMapper json = new ObjectMapper();

  public AdminHandler(
      OrderBook orders,
      Faults faults,
      Callbacks callbacks,
      SandboxClock clock,
      Supplier<ObjectNode> info) {
    this.orders = orders;
    this.faults = faults;
    this.callbacks = callbacks;
    this.clock = clock;
    this.info = info;
  }

  @Override
  public HttpListener.Response handle(HttpListener.Request request) {
    if (!request.remote().isLoopbackAddress()) {
      return respond(403, message("admin paths answer loopback callers only"));
    }
    try {
      return respond(200, dispatch(request));
    } catch (ApiError e) {
      ObjectNode body = json.createObjectNode();
      body.put("code", e.code());
      body.put("message", e.getMessage());
      return respond(e.status(), body);
    } catch (IllegalArgumentException | JsonProcessingException e) {
      return respond(400, message(e.getMessage() == null ? e.toString() : e.getMessage()));
    }
  }

  private JsonNode dispatch(HttpListener.Request request) throws JsonProcessingException {
    String path = request.path();
    String method = request.method();
    Map<String, String> params = request.query();
    if (path.equals("/sandbox") || path.equals("/sandbox/")) {
      return info.get();
    }
    Matcher order = ORDER.matcher(path);
    if (order.matches()) {
      String outOrderNo = URLDecoder.decode(order.group(1), StandardCharsets.UTF_8);
      String action = order.group(2);
      String mchid = params.get("mchid");
      if (action == null && "GET".equals(method)) {
        return orders.order(mchid, outOrderNo);
      }
      if ("/confirm".equals(action) && "POST".equals(method)) {
        JsonNode body = request.body().length == 0 ? null : json.readTree(request.bodyText());
        String openid =
            body != null && body.hasNonNull("openid") ? body.get("openid").asText() : null;
        return orders.userConfirm(mchid, outOrderNo, openid);
      }
      if ("/pay".equals(action) && "POST".equals(method)) {
        return orders.userPay(mchid, outOrderNo);
      }
    }
    if (path.equals("/sandbox/ledger") && "GET".equals(method)) {
      return ledger(orders.ledger(), params.get("out_order_no"));
    }
    if (path.equals("/sandbox/callbacks") && "GET".equals(method)) {
      return deliveries(callbacks.deliveries(), params.get("out_order_no"));
    }
    if (path.equals("/sandbox/faults")) {
      if ("POST".equals(method)) {
        faults.add(fault(json.readTree(request.bodyText())));
      } else if ("DELETE".equals(method)) {
        faults.clear();
      }
      return faults(faults.rules());
    }
    if (path.equals("/sandbox/clock/advance") && "POST".equals(method)) {
      String seconds = params.get("seconds");
      if (seconds == null) {
        throw new IllegalArgumentException("give ?seconds=N");
      }
      clock.advance(Duration.ofSeconds(Long.parseLong(seconds)));
      return clockNow();
    }
    if (path.equals("/sandbox/clock") && "GET".equals(method)) {
      return clockNow();
    }
    throw new ApiError(404, "NOT_FOUND", "no admin path " + method + " " + path, null);
  }

  private ObjectNode clockNow() {
    ObjectNode now = json.createObjectNode();
    now.put("now", WechatKeys.rfc3339(clock.instant()));
    now.put("epoch_second", clock.instant().getEpochSecond());
    return now;
  }

  private ArrayNode ledger(List<LedgerEntry> entries, @Nullable String outOrderNo) {
    ArrayNode array = json.createArrayNode();
    for (LedgerEntry entry : entries) {
      if (outOrderNo != null && !outOrderNo.equals(entry.outOrderNo())) {
        continue;
      }
      ObjectNode item = array.addObject();
      item.put("sequence", entry.sequence());
      item.put("time", WechatKeys.rfc3339(entry.time()));
      item.put("mchid", entry.mchid());
      item.put("out_order_no", entry.outOrderNo());
      item.put("operation", entry.operation().name());
      item.put("request_body", entry.requestBody());
      item.put("resulting_state", entry.resultingState());
    }
    return array;
  }

  private ArrayNode deliveries(List<CallbackDelivery> all, @Nullable String outOrderNo) {
    ArrayNode array = json.createArrayNode();
    for (CallbackDelivery delivery : all) {
      if (outOrderNo != null && !outOrderNo.equals(delivery.outOrderNo())) {
        continue;
      }
      ObjectNode item = array.addObject();
      item.put("notification_id", delivery.notificationId());
      item.put("event_type", delivery.eventType());
      item.put("out_order_no", delivery.outOrderNo());
      item.put("url", delivery.url());
      item.put("attempt", delivery.attempt());
      item.put("status", delivery.status());
      item.put("error", delivery.error());
    }
    return array;
  }

  private ArrayNode faults(List<FaultRule> rules) {
    ArrayNode array = json.createArrayNode();
    for (FaultRule rule : rules) {
      ObjectNode item = array.addObject();
      item.put("kind", rule.kind().name());
      item.put("endpoint", rule.endpoint() == null ? null : rule.endpoint().name());
      item.put("out_order_no", rule.outOrderNo());
      item.put("probability", rule.probability());
      item.put("times", rule.times());
      item.put("delay_ms", rule.delay().toMillis());
    }
    return array;
  }

  /** {@code {"kind":"THROTTLE","endpoint":"COMPLETE","out_order_no":"o1","times":1}}. */
  static FaultRule fault(JsonNode body) {
    if (body == null || !body.hasNonNull("kind")) {
      throw new IllegalArgumentException("a fault rule needs a kind");
    }
    return new FaultRule(
        FaultKind.valueOf(body.get("kind").asText()),
        body.hasNonNull("endpoint") ? Endpoint.valueOf(body.get("endpoint").asText()) : null,
        body.hasNonNull("out_order_no") ? body.get("out_order_no").asText() : null,
        body.path("probability").asDouble(1.0),
        body.path("times").asInt(-1),
        Duration.ofMillis(body.path("delay_ms").asLong(0)));
  }

  private ObjectNode message(String text) {
    ObjectNode body = json.createObjectNode();
    body.put("message", text);
    return body;
  }

  private HttpListener.Response respond(int status, JsonNode body) {
    try {
      return new HttpListener.Response(
          status,
          Map.of("Content-Type", "application/json; charset=utf-8"),
          json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
