package dev.payscore.testing.fakes;

import dev.payscore.CompleteOrder;
import dev.payscore.CreateOrder;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.domain.completion.CompletionPayload;
import dev.payscore.domain.model.LifecycleEvent;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.model.ServiceOrderState;
import dev.payscore.domain.model.StateDescription;
import dev.payscore.domain.model.TransitionTable;
import dev.payscore.domain.port.out.CancelOrder;
import dev.payscore.domain.port.out.CollectOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.ModifyOrder;
import dev.payscore.domain.port.out.OrderQuery;
import dev.payscore.domain.port.out.OrderReceipt;
import dev.payscore.domain.port.out.PayScoreGateway;
import dev.payscore.domain.port.out.RejectionKind;
import dev.payscore.domain.port.out.SyncOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PayScoreGateway} that plays WeChat from a script. It keeps WeChat's view of each order
 * it was given ({@link #register}) and, by default, behaves as the fact sheet says: a complete is
 * applied once in DOING/USER_CONFIRM, a repeat is refused with {@code INVALID_REQUEST 当前订单状态不合法}
 * (or accepted when {@link #acceptIdenticalRepeat} says so), a different repeat with {@code
 * 订单重入参数校验失败}. Scripted {@link Step}s override the next calls, per order or for any order, e.g.
 * "apply, then time out":
 *
 * <pre>{@code
 * gateway.register(order);
 * gateway.scriptComplete(order.outOrderNo(), Step.applyThen(Step.timeout()), Step.behave());
 * }</pre>
 *
 * <p>Every complete and query is recorded ({@link #calls()}), and {@link #applied} counts the
 * completions WeChat applied: the "exactly once" of a test. {@code cancel} revokes an order that
 * may be cancelled; {@code create}, {@code modify}, {@code sync} and {@code pay} are outside what
 * this fake plays and answer {@code 400 NOT_SCRIPTED}. Thread-safe.
 */
public final class ScriptedPayScoreGateway implements PayScoreGateway {

  /** What one call does. */
  public sealed interface Step {
    /** Behave as WeChat does. */
    record Behave() implements Step {}

    /**
     * Apply the request as WeChat would, then answer {@code outcome} instead of WeChat's answer.
     */
    record ApplyThen(GatewayOutcome<ObservedOrder> outcome) implements Step {
      public ApplyThen {
        Objects.requireNonNull(outcome, "outcome == null");
      }
    }

    /** Answer {@code outcome} without applying anything. */
    record Answer(GatewayOutcome<ObservedOrder> outcome) implements Step {
      public Answer {
        Objects.requireNonNull(outcome, "outcome == null");
      }
    }

    static Step behave() {
      return new Behave();
    }

    static Step applyThen(GatewayOutcome<ObservedOrder> outcome) {
      return new ApplyThen(outcome);
    }

    static Step answer(GatewayOutcome<ObservedOrder> outcome) {
      return new Answer(outcome);
    }

    /** A timeout after the request was sent. */
    static GatewayOutcome<ObservedOrder> timeout() {
      return unknown(GatewayOutcome.UnknownCause.TIMEOUT, 0);
    }

    /** A 500 {@code SYSTEM_ERROR}. */
    static GatewayOutcome<ObservedOrder> serverError() {
      return unknown(GatewayOutcome.UnknownCause.SERVER_ERROR, 500);
    }

    static GatewayOutcome<ObservedOrder> unknown(GatewayOutcome.UnknownCause cause, int status) {
      return new GatewayOutcome.Unknown<>(cause, "scripted " + cause, status, "req-scripted");
    }

    /** A 429 {@code FREQUENCY_LIMITED}. */
    static GatewayOutcome<ObservedOrder> throttled() {
      return new GatewayOutcome.Throttled<>("FREQUENCY_LIMITED", "频率超限", "req-scripted");
    }

    /** A refusal; {@code kind} is what the real gateway would classify it as. */
    static GatewayOutcome<ObservedOrder> rejected(
        int status, String code, RejectionKind kind, String message) {
      return new GatewayOutcome.Rejected<>(status, code, kind, message, null, "req-scripted");
    }
  }

  /** What was called, and what the caller got. */
  public record Call(
      String operation,
      MerchantId mchid,
      OutOrderNo outOrderNo,
      @Nullable CompleteOrder body,
      GatewayOutcome<ObservedOrder> outcome) {}

  /** A stored body sent verbatim by {@code operation} on {@code outOrderNo}. */
  public record SentBody(String operation, OutOrderNo outOrderNo, String body) {}

  private final Map<OutOrderNo, ObservedOrder> wechat = new HashMap<>();
  private final Map<OutOrderNo, CompletionPayload> appliedPayloads = new HashMap<>();
  private final Map<OutOrderNo, Integer> appliedCounts = new HashMap<>();
  private final Map<OutOrderNo, Deque<Step>> completeScripts = new HashMap<>();
  private final Map<OutOrderNo, Deque<Step>> queryScripts = new HashMap<>();
  private final Deque<Step> anyCompleteScript = new ArrayDeque<>();
  private final Deque<Step> anyQueryScript = new ArrayDeque<>();
  private final List<Call> calls = new ArrayList<>();
  private final List<SentBody> sentBodies = new ArrayList<>();
  private boolean acceptIdenticalRepeat;
  private LifecycleState zeroAmountState = LifecycleState.DONE;

  /** Makes WeChat know {@code order} as the local aggregate describes it. */
  public synchronized void register(ServiceOrder order) {
    Objects.requireNonNull(order, "order == null");
    wechat.put(
        order.outOrderNo(),
        new ObservedOrder(
            order.appid(),
            order.mchid(),
            order.outOrderNo(),
            order.serviceId(),
            order.serviceIntroduction(),
            order.state(),
            order.stateDescription().orElse(null),
            order.totalAmount(),
            order.postPayments(),
            order.postDiscounts(),
            order.riskFund(),
            order.timeRange(),
            order.location(),
            order.attach(),
            order.notifyUrl(),
            order.needCollection(),
            order.collection(),
            order.openid(),
            order.orderId() != null ? order.orderId() : "3000" + order.outOrderNo().value(),
            null, List.of()));
  }

  /** WeChat's current view of an order. */
  public synchronized Optional<ObservedOrder> view(OutOrderNo outOrderNo) {
    return Optional.ofNullable(wechat.get(outOrderNo));
  }

  /** Moves WeChat's view of an order (a cancel, an expiry, a payment made elsewhere). */
  public synchronized void moveTo(OutOrderNo outOrderNo, LifecycleState state) {
    ObservedOrder order = require(outOrderNo);
    wechat.put(outOrderNo, withState(order, state));
  }

  /**
   * Whether an identical repeat of a complete answers 200 (§11.1 is unconfirmed; default false).
   */
  public synchronized void acceptIdenticalRepeat(boolean accept) {
    this.acceptIdenticalRepeat = accept;
  }

  /** The state a 0-amount completion leads to (§3.3 is unconfirmed; default DONE). */
  public synchronized void zeroAmountState(LifecycleState state) {
    this.zeroAmountState = Objects.requireNonNull(state, "state == null");
  }

  /** The next complete calls on {@code outOrderNo} do these steps, then behave. */
  public synchronized void scriptComplete(OutOrderNo outOrderNo, Step... steps) {
    completeScripts.computeIfAbsent(outOrderNo, k -> new ArrayDeque<>()).addAll(List.of(steps));
  }

  /** The next complete calls on any order without a script of its own do these steps. */
  public synchronized void scriptAnyComplete(Step... steps) {
    anyCompleteScript.addAll(List.of(steps));
  }

  /** The next queries of {@code outOrderNo} do these steps, then behave. */
  public synchronized void scriptQuery(OutOrderNo outOrderNo, Step... steps) {
    queryScripts.computeIfAbsent(outOrderNo, k -> new ArrayDeque<>()).addAll(List.of(steps));
  }

  /** The next queries of any order without a script of its own do these steps. */
  public synchronized void scriptAnyQuery(Step... steps) {
    anyQueryScript.addAll(List.of(steps));
  }

  /** How many times WeChat applied a completion of {@code outOrderNo} (exactly once is right). */
  public synchronized int applied(OutOrderNo outOrderNo) {
    return appliedCounts.getOrDefault(outOrderNo, 0);
  }

  /** The payload WeChat applied to {@code outOrderNo}, if any. */
  public synchronized Optional<CompletionPayload> appliedPayload(OutOrderNo outOrderNo) {
    return Optional.ofNullable(appliedPayloads.get(outOrderNo));
  }

  /** The stored bodies sent through the {@code byte[]} overloads, in order, as UTF-8 text. */
  public synchronized List<SentBody> sentBodies() {
    return List.copyOf(sentBodies);
  }

  /** Every call so far, in order. */
  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The calls of one operation ({@code complete} or {@code query}) on one order. */
  public synchronized List<Call> calls(String operation, OutOrderNo outOrderNo) {
    return calls.stream()
        .filter(c -> c.operation().equals(operation) && c.outOrderNo().equals(outOrderNo))
        .toList();
  }

  @Override
  public synchronized GatewayOutcome<ObservedOrder> complete(
      MerchantId mchid, OutOrderNo outOrderNo, CompleteOrder body) {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(body, "body == null");
    Step step = next(completeScripts, anyCompleteScript, outOrderNo);
    GatewayOutcome<ObservedOrder> outcome;
    if (step instanceof Step.Answer answer) {
      outcome = answer.outcome();
    } else {
      GatewayOutcome<ObservedOrder> real = applyComplete(outOrderNo, body);
      outcome = step instanceof Step.ApplyThen then ? then.outcome() : real;
    }
    calls.add(new Call("complete", mchid, outOrderNo, body, outcome));
    return outcome;
  }

  /**
   * Plays the stored bytes as the request they hold (the fake parses them to keep its scripting;
   * the real gateway sends them untouched). {@link #sentBodies} keeps the bytes as sent.
   */
  @Override
  public synchronized GatewayOutcome<ObservedOrder> complete(
      MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
    CompleteOrder order = StoredBodies.read(body, CompleteOrder.class);
    sentBodies.add(new SentBody("complete", outOrderNo, StoredBodies.text(body)));
    return complete(mchid, outOrderNo, order);
  }

  @Override
  public synchronized GatewayOutcome<ObservedOrder> query(MerchantId mchid, OrderQuery query) {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(query, "query == null");
    OutOrderNo outOrderNo =
        Objects.requireNonNull(query.outOrderNo(), "the fake queries by out_order_no only");
    Step step = next(queryScripts, anyQueryScript, outOrderNo);
    GatewayOutcome<ObservedOrder> outcome;
    if (step instanceof Step.Answer answer) {
      outcome = answer.outcome();
    } else {
      ObservedOrder order = wechat.get(outOrderNo);
      GatewayOutcome<ObservedOrder> real =
          order == null
              ? Step.rejected(404, "ORDER_NOT_EXIST", RejectionKind.NOT_FOUND, "订单不存在")
              : new GatewayOutcome.Accepted<>(order, "req-query");
      outcome = step instanceof Step.ApplyThen then ? then.outcome() : real;
    }
    calls.add(new Call("query", mchid, outOrderNo, null, outcome));
    return outcome;
  }

  @Override
  public GatewayOutcome<ObservedOrder> create(MerchantId mchid, CreateOrder body) {
    return notScripted("create");
  }

  @Override
  public synchronized GatewayOutcome<OrderReceipt> cancel(
      MerchantId mchid, OutOrderNo outOrderNo, CancelOrder body) {
    Objects.requireNonNull(body, "body == null");
    ObservedOrder order = wechat.get(outOrderNo);
    if (order == null) {
      return new GatewayOutcome.Rejected<>(
          404, "ORDER_NOT_EXIST", RejectionKind.NOT_FOUND, "订单不存在", null, "req-cancel");
    }
    LifecycleState state = order.lifecycle();
    if (state != LifecycleState.REVOKED) { // an identical re-cancel is a re-entry success
      if (!TransitionTable.allowedFrom(LifecycleEvent.CANCELLED).contains(state)) {
        return new GatewayOutcome.Rejected<>(
            400,
            "INVALID_REQUEST",
            RejectionKind.STATE,
            "当前订单状态不满足撤销条件",
            null,
            "req-cancel");
      }
      wechat.put(outOrderNo, withState(order, LifecycleState.REVOKED));
    }
    return new GatewayOutcome.Accepted<>(
        new OrderReceipt(
            order.appid(), order.mchid(), outOrderNo, order.serviceId(), order.orderId()),
        "req-cancel");
  }

  @Override
  public synchronized GatewayOutcome<OrderReceipt> cancel(
      MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
    CancelOrder order = StoredBodies.read(body, CancelOrder.class);
    sentBodies.add(new SentBody("cancel", outOrderNo, StoredBodies.text(body)));
    return cancel(mchid, outOrderNo, order);
  }

  @Override
  public GatewayOutcome<ObservedOrder> modify(
      MerchantId mchid, OutOrderNo outOrderNo, ModifyOrder body) {
    return notScripted("modify");
  }

  @Override
  public synchronized GatewayOutcome<ObservedOrder> modify(
      MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
    ModifyOrder order = StoredBodies.read(body, ModifyOrder.class);
    sentBodies.add(new SentBody("modify", outOrderNo, StoredBodies.text(body)));
    return modify(mchid, outOrderNo, order);
  }

  @Override
  public GatewayOutcome<Optional<ObservedOrder>> sync(
      MerchantId mchid, OutOrderNo outOrderNo, SyncOrder body) {
    return notScripted("sync");
  }

  @Override
  public GatewayOutcome<Optional<OrderReceipt>> pay(
      MerchantId mchid, OutOrderNo outOrderNo, CollectOrder body) {
    return notScripted("pay");
  }

  private static <T> GatewayOutcome<T> notScripted(String operation) {
    return new GatewayOutcome.Rejected<>(
        400,
        "NOT_SCRIPTED",
        RejectionKind.OTHER,
        operation + " is not played by ScriptedPayScoreGateway",
        null,
        null);
  }

  private GatewayOutcome<ObservedOrder> applyComplete(OutOrderNo outOrderNo, CompleteOrder body) {
    ObservedOrder order = wechat.get(outOrderNo);
    if (order == null) {
      return Step.rejected(404, "ORDER_NOT_EXIST", RejectionKind.NOT_FOUND, "订单不存在");
    }
    CompletionPayload payload = CompletionPayload.of(body);
    CompletionPayload earlier = appliedPayloads.get(outOrderNo);
    if (earlier != null && !earlier.sha256().equals(payload.sha256())) {
      return Step.rejected(
          400, "INVALID_REQUEST", RejectionKind.REENTRY_MISMATCH, "订单重入参数校验失败");
    }
    if (order.lifecycle() != LifecycleState.DOING_USER_CONFIRM) {
      if (earlier != null && acceptIdenticalRepeat) {
        return new GatewayOutcome.Accepted<>(order, "req-repeat");
      }
      return Step.rejected(400, "INVALID_REQUEST", RejectionKind.STATE, "当前订单状态不合法");
    }
    LifecycleState next =
        body.totalAmount() == 0 ? zeroAmountState : LifecycleState.DOING_MCH_COMPLETE;
    ObservedOrder completed = completed(order, next, body);
    wechat.put(outOrderNo, completed);
    appliedPayloads.put(outOrderNo, payload);
    appliedCounts.merge(outOrderNo, 1, Integer::sum);
    return new GatewayOutcome.Accepted<>(completed, "req-complete");
  }

  private static ObservedOrder withState(ObservedOrder order, LifecycleState state) {
    return new ObservedOrder(
        order.appid(),
        order.mchid(),
        order.outOrderNo(),
        order.serviceId(),
        order.serviceIntroduction(),
        state.state(),
        state.stateDescription().orElse(null),
        order.totalAmount(),
        order.postPayments(),
        order.postDiscounts(),
        order.riskFund(),
        order.timeRange(),
        order.location(),
        order.attach(),
        order.notifyUrl(),
        order.needCollection(),
        order.collection(),
        order.openid(),
        order.orderId(),
        null, List.of());
  }

  /**
   * WeChat's view after applying {@code body}: its items, amount, times and place replace the
   * order's.
   */
  private static ObservedOrder completed(
      ObservedOrder order, LifecycleState state, CompleteOrder body) {
    StateDescription description = state.stateDescription().orElse(null);
    ServiceOrderState wire = state.state();
    return new ObservedOrder(
        order.appid(),
        order.mchid(),
        order.outOrderNo(),
        order.serviceId(),
        order.serviceIntroduction(),
        wire,
        description,
        body.totalAmount(),
        body.postPayments(),
        body.postDiscounts(),
        order.riskFund(),
        body.timeRange() != null ? body.timeRange() : order.timeRange(),
        body.location() != null ? body.location() : order.location(),
        order.attach(),
        order.notifyUrl(),
        body.totalAmount() > 0,
        order.collection(),
        order.openid(),
        order.orderId(),
        null, List.of());
  }

  private ObservedOrder require(OutOrderNo outOrderNo) {
    ObservedOrder order = wechat.get(outOrderNo);
    if (order == null) {
      throw new IllegalArgumentException("WeChat does not know " + outOrderNo);
    }
    return order;
  }

  private static Step next(Map<OutOrderNo, Deque<Step>> scripts, Deque<Step> any, OutOrderNo key) {
    Deque<Step> own = scripts.get(key);
    if (own != null && !own.isEmpty()) {
      return own.poll();
    }
    Step step = any.poll();
    return step != null ? step : Step.behave();
  }
}
