package dev.payscore.engine.internal;

import dev.payscore.domain.completion.CompleteOrder;
import dev.payscore.domain.intent.CompletionIntent;
import dev.payscore.domain.intent.IntentKind;
import dev.payscore.domain.intent.ModifyPayload;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.OutOrderNo;
import dev.payscore.domain.port.out.GatewayOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns the outcome of a complete call (and of the query that settles an ambiguous one) into a
 * {@link Decision}. Pure: no I/O, no clock.
 *
 * <ul>
 *   <li>{@code Accepted}: the response is reconciled with the frozen payload.
 *   <li>{@code Unknown}: never guessed; the query decides. Completed → reconciled; still
 *       DOING/USER_CONFIRM → retry; REVOKED/EXPIRED without a completion → failed; query failed →
 *       retry.
 *   <li>{@code Rejected}: {@code 订单重入参数校验失败} → attention (our payload drifted). A state error
 *       ({@code INVALID_REQUEST}, {@code INVALID_ORDER_STATE}, {@code ORDER_DONE}, {@code
 *       ORDER_CANCELED}, a {@code PARAM_ERROR} about the state) → the query decides, and a refusal
 *       on an order WeChat still shows open fails with WeChat's code. {@code 单据正在扣款中} → retry after
 *       3 min. 401 (our signature) → attention. Any other 4xx → failed with WeChat's code and
 *       message.
 *   <li>{@code Throttled}: retry.
 * </ul>
 */
public final class Decider {
  /** WeChat's text when a repeat carries parameters different from the applied ones. */
  public static final String REENTRY_MISMATCH = "订单重入参数校验失败";

  private static final String DEDUCTING = "正在扣款中";
  /** The default wait after WeChat said it is deducting ({@code DispatcherOptions}). */
  public static final Duration DEDUCTING_WAIT = Duration.ofMinutes(3);
  private static final Set<String> STATE_CODES =
      Set.of("INVALID_REQUEST", "INVALID_ORDER_STATE", "ORDER_DONE", "ORDER_CANCELED");

  private Decider() {}

  /** Whether the outcome of {@code kind}'s call can only be settled by asking for the order. */
  @SuppressWarnings("unchecked")
  public static boolean needsQuery(IntentKind kind, GatewayOutcome<?> outcome) {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(outcome, "outcome == null");
    return switch (kind) {
      case COMPLETE, MODIFY -> needsQuery((GatewayOutcome<ObservedOrder>) outcome);
      // A cancel's receipt carries no state: the order is always queried, to mirror REVOKED.
      case CANCEL -> !(outcome instanceof GatewayOutcome.Throttled);
    };
  }

  /**
   * The decision for one attempt of {@code intent}; {@code query} is the settling query, if one was
   * made.
   */
  public static Decision decide(
      CompletionIntent intent,
      GatewayOutcome<?> outcome,
      @Nullable GatewayOutcome<ObservedOrder> query) {
    return decide(intent, outcome, query, DEDUCTING_WAIT);
  }

  /** As above, waiting {@code deductingWait} after WeChat said it is deducting. */
  @SuppressWarnings("unchecked")
  public static Decision decide(
      CompletionIntent intent,
      GatewayOutcome<?> outcome,
      @Nullable GatewayOutcome<ObservedOrder> query,
      Duration deductingWait) {
    Objects.requireNonNull(intent, "intent == null");
    Objects.requireNonNull(deductingWait, "deductingWait == null");
    return switch (intent.kind()) {
      case COMPLETE ->
          decide(
              intent.outOrderNo(),
              intent.completion().order(),
              (GatewayOutcome<ObservedOrder>) outcome,
              query,
              deductingWait);
      case CANCEL -> decideCancel(outcome, query, deductingWait);
      case MODIFY ->
          decideModify(
              ((ModifyPayload) intent.payload()).order().totalAmount(),
              (GatewayOutcome<ObservedOrder>) outcome,
              query,
              deductingWait);
    };
  }

  /**
   * A cancel is settled by WeChat's view: REVOKED → succeeded (an identical re-cancel is success,
   * 原参重入); DONE or EXPIRED → failed; still open → sent again after an ambiguous outcome, failed
   * with WeChat's code after a refusal.
   */
  private static Decision decideCancel(
      GatewayOutcome<?> outcome,
      @Nullable GatewayOutcome<ObservedOrder> query,
      Duration deductingWait) {
    Decision common = common(outcome, deductingWait);
    if (common != null) {
      return common;
    }
    Decision stillOpen =
        outcome instanceof GatewayOutcome.Rejected<?> rejected
            ? new Decision.Failed(rejected.code(), rejected.message(), null)
            : new Decision.Retry("cancel " + outcome.summary(), Duration.ZERO, null);
    if (query instanceof GatewayOutcome.Accepted<ObservedOrder> accepted) {
      ObservedOrder view = accepted.body();
      LifecycleState state = view.lifecycle();
      return switch (state) {
        case REVOKED -> new Decision.Succeeded(view);
        case DONE, EXPIRED ->
            new Decision.Failed(
                "ORDER_" + state.name(),
                "WeChat reports the order " + state + ", not cancelled",
                view);
        default ->
            outcome instanceof GatewayOutcome.Accepted
                ? new Decision.NeedsAttention(
                    "WeChat accepted the cancel but reports the order " + state,
                    "wechat state=" + state,
                    view)
                : withView(stillOpen, view);
      };
    }
    return new Decision.Retry(
        "cancel " + outcome.summary() + "; " + settling(query),
        Duration.ZERO,
        null);
  }

  /**
   * A modification is settled by the total WeChat holds: the frozen total on a completed order →
   * succeeded; another total on a completed order → sent again after an ambiguous outcome, failed
   * after a refusal; any other state → failed.
   */
  private static Decision decideModify(
      long frozenTotal,
      GatewayOutcome<ObservedOrder> outcome,
      @Nullable GatewayOutcome<ObservedOrder> query,
      Duration deductingWait) {
    Decision common = common(outcome, deductingWait);
    if (common != null) {
      return common;
    }
    if (outcome instanceof GatewayOutcome.Accepted<ObservedOrder> accepted) {
      return byTotal(frozenTotal, accepted.body(), null);
    }
    Decision stillOpen =
        outcome instanceof GatewayOutcome.Rejected<ObservedOrder> rejected
            ? new Decision.Failed(rejected.code(), rejected.message(), null)
            : new Decision.Retry("modify " + outcome.summary(), Duration.ZERO, null);
    if (query instanceof GatewayOutcome.Accepted<ObservedOrder> found) {
      return byTotal(frozenTotal, found.body(), stillOpen);
    }
    if (stillOpen instanceof Decision.Failed && query == null) {
      return stillOpen;
    }
    return new Decision.Retry(
        "modify " + outcome.summary() + "; " + settling(query),
        Duration.ZERO,
        null);
  }

  private static String settling(@Nullable GatewayOutcome<ObservedOrder> query) {
    return query == null ? "no query" : "query " + query.summary();
  }

  private static Decision byTotal(
      long frozenTotal, ObservedOrder view, @Nullable Decision otherTotal) {
    LifecycleState state = view.lifecycle();
    Long total = view.totalAmount();
    if (state == LifecycleState.DOING_MCH_COMPLETE && total != null && total == frozenTotal) {
      return new Decision.Succeeded(view);
    }
    if (state == LifecycleState.DOING_MCH_COMPLETE && otherTotal != null) {
      return withView(otherTotal, view);
    }
    if (state == LifecycleState.DOING_MCH_COMPLETE) {
      return new Decision.NeedsAttention(
          "WeChat accepted the modification but holds another total",
          "frozen total_amount=" + frozenTotal + " wechat=" + total,
          view);
    }
    return new Decision.Failed(
        "ORDER_" + state.name(), "WeChat reports the order " + state + ", not modified", view);
  }

  /**
   * What every kind decides alike: throttled → retry; 订单重入参数校验失败 → attention; 单据正在扣款中 →
   * retry after 3 min; 401 → attention. Null for anything else.
   */
  private static @Nullable Decision common(GatewayOutcome<?> outcome, Duration deductingWait) {
    if (outcome instanceof GatewayOutcome.Throttled<?> throttled) {
      return new Decision.Retry("throttled: " + throttled.code(), Duration.ZERO, null);
    }
    if (!(outcome instanceof GatewayOutcome.Rejected<?> rejected)) {
      return null;
    }
    if (rejected.message().contains(REENTRY_MISMATCH)) {
      return new Decision.NeedsAttention(
          "WeChat holds different parameters for this request (" + REENTRY_MISMATCH + ")",
          rejected.code() + " " + rejected.message(),
          null);
    }
    if (rejected.message().contains(DEDUCTING)) {
      return new Decision.Retry(
          "WeChat is deducting: " + rejected.code() + " " + rejected.message(),
          deductingWait,
          null);
    }
    if (rejected.status() == 401) {
      // WeChat did not judge the request at all: our key, serial or clock is wrong. A person fixes
      // that and retries; failing for good would leave the order no way to complete.
      return new Decision.NeedsAttention(
          "WeChat refused our signature: check the merchant key, its serial and the clock",
          rejected.code() + " " + rejected.message(),
          null);
    }
    return null;
  }

  /** Whether {@code outcome} can only be settled by asking WeChat for the order. */
  public static boolean needsQuery(GatewayOutcome<ObservedOrder> outcome) {
    Objects.requireNonNull(outcome, "outcome == null");
    if (outcome instanceof GatewayOutcome.Unknown) {
      return true;
    }
    return outcome instanceof GatewayOutcome.Rejected<ObservedOrder> rejected
        && isStateError(rejected);
  }

  /** The decision for one attempt; {@code query} is the settling query, if one was made. */
  public static Decision decide(
      OutOrderNo outOrderNo,
      CompleteOrder frozen,
      GatewayOutcome<ObservedOrder> outcome,
      @Nullable GatewayOutcome<ObservedOrder> query) {
    return decide(outOrderNo, frozen, outcome, query, DEDUCTING_WAIT);
  }

  private static Decision decide(
      OutOrderNo outOrderNo,
      CompleteOrder frozen,
      GatewayOutcome<ObservedOrder> outcome,
      @Nullable GatewayOutcome<ObservedOrder> query,
      Duration deductingWait) {
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(frozen, "frozen == null");
    Objects.requireNonNull(outcome, "outcome == null");
    if (outcome instanceof GatewayOutcome.Accepted<ObservedOrder> accepted) {
      ObservedOrder view = accepted.body();
      if (!isCompleted(view)) {
        return new Decision.NeedsAttention(
            "WeChat accepted the completion but reports the order " + view.lifecycle(),
            "wechat state=" + view.lifecycle(),
            view);
      }
      return reconcile(outOrderNo, frozen, view);
    }
    Decision common = common(outcome, deductingWait);
    if (common != null) {
      return common;
    }
    if (outcome instanceof GatewayOutcome.Unknown<ObservedOrder> unknown) {
      return byQuery(
          outOrderNo,
          frozen,
          query,
          new Decision.Retry("outcome unknown: " + unknown.cause(), Duration.ZERO, null));
    }
    GatewayOutcome.Rejected<ObservedOrder> rejected =
        (GatewayOutcome.Rejected<ObservedOrder>) outcome;
    if (isStateError(rejected)) {
      return byQuery(
          outOrderNo,
          frozen,
          query,
          new Decision.Failed(rejected.code(), rejected.message(), null));
    }
    return new Decision.Failed(rejected.code(), rejected.message(), null);
  }

  /**
   * Settles by WeChat's view: completed → reconciled; {@code stillOpen} when WeChat shows the order
   * still DOING/USER_CONFIRM; failed when it was revoked or expired without a completion.
   */
  private static Decision byQuery(
      OutOrderNo outOrderNo,
      CompleteOrder frozen,
      @Nullable GatewayOutcome<ObservedOrder> query,
      Decision stillOpen) {
    if (query instanceof GatewayOutcome.Accepted<ObservedOrder> accepted) {
      ObservedOrder view = accepted.body();
      if (isCompleted(view)) {
        return reconcile(outOrderNo, frozen, view);
      }
      LifecycleState state = view.lifecycle();
      return switch (state) {
        case DOING_USER_CONFIRM -> withView(stillOpen, view);
        case REVOKED, EXPIRED ->
            new Decision.Failed(
                "ORDER_" + state.name(),
                "WeChat reports the order " + state + " and not completed",
                view);
        default ->
            new Decision.NeedsAttention(
                "WeChat reports the order " + state + ", which no completion can come from",
                "wechat state=" + state,
                view);
      };
    }
    if (query instanceof GatewayOutcome.Rejected<ObservedOrder> rejected
        && "ORDER_NOT_EXIST".equals(rejected.code())) {
      return new Decision.NeedsAttention(
          "WeChat does not know the order", rejected.code() + " " + rejected.message(), null);
    }
    String why = query == null ? "no query" : "query failed: " + summary(query);
    if (stillOpen instanceof Decision.Retry retry) {
      return new Decision.Retry(retry.reason() + "; " + why, retry.atLeast(), null);
    }
    // A definitive refusal we cannot confirm by a query: send again later rather than guess.
    return new Decision.Retry(describe(stillOpen) + "; " + why, Duration.ZERO, null);
  }

  private static Decision reconcile(
      OutOrderNo outOrderNo, CompleteOrder frozen, ObservedOrder view) {
    List<Reconciliation.Difference> differences =
        Reconciliation.differences(outOrderNo, frozen, view);
    if (differences.isEmpty()) {
      return new Decision.Succeeded(view);
    }
    return new Decision.NeedsAttention(
        "WeChat's completion differs from the frozen payload",
        Reconciliation.describe(differences),
        view);
  }

  /**
   * WeChat holds a completion: DOING/MCH_COMPLETE or DONE, or REVOKED/… with a {@code total_amount}
   * (a completed order whose collection was cancelled afterwards).
   */
  private static boolean isCompleted(ObservedOrder view) {
    LifecycleState state = view.lifecycle();
    return state == LifecycleState.DOING_MCH_COMPLETE
        || state == LifecycleState.DONE
        || (state == LifecycleState.REVOKED && view.totalAmount() != null);
  }

  private static boolean isStateError(GatewayOutcome.Rejected<ObservedOrder> rejected) {
    if (rejected.message().contains(REENTRY_MISMATCH) || rejected.message().contains(DEDUCTING)) {
      return false;
    }
    return STATE_CODES.contains(rejected.code())
        || ("PARAM_ERROR".equals(rejected.code()) && rejected.message().contains("状态"));
  }

  private static Decision withView(Decision decision, ObservedOrder view) {
    if (decision instanceof Decision.Retry retry) {
      return new Decision.Retry(retry.reason(), retry.atLeast(), view);
    }
    Decision.Failed failed = (Decision.Failed) decision;
    return new Decision.Failed(failed.code(), failed.message(), view);
  }

  private static String describe(Decision decision) {
    return decision instanceof Decision.Failed failed
        ? "refused: " + failed.code() + " " + failed.message()
        : decision.toString();
  }

  /** A short text of an outcome for logs and audit details (never a body). */
  public static String summary(GatewayOutcome<?> outcome) {
    return outcome.summary();
  }
}
