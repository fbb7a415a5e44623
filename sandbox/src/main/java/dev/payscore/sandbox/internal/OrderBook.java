package dev.payscore.sandbox.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payscore.sandbox.LedgerEntry;
import dev.payscore.sandbox.Operation;
import dev.payscore.sandbox.SandboxConfig;
import dev.payscore.sandbox.SandboxConfig.Merchant;
import dev.payscore.sandbox.SandboxConfig.Service;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * WeChat's order store and its rules: the state model of fact sheet §3, the operation × state
 * matrix of §3.3, the complete rules of §4 and the errors of §6.2. Every method runs under one
 * lock, so an operation and its ledger entry are atomic; signing and I/O happen outside it.
 */
public final class OrderBook {
  public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String STATE_INVALID = "当前订单状态不合法";
  static final String REENTRY_MISMATCH = "订单重入参数校验失败";
  private static final Pattern OUT_ORDER_NO = Pattern.compile("[0-9A-Za-z_\\-|]{1,32}");
  private static final Set<String> DEPOSIT_FUNDS = Set.of("DEPOSIT", "ADVANCE", "CASH_DEPOSIT");
  private static final Set<String> RISK_FUNDS =
      Set.of("DEPOSIT", "ADVANCE", "CASH_DEPOSIT", "ESTIMATE_ORDER_COST");
  private static final Duration EXPIRY = Duration.ofDays(30);
  private static final Comparator<Due> FIRST_DUE =
      Comparator.comparing(Due::at).thenComparingLong(Due::queued);

  /** Receives the events that produce a callback; must not block. */
  public interface Notifier {
    void notify(String eventType, Merchant merchant, String outOrderNo, String url, String plain);
  }

  /** A successful answer: the body, and whether the call changed anything. */
  public record Reply(ObjectNode body, boolean applied) {}

  /** What can fall due to an order without anyone calling: WeChat acts on the clock alone. */
  private enum Kind {
    EXPIRE,
    AUTO_PAY
  }

  /** {@code order} falls due at {@code at}; {@code queued} orders ties as they were queued. */
  private record Due(Instant at, long queued, Kind kind, Order order) {}

  private final SandboxConfig config;
  private final Clock clock;
  private final Notifier notifier;
  // a body is one JSON object and nothing after it, each key once: WeChat refuses the rest (400)
  private final ObjectMapper json =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private final Map<String, Merchant> merchants = new HashMap<>();
  private final Map<String, Order> orders = new HashMap<>();
  private final List<LedgerEntry> ledger = new ArrayList<>();
  private long sequence;
  // sets this run's order_id and transaction_id apart from other runs' (see RunIds)
  private final String runPrefix;
  // expiries and automatic payments, earliest first, so that a call looks only at what is due;
  // an order that has moved on since (confirmed, paid, cancelled) is skipped when its entry comes
  // up, cheaper than finding the entry when the order moves
  private final PriorityQueue<Due> dues = new PriorityQueue<>(FIRST_DUE);
  private long queued;

  public OrderBook(SandboxConfig config, Clock clock, Notifier notifier) {
    this.config = Objects.requireNonNull(config, "config == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.notifier = Objects.requireNonNull(notifier, "notifier == null");
    this.runPrefix = RunIds.runPrefix(config);
    for (Merchant merchant : config.merchants()) {
      merchants.put(merchant.mchid(), merchant);
    }
  }

  // ---------------------------------------------------------------- merchant calls

  public synchronized Reply create(Merchant merchant, String text) {
    advanceTime();
    ObjectNode body = parse(text);
    String outOrderNo = Body.requiredString(body, "out_order_no", "out_order_no", 32);
    checkOutOrderNo(outOrderNo);
    Service service = permitted(merchant, body);
    Body.requiredString(body, "service_introduction", "service_introduction", 20);
    Body.items(body.get("post_payments"), "post_payments", 0, 100, false, false, true);
    Body.items(body.get("post_discounts"), "post_discounts", 0, 30, true, false, false);
    Body.Precision precision = createTimeRange(body);
    location(body, true);
    ObjectNode riskFund = Body.optionalObject(body, "risk_fund");
    if (riskFund == null) {
      throw ApiError.param("risk_fund", "risk_fund不能为空");
    }
    String fund = Body.requiredString(riskFund, "name", "risk_fund.name", 32);
    if (!RISK_FUNDS.contains(fund)) {
      throw ApiError.param("risk_fund.name", "risk_fund.name取值非法: " + fund);
    }
    long fundAmount = Body.requiredAmount(riskFund, "amount", "risk_fund.amount");
    if (fundAmount <= 0) {
      throw ApiError.param("risk_fund.amount", "risk_fund.amount必须大于0");
    }
    if (fundAmount > service.riskCap()) {
      throw ApiError.param("risk_fund.amount", "风险金额超过此服务的服务风险金额");
    }
    Body.optionalString(riskFund, "description", "risk_fund.description", 30);
    Body.optionalString(body, "attach", "attach", 256);
    device(body);
    notifyUrl(Body.requiredString(body, "notify_url", "notify_url", 255));
    Boolean needConfirm = Body.optionalBoolean(body, "need_user_confirm", "need_user_confirm");
    boolean noConfirm = Boolean.FALSE.equals(needConfirm);
    if (noConfirm && service.mode() != SandboxConfig.ServiceMode.NO_CONFIRM) {
      throw ApiError.noAuth("商户暂无权限使用免确认模式");
    }
    if (!noConfirm && service.mode() == SandboxConfig.ServiceMode.NO_CONFIRM) {
      throw ApiError.param("need_user_confirm", "此服务为免确认模式，need_user_confirm应为false");
    }
    String openid = Body.optionalString(body, "openid", "openid", 128);
    if (noConfirm && openid == null) {
      throw ApiError.param("openid", "免确认模式openid不能为空");
    }

    Order existing = orders.get(key(merchant.mchid(), outOrderNo));
    if (existing != null) {
      if (!existing.createBody.equals(body)) {
        throw ApiError.invalidRequest(REENTRY_MISMATCH);
      }
      return new Reply(createAnswer(existing), false);
    }
    long id = ++sequence;
    Order order =
        new Order(
            merchant.mchid(),
            outOrderNo,
            "1" + runPrefix + String.format("%020d", id),
            body,
            clock.instant(),
            precision,
            noConfirm ? null : "DEBUG_PACKAGE_" + merchant.mchid() + "_" + id);
    if (noConfirm) {
      order.moveTo("DOING", "USER_CONFIRM");
      order.confirmedAt = order.createdAt;
    }
    orders.put(key(merchant.mchid(), outOrderNo), order);
    if (order.is("CREATED", null)) {
      due(order.createdAt.plus(EXPIRY), Kind.EXPIRE, order);
    }
    record(order, Operation.CREATE, text);
    return new Reply(createAnswer(order), true);
  }

  private ObjectNode createAnswer(Order order) {
    ObjectNode answer = order.entity();
    if (order.packageValue != null) {
      answer.put("package", order.packageValue);
    }
    return answer;
  }

  public synchronized Reply query(Merchant merchant, Map<String, String> params) {
    advanceTime();
    String outOrderNo = params.get("out_order_no");
    String queryId = params.get("query_id");
    if ((outOrderNo == null) == (queryId == null)) {
      throw ApiError.param("out_order_no", "out_order_no和query_id必须且只能填写一个");
    }
    String appid = params.get("appid");
    String serviceId = params.get("service_id");
    if (appid == null || appid.isEmpty()) {
      throw ApiError.param("appid", "appid不能为空");
    }
    if (serviceId == null || serviceId.isEmpty()) {
      throw ApiError.param("service_id", "service_id不能为空");
    }
    permitted(merchant, appid, serviceId);
    Order order;
    if (outOrderNo != null) {
      checkOutOrderNo(outOrderNo);
      order = orders.get(key(merchant.mchid(), outOrderNo));
    } else {
      order = null;
      for (Order candidate : orders.values()) {
        if (candidate.mchid.equals(merchant.mchid()) && queryId.equals(candidate.queryId)) {
          order = candidate;
        }
      }
    }
    if (order == null || !order.serviceId.equals(serviceId) || !order.appid.equals(appid)) {
      throw ApiError.notFound();
    }
    return new Reply(order.entity(), false);
  }

  public synchronized Reply cancel(Merchant merchant, String outOrderNo, String text) {
    advanceTime();
    ObjectNode body = parse(text);
    Order order = target(merchant, outOrderNo, body, false);
    Body.requiredString(body, "reason", "reason", 50);
    if (order.is("REVOKED", null)) {
      if (body.equals(order.cancelBody)) {
        return new Reply(order.summary(), false);
      }
      throw ApiError.invalidRequest(REENTRY_MISMATCH);
    }
    if (order.is("DONE", null)) {
      throw new ApiError(400, "ORDER_DONE", "订单已完成", null);
    }
    boolean cancellable =
        order.is("CREATED", null) || order.is("DOING", "USER_CONFIRM") || order.awaitingPayment();
    if (!cancellable) {
      throw new ApiError(400, "INVALID_ORDER_STATE", "当前订单状态不满足撤销条件", null);
    }
    order.moveTo("REVOKED", null);
    order.autoPayAt = null;
    order.cancelBody = body;
    record(order, Operation.CANCEL, text);
    return new Reply(order.summary(), true);
  }

  public synchronized Reply modify(Merchant merchant, String outOrderNo, String text) {
    advanceTime();
    ObjectNode body = parse(text);
    Order order = target(merchant, outOrderNo, body, true);
    long total = billedTotal(body);
    Body.requiredString(body, "reason", "reason", 50);
    device(body);
    requireAwaitingPayment(order);
    if (order.totalAmount != null && total > order.totalAmount) {
      throw ApiError.param("total_amount", "修改后金额不能高于原金额");
    }
    bill(order, body, total);
    if (total == 0) {
      order.moveTo("DONE", null);
      order.collectionState = "USER_PAID";
      order.autoPayAt = null;
    }
    record(order, Operation.MODIFY, text);
    return new Reply(order.entity(), true);
  }

  public synchronized Reply complete(Merchant merchant, String outOrderNo, String text) {
    advanceTime();
    ObjectNode body = parse(text);
    checkOutOrderNo(outOrderNo);
    permitted(merchant, body);
    long total = billedTotal(body);
    ObjectNode timeRange = Body.optionalObject(body, "time_range");
    Body.Time start = null;
    Body.Time end = null;
    if (timeRange != null) {
      start = Body.optionalTime(timeRange, "start_time", "time_range.start_time", false);
      end = Body.optionalTime(timeRange, "end_time", "time_range.end_time", false);
      Body.optionalString(timeRange, "start_time_remark", "time_range.start_time_remark", 20);
      Body.optionalString(timeRange, "end_time_remark", "time_range.end_time_remark", 20);
    }
    location(body, false);
    Body.optionalBoolean(body, "profit_sharing", "profit_sharing");
    Body.optionalString(body, "goods_tag", "goods_tag", 32);
    device(body);

    Order order = orders.get(key(merchant.mchid(), outOrderNo));
    if (order == null || !order.serviceId.equals(body.get("service_id").asText())) {
      throw ApiError.notFound();
    }
    if (!order.appid.equals(body.get("appid").asText())) {
      throw ApiError.noAuth("商户信息不合法");
    }
    if (order.completeBody != null) {
      if (!order.completeBody.equals(body)) {
        throw ApiError.param(null, REENTRY_MISMATCH);
      }
      boolean reenter =
          config.repeatComplete() == SandboxConfig.RepeatComplete.REENTER
              && (order.is("DOING", "MCH_COMPLETE") || order.is("DONE", null));
      if (reenter) {
        return new Reply(order.entity(), false);
      }
      throw ApiError.invalidRequest(STATE_INVALID);
    }
    if (!order.is("DOING", "USER_CONFIRM")) {
      throw ApiError.invalidRequest(STATE_INVALID);
    }
    completeTimes(order, start, end);
    capped(merchant, order, total);

    order.completeBody = body;
    order.completedAt = clock.instant();
    bill(order, body, total);
    if (timeRange != null) {
      timeRange
          .fields()
          .forEachRemaining(
              f -> {
                if (!f.getValue().isNull()) {
                  order.timeRange.set(f.getKey(), f.getValue());
                }
              });
    }
    ObjectNode location = Body.optionalObject(body, "location");
    if (location != null) {
      ObjectNode merged = order.location == null ? json.createObjectNode() : order.location;
      location
          .fields()
          .forEachRemaining(
              f -> {
                if (!f.getValue().isNull()) {
                  merged.set(f.getKey(), f.getValue());
                }
              });
      order.location = merged;
    }
    if (total > 0) {
      order.moveTo("DOING", "MCH_COMPLETE");
      order.needCollection = true;
      order.collectionState = "USER_PAYING";
      Duration delay = config.autoPayDelay();
      order.autoPayAt = delay == null ? null : order.completedAt.plus(delay);
      if (order.autoPayAt != null) {
        due(order.autoPayAt, Kind.AUTO_PAY, order);
      }
    } else if (config.zeroAmountCompletion() == SandboxConfig.ZeroAmountCompletion.DONE) {
      order.moveTo("DONE", null);
      order.needCollection = false;
    } else {
      order.moveTo("DOING", "MCH_COMPLETE");
      order.needCollection = false;
    }
    record(order, Operation.COMPLETE, text);
    return new Reply(order.entity(), true);
  }

  public synchronized Reply sync(Merchant merchant, String outOrderNo, String text) {
    advanceTime();
    ObjectNode body = parse(text);
    Order order = target(merchant, outOrderNo, body, true);
    String type = Body.requiredString(body, "type", "type", 32);
    if (!"Order_Paid".equals(type)) {
      throw ApiError.param("type", "type取值非法: " + type);
    }
    ObjectNode detail = Body.optionalObject(body, "detail");
    if (detail == null) {
      throw ApiError.param("detail", "detail不能为空");
    }
    Body.Time paidTime = Body.optionalTime(detail, "paid_time", "detail.paid_time", false);
    if (paidTime == null) {
      throw ApiError.param("detail.paid_time", "detail.paid_time不能为空");
    }
    requireAwaitingPayment(order);
    paid(order, "MCH", detail.get("paid_time").asText());
    record(order, Operation.SYNC, text);
    return new Reply(order.entity(), true);
  }

  public synchronized Reply pay(Merchant merchant, String outOrderNo, String text) {
    advanceTime();
    ObjectNode body = parse(text);
    Order order = target(merchant, outOrderNo, body, true);
    requireAwaitingPayment(order);
    record(order, Operation.PAY, text);
    return new Reply(order.summary(), true);
  }

  // ---------------------------------------------------------------- the user and WeChat

  /** The user confirms on the confirm page; answers the order and its query_id. */
  public synchronized ObjectNode userConfirm(
      @Nullable String mchid, String outOrderNo, @Nullable String openid) {
    advanceTime();
    Order order = admin(mchid, outOrderNo);
    if (!order.is("CREATED", null)) {
      throw ApiError.invalidRequest("订单不是待确认状态: " + order.stateLabel());
    }
    order.moveTo("DOING", "USER_CONFIRM");
    order.confirmedAt = clock.instant();
    order.openid = openid != null ? openid : String.format("oSandbox%020d", ++sequence);
    order.queryId = String.format("QUERY_ID_%s_%d", order.orderId, ++sequence);
    record(order, Operation.USER_CONFIRM, "");
    notifyMerchant(order, "PAYSCORE.USER_CONFIRM");
    ObjectNode answer = order.entity();
    answer.put("query_id", order.queryId);
    return answer;
  }

  /** The user pays the completed order (or WeChat's deduction succeeds). */
  public synchronized ObjectNode userPay(@Nullable String mchid, String outOrderNo) {
    advanceTime();
    Order order = admin(mchid, outOrderNo);
    if (!order.awaitingPayment()) {
      throw ApiError.invalidRequest("订单不是待支付状态: " + order.stateLabel());
    }
    payByWechat(order);
    return order.entity();
  }

  public synchronized ObjectNode order(@Nullable String mchid, String outOrderNo) {
    advanceTime();
    return admin(mchid, outOrderNo).entity();
  }

  /**
   * Expires unconfirmed orders and pays due completions (the sandbox clock moved), earliest due
   * first; ties in the order they were queued (created, completed), so seeded runs repeat.
   */
  public synchronized void advanceTime() {
    Instant now = clock.instant();
    for (Due due = dues.peek(); due != null && !now.isBefore(due.at()); due = dues.peek()) {
      dues.poll();
      Order order = due.order();
      switch (due.kind()) {
        case EXPIRE -> {
          if (order.is("CREATED", null)) {
            order.moveTo("EXPIRED", null);
            record(order, Operation.EXPIRE, "");
          }
        }
        case AUTO_PAY -> {
          if (order.awaitingPayment() && due.at().equals(order.autoPayAt)) {
            payByWechat(order);
          }
        }
      }
    }
  }

  private void due(Instant at, Kind kind, Order order) {
    dues.add(new Due(at, ++queued, kind, order));
  }

  public synchronized List<LedgerEntry> ledger() {
    return List.copyOf(ledger);
  }

  // ---------------------------------------------------------------- rules

  private void payByWechat(Order order) {
    paid(order, "NEWTON", Body.SECONDS.format(LocalDateTime.ofInstant(clock.instant(), SHANGHAI)));
    record(order, Operation.USER_PAID, "");
    notifyMerchant(order, "PAYSCORE.USER_PAID");
  }

  private void paid(Order order, String paidType, String paidTime) {
    long amount = Objects.requireNonNull(order.totalAmount) - order.paidAmount;
    ObjectNode detail = order.details.addObject();
    detail.put("seq", order.details.size());
    detail.put("amount", amount);
    detail.put("paid_type", paidType);
    detail.put("paid_time", paidTime);
    if ("NEWTON".equals(paidType) && amount > 0) {
      detail.put("transaction_id", "42" + runPrefix + String.format("%020d", ++sequence));
    }
    order.paidAmount += amount;
    order.moveTo("DONE", null);
    order.collectionState = "USER_PAID";
    order.autoPayAt = null;
  }

  private void notifyMerchant(Order order, String eventType) {
    String plain;
    try {
      plain = json.writeValueAsString(order.entity());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    notifier.notify(eventType, merchants.get(order.mchid), order.outOrderNo, order.notifyUrl, plain);
  }

  private void record(Order order, Operation operation, String body) {
    ledger.add(
        new LedgerEntry(
            ledger.size() + 1L,
            clock.instant(),
            order.mchid,
            order.outOrderNo,
            operation,
            body,
            order.stateLabel()));
  }

  private Order admin(@Nullable String mchid, String outOrderNo) {
    // every order is a configured merchant's (notifyMerchant relies on it too), and merchants are
    // few: look the number up under each rather than search the orders
    Order found = null;
    for (String candidate : mchid != null ? Set.of(mchid) : merchants.keySet()) {
      Order order = orders.get(key(candidate, outOrderNo));
      if (order != null) {
        if (found != null) {
          throw ApiError.param("mchid", "several merchants have this out_order_no: give mchid");
        }
        found = order;
      }
    }
    if (found == null) {
      throw ApiError.notFound();
    }
    return found;
  }

  /** The order of cancel, modify, sync and pay: appid and service_id checked against it. */
  private Order target(Merchant merchant, String outOrderNo, ObjectNode body, boolean serviceIdRequired) {
    checkOutOrderNo(outOrderNo);
    String appid = Body.requiredString(body, "appid", "appid", 32);
    String serviceId =
        serviceIdRequired
            ? Body.requiredString(body, "service_id", "service_id", 32)
            : Body.optionalString(body, "service_id", "service_id", 32);
    if (!merchant.appids().contains(appid)) {
      throw ApiError.noAuth("商户信息不合法");
    }
    if (serviceId != null && merchant.service(serviceId) == null) {
      throw ApiError.noAuth("商户暂无权限使用此服务");
    }
    Order order = orders.get(key(merchant.mchid(), outOrderNo));
    if (order == null || (serviceId != null && !order.serviceId.equals(serviceId))) {
      throw ApiError.notFound();
    }
    if (!order.appid.equals(appid)) {
      throw ApiError.noAuth("商户信息不合法");
    }
    return order;
  }

  private static void requireAwaitingPayment(Order order) {
    if (order.awaitingPayment()) {
      return;
    }
    if (order.is("REVOKED", null)) {
      throw new ApiError(400, "ORDER_CANCELED", "单据已取消", null);
    }
    if (order.is("DONE", null)) {
      throw new ApiError(400, "ORDER_DONE", "订单已完成", null);
    }
    throw new ApiError(400, "INVALID_ORDER_STATE", "单据状态错误", null);
  }

  private Service permitted(Merchant merchant, ObjectNode body) {
    return permitted(
        merchant,
        Body.requiredString(body, "appid", "appid", 32),
        Body.requiredString(body, "service_id", "service_id", 32));
  }

  private static Service permitted(Merchant merchant, String appid, String serviceId) {
    if (!merchant.appids().contains(appid)) {
      throw ApiError.noAuth("商户信息不合法");
    }
    Service service = merchant.service(serviceId);
    if (service == null) {
      throw ApiError.noAuth("商户暂无权限使用此服务");
    }
    return service;
  }

  /**
   * The bill of complete and modify: 1..100 payments, 0..30 discounts with amounts, and a total
   * that follows the formula of §4.1 (unless no payment carries an amount and the sum check is off).
   */
  private long billedTotal(ObjectNode body) {
    Body.Sum payments =
        Body.items(body.get("post_payments"), "post_payments", 1, 100, false, false, true);
    Body.Sum discounts =
        Body.items(body.get("post_discounts"), "post_discounts", 0, 30, true, true, false);
    long total = Body.requiredAmount(body, "total_amount", "total_amount");
    boolean checked = payments.anyAmount() || config.sumCheckWithoutAmounts();
    if (checked && payments.total() - discounts.total() != total) {
      throw ApiError.param("total_amount", "最终总金额计算非法");
    }
    return total;
  }

  /** The latest bill replaces the stored items and total (query shows the latest, §2.2). */
  private void bill(Order order, ObjectNode body, long total) {
    order.postPayments = body.withArray("post_payments").deepCopy();
    // an explicit null is an absent list, as everywhere else in a body
    order.postDiscounts =
        body.hasNonNull("post_discounts")
            ? body.withArray("post_discounts").deepCopy()
            : json.createArrayNode();
    order.totalAmount = total;
  }

  private static void capped(Merchant merchant, Order order, long total) {
    String fund = order.riskFund.get("name").asText();
    if (DEPOSIT_FUNDS.contains(fund)) {
      if (total > order.riskFund.get("amount").asLong()) {
        throw ApiError.param("total_amount", "总金额超过风险金额");
      }
    } else if (total > Objects.requireNonNull(merchant.service(order.serviceId)).riskCap()) {
      throw ApiError.param("total_amount", "总金额超过此服务的服务风险金额");
    }
  }

  private Body.Precision createTimeRange(ObjectNode body) {
    ObjectNode range = Body.optionalObject(body, "time_range");
    if (range == null) {
      throw ApiError.param("time_range", "time_range不能为空");
    }
    Body.Time start = Body.optionalTime(range, "start_time", "time_range.start_time", true);
    if (start == null) {
      throw ApiError.param("time_range.start_time", "time_range.start_time不能为空");
    }
    Body.Time end = Body.optionalTime(range, "end_time", "time_range.end_time", false);
    Body.optionalString(range, "start_time_remark", "time_range.start_time_remark", 20);
    Body.optionalString(range, "end_time_remark", "time_range.end_time_remark", 20);
    LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), SHANGHAI);
    if (start.precision() == Body.Precision.SECOND && !start.value().isAfter(now)) {
      throw ApiError.param("time_range.start_time", "预计服务开始时间必须晚于当前时间");
    }
    if (start.precision() == Body.Precision.DAY && start.date().isBefore(now.toLocalDate())) {
      throw ApiError.param("time_range.start_time", "预计服务开始时间不能早于当前日期");
    }
    if (end != null) {
      Body.Precision expected =
          start.precision() == Body.Precision.DAY ? Body.Precision.DAY : Body.Precision.SECOND;
      if (end.precision() != expected) {
        throw ApiError.param("time_range.end_time", "开始时间与结束时间格式不一致");
      }
      if (expected == Body.Precision.SECOND) {
        boolean afterStart =
            start.precision() == Body.Precision.ON_ACCEPT || end.value().isAfter(start.value());
        if (!afterStart) {
          throw ApiError.param("time_range.end_time", "预计服务结束时间需晚于开始时间");
        }
        if (!end.value().isAfter(now.plusMinutes(1))) {
          throw ApiError.param("time_range.end_time", "预计服务结束时间需晚于当前时间1分钟");
        }
      } else if (end.date().isBefore(start.date())) {
        throw ApiError.param("time_range.end_time", "预计服务结束日期不能早于开始日期");
      }
    }
    return start.precision();
  }

  private void completeTimes(Order order, Body.@Nullable Time start, Body.@Nullable Time end) {
    if (end == null && !order.endTimeAtCreate) {
      throw ApiError.param("time_range.end_time", "time_range.end_time不能为空");
    }
    Body.Precision expected =
        order.precision == Body.Precision.DAY ? Body.Precision.DAY : Body.Precision.SECOND;
    for (Body.Time time : new Body.Time[] {start, end}) {
      if (time != null && time.precision() != expected) {
        throw ApiError.param(
            time == start ? "time_range.start_time" : "time_range.end_time",
            "时间格式需与创建订单时一致");
      }
    }
    if (end == null) {
      return;
    }
    LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), SHANGHAI);
    if (expected == Body.Precision.DAY) {
      LocalDate startDate =
          start != null ? start.date() : createdStart(order).toLocalDate();
      if (end.date().isAfter(now.toLocalDate())) {
        throw ApiError.param("time_range.end_time", "实际结束时间不能晚于使用完结接口的时间");
      }
      if (end.date().isBefore(startDate)) {
        throw ApiError.param("time_range.end_time", "真实结束时间小于预计开始时间");
      }
      return;
    }
    LocalDateTime startTime = start != null ? start.value() : createdStart(order);
    if (end.value().isAfter(now)) {
      throw ApiError.param("time_range.end_time", "实际结束时间不能晚于使用完结接口的时间");
    }
    if (!end.value().isAfter(startTime)) {
      throw ApiError.param("time_range.end_time", "真实结束时间小于预计开始时间");
    }
  }

  /** The start written at create; for OnAccept, the second the user confirmed. */
  private static LocalDateTime createdStart(Order order) {
    if (order.precision == Body.Precision.ON_ACCEPT) {
      Instant accepted = order.confirmedAt != null ? order.confirmedAt : order.createdAt;
      return LocalDateTime.ofInstant(accepted, SHANGHAI).withNano(0);
    }
    String text = order.createBody.get("time_range").get("start_time").asText();
    return order.precision == Body.Precision.DAY
        ? LocalDate.parse(text, Body.DAYS).atStartOfDay()
        : LocalDateTime.parse(text, Body.SECONDS);
  }

  private void location(ObjectNode body, boolean atCreate) {
    ObjectNode location = Body.optionalObject(body, "location");
    if (location == null) {
      return;
    }
    int max = config.locationMaxLength();
    String start = Body.optionalString(location, "start_location", "location.start_location", max);
    String end = Body.optionalString(location, "end_location", "location.end_location", max);
    if (atCreate && end != null && start == null) {
      throw ApiError.param("location.start_location", "填写end_location时start_location不能为空");
    }
  }

  /**
   * WeChat requires an https URL without a query (§2.1). The sandbox also takes plain http, but
   * only for a loopback host: its own convenience, since it calls nothing else.
   */
  private static void notifyUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw ApiError.param("notify_url", "notify_url格式错误");
    }
    boolean https = "https".equals(uri.getScheme());
    boolean http = "http".equals(uri.getScheme());
    if (!(https || http) || uri.getHost() == null || uri.getRawQuery() != null) {
      throw ApiError.param("notify_url", "notify_url格式错误: 需为不带参数的https地址");
    }
    if (http && !Callbacks.loopback(url)) {
      throw ApiError.param("notify_url", "notify_url需为https地址");
    }
  }

  /** {@code device} of create, modify and complete: texts within their (UNCONFIRMED) limits. */
  private void device(ObjectNode body) {
    ObjectNode device = Body.optionalObject(body, "device");
    if (device == null) {
      return;
    }
    int idMax = config.deviceIdMaxLength();
    Body.optionalString(device, "start_device_id", "device.start_device_id", idMax);
    Body.optionalString(device, "end_device_id", "device.end_device_id", idMax);
    Body.optionalString(
        device, "materiel_no", "device.materiel_no", config.materielNoMaxLength());
  }

  private static void checkOutOrderNo(String outOrderNo) {
    if (!OUT_ORDER_NO.matcher(outOrderNo).matches()) {
      throw ApiError.param("out_order_no", "out_order_no格式错误: " + outOrderNo);
    }
  }

  private ObjectNode parse(String text) {
    try {
      JsonNode node = json.readTree(text);
      if (node instanceof ObjectNode) {
        return (ObjectNode) node;
      }
    } catch (JsonProcessingException e) {
      // answered below
    }
    throw ApiError.param(null, "请求体不是合法的JSON对象");
  }

  private static String key(String mchid, String outOrderNo) {
    return mchid + '\u0000' + outOrderNo;
  }
}
