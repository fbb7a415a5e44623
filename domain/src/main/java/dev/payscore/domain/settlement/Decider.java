package dev.payscore.domain.settlement;

import dev.payscore.CompleteOrder;
import dev.payscore.CompletionIntent;
import dev.payscore.IntentKind;
import dev.payscore.OutOrderNo;
import dev.payscore.domain.intent.ModifyPayload;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.RejectionKind;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns the outcome of a call (and of the query that settles an ambiguous one) into a {@link
 * Decision}. Pure: no I/O, no clock. Refusals are matched on their {@link RejectionKind}, which the
 * gateway classified from the HTTP status and WeChat's code; WeChat's message text is never read.
 *
 * <ul>
 *   <li>{@code Accepted}: the response is reconciled with the frozen payload.
 *   <li>{@code Unknown}: never guessed; the query decides. Completed → reconciled; still
 *       DOING/USER_CONFIRM → retry; REVOKED/EXPIRED without a completion → failed; query failed →
 *       retry.
 *   <li>{@code Rejected}: {@link RejectionKind#STATE} → the query decides, and a refusal on an
 *       order WeChat still shows open fails with WeChat's code; {@link
 *       RejectionKind#REENTRY_MISMATCH} → attention (our payload drifted); {@link
 *       RejectionKind#BUSY} (deducting) → retry after the deducting wait; {@link
 *       RejectionKind#AUTH_CONFIG} (401, 403, unknown merchant) and {@link
 *       RejectionKind#NOT_FOUND} → attention, since a person can fix them; {@link
 *       RejectionKind#PARAMETER} and {@link RejectionKind#OTHER} → failed with WeChat's code.
 *   <li>{@code Throttled}: retry.
 * </ul>
 */
public final class Decider {
  /** The default wait after WeChat said it is deducting. */
  public static final Duration DEDUCTING_WAIT = Duration.ofMinutes(3);

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
   * What every kind decides alike: throttled → retry; a re-entry mismatch, an auth or config error
   * or an order WeChat does not know → attention; busy (deducting) → retry after {@code
   * deductingWait}. Null for anything else.
   */
  private static @Nullable Decision common(GatewayOutcome<?> outcome, Duration deductingWait) {
    if (outcome instanceof GatewayOutcome.Throttled<?> throttled) {
      return new Decision.Retry("throttled: " + throttled.code(), Duration.ZERO, null);
    }
    if (!(outcome instanceof GatewayOutcome.Rejected<?> rejected)) {
      return null;
    }
    String said = rejected.status() + " " + rejected.code() + " " + rejected.message();
    return switch (rejected.kind()) {
      case REENTRY_MISMATCH ->
          new Decision.NeedsAttention(
              "WeChat holds different parameters for this request (re-entry mismatch)",
              said,
              null);
      case BUSY ->
          new Decision.Retry("WeChat is deducting: " + said, deductingWait, null);
      case AUTH_CONFIG ->
          // WeChat did not judge the request: our key, serial, clock, service binding or merchant
          // is wrong. A person fixes that and retries; failing for good would leave no way on.
          new Decision.NeedsAttention(
              "WeChat refused our credentials or configuration: check the merchant key, its"
                  + " serial, the clock and the service's binding to appid and mchid",
              said,
              null);
      case NOT_FOUND ->
          new Decision.NeedsAttention(
              "WeChat does not know the order under this mchid and service_id", said, null);
      case STATE, PARAMETER, OTHER -> null;
    };
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
        && rejected.kind() == RejectionKind.NOT_FOUND) {
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
    return rejected.kind() == RejectionKind.STATE;
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
