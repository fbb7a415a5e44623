package dev.payscore.sandbox.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payscore.sandbox.Endpoint;
import dev.payscore.sandbox.FaultKind;
import dev.payscore.sandbox.FaultRule;
import dev.payscore.sandbox.SandboxConfig.Merchant;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * WeChat's API front: routes a request to its endpoint, authenticates it (fact sheet §7.1),
 * applies the fault rules, runs the operation on the {@link OrderBook} and signs the answer
 * (§7.2). Every answer, errors included, is signed.
 */
public final class ApiHandler implements HttpListener.Handler {
  private static final String SCHEME = "WECHATPAY2-SHA256-RSA2048";
  private static final Duration SKEW = Duration.ofMinutes(5);
  private static final String ORDERS = "/v3/payscore/serviceorder";
  private static final Pattern ORDER_ACTION =
      Pattern.compile("/v3/payscore/serviceorder/([^/]+)/(cancel|modify|complete|sync|pay)");
  private static final Pattern AUTH_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final Map<String, Merchant> merchants = new HashMap<>();
  private final Clock clock;
  private final WechatKeys keys;
  private final OrderBook orders;
  private final Faults faults;
  private final HttpListener.Handler admin;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicLong requests = new AtomicLong();

  public ApiHandler(
      List<Merchant> merchants,
      Clock clock,
      WechatKeys keys,
      OrderBook orders,
      Faults faults,
      HttpListener.Handler admin) {
    merchants.forEach(m -> this.merchants.put(m.mchid(), m));
    this.clock = clock;
    this.keys = keys;
    this.orders = orders;
    this.faults = faults;
    this.admin = admin;
  }

  private record Route(Endpoint endpoint, @Nullable String outOrderNo, String method) {}

  @Override
  public HttpListener.Response handle(HttpListener.Request request) {
    String path = request.path();
    if (path.equals("/sandbox") || path.startsWith("/sandbox/")) {
      return admin.handle(request);
    }
    Route route = route(request);
    if (route == null) {
      return answer(request, 404, error("NOT_FOUND", "请求的资源不存在"), false);
    }
    if (!route.method().equals(request.method())) {
      return answer(request, 405, error("METHOD_NOT_ALLOWED", "请求方法不支持"), false);
    }
    Merchant merchant;
    try {
      merchant = authenticate(request);
    } catch (ApiError e) {
      return answer(request, e);
    }
    FaultRule fault = faults.decide(route.endpoint(), route.outOrderNo(), request.backupHost());
    FaultKind kind = fault == null ? null : fault.kind();
    if (kind == FaultKind.DELAY) {
      pause(fault.delay());
    } else if (kind == FaultKind.MAIN_HOST_UNAVAILABLE) {
      return answer(request, 503, error("SERVICE_UNAVAILABLE", "服务不可用"), false);
    } else if (kind == FaultKind.FAIL_BEFORE_APPLY) {
      return answer(request, 500, error("SYSTEM_ERROR", "系统错误"), false);
    } else if (kind == FaultKind.THROTTLE) {
      return answer(request, 429, error("FREQUENCY_LIMITED", "频率超限"), false);
    } else if (kind == FaultKind.DEDUCTING) {
      return answer(request, 400, error("INVALID_REQUEST", "单据正在扣款中，请稍后再试"), false);
    }
    ObjectNode body;
    try {
      body = execute(route, merchant, request);
    } catch (ApiError e) {
      return kind == FaultKind.FAIL_AFTER_APPLY
          ? answer(request, 500, error("SYSTEM_ERROR", "系统错误"), false)
          : answer(request, e);
    }
    if (kind == FaultKind.DROP_AFTER_APPLY) {
      return HttpListener.Response.DROP;
    }
    if (kind == FaultKind.FAIL_AFTER_APPLY) {
      return answer(request, 500, error("SYSTEM_ERROR", "系统错误"), false);
    }
    return answer(request, 200, body, kind == FaultKind.BROKEN_SIGNATURE);
  }

  private ObjectNode execute(Route route, Merchant merchant, HttpListener.Request request) {
    String body = utf8(request.body());
    String outOrderNo = route.outOrderNo() == null ? "" : route.outOrderNo();
    switch (route.endpoint()) {
      case CREATE:
        return orders.create(merchant, body).body();
      case QUERY:
        return orders.query(merchant, request.query()).body();
      case CANCEL:
        return orders.cancel(merchant, outOrderNo, body).body();
      case MODIFY:
        return orders.modify(merchant, outOrderNo, body).body();
      case COMPLETE:
        return orders.complete(merchant, outOrderNo, body).body();
      case SYNC:
        return orders.sync(merchant, outOrderNo, body).body();
      case PAY:
        return orders.pay(merchant, outOrderNo, body).body();
      case CERTIFICATES:
        return keys.certificateList(merchant.apiV3Key());
      default:
        throw new IllegalStateException("unrouted endpoint " + route.endpoint());
    }
  }

  /** The body as text; a body that is not UTF-8 is refused (§1: bodies are UTF-8 JSON). */
  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiError.param(null, "请求体不是合法的UTF-8编码");
    }
  }

  private @Nullable Route route(HttpListener.Request request) {
    String path = request.path();
    if (path.equals("/v3/certificates")) {
      return new Route(Endpoint.CERTIFICATES, null, "GET");
    }
    if (path.equals(ORDERS)) {
      if ("GET".equals(request.method())) {
        return new Route(Endpoint.QUERY, request.query().get("out_order_no"), "GET");
      }
      return new Route(Endpoint.CREATE, outOrderNoOf(request.body()), "POST");
    }
    Matcher action = ORDER_ACTION.matcher(path);
    if (action.matches()) {
      String outOrderNo = URLDecoder.decode(action.group(1), StandardCharsets.UTF_8);
      Endpoint endpoint = Endpoint.valueOf(action.group(2).toUpperCase(java.util.Locale.ROOT));
      return new Route(endpoint, outOrderNo, "POST");
    }
    return null;
  }

  private @Nullable String outOrderNoOf(byte[] body) {
    try {
      JsonNode node = json.readTree(body);
      return node != null && node.hasNonNull("out_order_no") ? node.get("out_order_no").asText() : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** Checks the Authorization header against the registered merchant key; 401 otherwise. */
  private Merchant authenticate(HttpListener.Request request) {
    String header = request.header("authorization");
    if (header == null || !header.startsWith(SCHEME + " ")) {
      throw signError("Authorization头缺失或认证类型不正确");
    }
    Map<String, String> params = new HashMap<>();
    Matcher matcher = AUTH_PARAM.matcher(header.substring(SCHEME.length() + 1));
    while (matcher.find()) {
      params.put(matcher.group(1), matcher.group(2));
    }
    String mchid = params.get("mchid");
    String nonce = params.get("nonce_str");
    String signature = params.get("signature");
    String timestamp = params.get("timestamp");
    String serial = params.get("serial_no");
    if (mchid == null || nonce == null || signature == null || timestamp == null || serial == null) {
      throw signError("Authorization头格式错误");
    }
    Merchant merchant = merchants.get(mchid);
    if (merchant == null || !merchant.serialNo().equalsIgnoreCase(serial)) {
      throw signError("商户证书序列号有误");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw signError("时间戳格式错误");
    }
    Duration skew = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
    if (skew.compareTo(SKEW) > 0) {
      throw signError("时间戳与系统时间相差超过5分钟");
    }
    // over the raw bytes as sent (§7.1), never over text decoded and encoded again
    String head =
        request.method() + "\n" + request.target() + "\n" + timestamp + "\n" + nonce + "\n";
    byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[headBytes.length + request.body().length + 1];
    System.arraycopy(headBytes, 0, message, 0, headBytes.length);
    System.arraycopy(request.body(), 0, message, headBytes.length, request.body().length);
    message[message.length - 1] = '\n';
    if (!Crypto.verify(merchant.publicKey(), message, signature)) {
      throw signError("签名错误");
    }
    return merchant;
  }

  private static ApiError signError(String message) {
    return new ApiError(401, "SIGN_ERROR", message, null);
  }

  private ObjectNode error(String code, String message) {
    ObjectNode body = json.createObjectNode();
    body.put("code", code);
    body.put("message", message);
    return body;
  }

  private HttpListener.Response answer(HttpListener.Request request, ApiError e) {
    ObjectNode body = error(e.code(), e.getMessage());
    if (e.field() != null) {
      ObjectNode detail = body.putObject("detail");
      detail.put("field", e.field());
      detail.put("location", "body");
    }
    return answer(request, e.status(), body, false);
  }

  private HttpListener.Response answer(
      HttpListener.Request request, int status, ObjectNode body, boolean brokenSignature) {
    String text;
    try {
      text = json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json; charset=utf-8");
    headers.put("Request-ID", String.format("08%014X%08X", clock.millis(), requests.incrementAndGet()));
    headers.putAll(
        keys.sign(
            keys.signingKey(request.header("wechatpay-serial")),
            clock.instant(),
            text,
            brokenSignature));
    return new HttpListener.Response(status, headers, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
