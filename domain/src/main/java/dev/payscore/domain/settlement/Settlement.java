package dev.payscore.domain.settlement;

import dev.payscore.AuditEventType;
import dev.payscore.CompletionIntent;
import dev.payscore.IntentKind;
import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.intent.ClaimedIntent;
import dev.payscore.domain.intent.IntentEvent;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.Observation;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.StorageLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Settles one attempt of an intent, purely: from the intent as claimed, WeChat's answer, the
 * settling query and the local order, the {@link SettlementPlan} that says the intent's next state,
 * the order's change and the audit entries. No I/O, no clock (the caller passes {@code now}), no
 * randomness (the caller passes the back-off). Every status change goes through the intent
 * transition table ({@link CompletionIntent#after}).
 *
 * <p>Attempts: every call is an attempt in the audit history, but a 429 uses up none of the
 * intent's attempts (WeChat paces us; it did not judge the request), so a long throttle never ends
 * in NEEDS_ATTENTION by the attempt limit. A claim counts the attempt it is about to send (the
 * claimed intent's {@code attempts} is that attempt's number): an attempt whose dispatcher died
 * before settling stays counted, and the claim that takes it over audits it ({@link #claimed}).
 */
public final class Settlement {
  private Settlement() {}

  /** One attempt: the intent as claimed, WeChat's answer, and the settling query if one was made. */
  public record Attempt(
      CompletionIntent claimed,
      GatewayOutcome<?> outcome,
      @Nullable GatewayOutcome<ObservedOrder> query) {
    public Attempt {
      Objects.requireNonNull(claimed, "claimed == null");
      Objects.requireNonNull(outcome, "outcome == null");
    }
  }

  /**
   * The limits a plan applies: after {@code maxAttempts} attempts or {@code maxAge} since the
   * request a retry becomes a case for a person; {@code deductingWait} after WeChat said it is
   * deducting; {@code backoff} gives the delay before attempt {@code n + 1} after {@code n}.
   */
  public record Rules(
      int maxAttempts, Duration maxAge, Duration deductingWait, IntFunction<Duration> backoff) {
    public Rules {
      Objects.requireNonNull(maxAge, "maxAge == null");
      Objects.requireNonNull(deductingWait, "deductingWait == null");
      Objects.requireNonNull(backoff, "backoff == null");
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts < 1: " + maxAttempts);
      }
    }
  }

  /** Whether {@code attempt}'s call can only be settled by asking WeChat for the order. */
  public static boolean needsQuery(CompletionIntent claimed, GatewayOutcome<?> outcome) {
    return Decider.needsQuery(claimed.kind(), outcome);
  }

  /**
   * The plan of one attempt.
   *
   * @param current the intent as it stands under the claim (IN_FLIGHT at the version taken at
   *     claim), or null when the claim was lost: then only the attempt is recorded
   * @param order the local order, or null if there is none
   * @param actor who settles, for the audit history (e.g. {@code dispatcher:<instance>})
   */
  public static SettlementPlan plan(
      Attempt attempt,
      @Nullable CompletionIntent current,
      @Nullable ServiceOrder order,
      Rules rules,
      String actor,
      Instant now) {
    Objects.requireNonNull(attempt, "attempt == null");
    Objects.requireNonNull(rules, "rules == null");
    Objects.requireNonNull(actor, "actor == null");
    Objects.requireNonNull(now, "now == null");
    CompletionIntent claimed = attempt.claimed();
    GatewayOutcome<?> outcome = attempt.outcome();
    Audit audit = new Audit(claimed, actor, now);
    int attemptNo = claimed.attempts(); // counted by the claim

    int attempts = outcome instanceof GatewayOutcome.Throttled ? attemptNo - 1 : attemptNo;
    audit.attempt(attemptNo, outcome);
    if (attempt.query() != null) {
      audit.query(attempt.query());
    }
    if (current == null) {
      // Another dispatcher holds the intent now: the attempt is history, the decision is theirs.
      return new SettlementPlan(null, null, null, audit.entries, null, null);
    }
    Decision decision =
        escalate(
            Decider.decide(claimed, outcome, attempt.query(), rules.deductingWait()),
            current,
            attempts,
            now,
            rules);
    ServiceOrder refreshed = null;
    SettlementPlan.Transition transition = null;
    ObservedOrder view = decision.view();
    if (view != null && order != null) {
      boolean fromQuery = attempt.query() instanceof GatewayOutcome.Accepted;
      Observation observation = order.observe(view.lifecycle());
      ServiceOrder moved = order.refreshedFrom(view);
      if (observation == Observation.STALE) {
        audit.transition(
            AuditEventType.STALE_EVENT_IGNORED, fromQuery, order.lifecycle(), view.lifecycle());
      } else {
        refreshed = moved.equals(order) ? null : moved;
        if (observation == Observation.ADVANCE) {
          AuditCause cause = fromQuery ? AuditCause.QUERY : AuditCause.API_CALL;
          transition = new SettlementPlan.Transition(order.lifecycle(), moved.lifecycle(), cause);
          audit.transition(
              fromQuery ? AuditEventType.STATE_OBSERVED : AuditEventType.TRANSITION_APPLIED,
              fromQuery,
              order.lifecycle(),
              moved.lifecycle());
        }
      }
    }
    String summary = clip(outcomeCode(outcome), StorageLimits.OUTCOME);
    if (decision instanceof Decision.Succeeded) {
      audit.append(AuditEventType.COMPLETION_SUCCEEDED, null, null, appliedBy(outcome, attemptNo));
      return new SettlementPlan(
          current.after(
              IntentEvent.SUCCEEDED, attempts, current.nextAttemptAt(), summary, null, now),
          null,
          refreshed,
          audit.entries,
          null,
          transition);
    }
    if (decision instanceof Decision.Failed failed) {
      String error = clip(failed.code() + " " + failed.message(), StorageLimits.ERROR);
      audit.append(AuditEventType.COMPLETION_FAILED, failed.code(), failed.message(), null);
      return new SettlementPlan(
          current.after(
              IntentEvent.FAILED, attempts, current.nextAttemptAt(), summary, error, now),
          null,
          refreshed,
          audit.entries,
          null,
          transition);
    }
    if (decision instanceof Decision.NeedsAttention attention) {
      audit.append(
          AuditEventType.COMPLETION_NEEDS_ATTENTION, null, attention.reason(), attention.detail());
      return new SettlementPlan(
          current.after(
              IntentEvent.ATTENTION_NEEDED,
              attempts,
              current.nextAttemptAt(),
              summary,
              clip(attention.reason(), StorageLimits.ERROR),
              now),
          null,
          refreshed,
          audit.entries,
          attention.reason(),
          transition);
    }
    Decision.Retry retry = (Decision.Retry) decision;
    Duration delay = rules.backoff().apply(attemptNo);
    if (delay.compareTo(retry.atLeast()) < 0) {
      delay = retry.atLeast();
    }
    audit.append(
        AuditEventType.COMPLETION_RETRY_SCHEDULED,
        null,
        retry.reason(),
        "next attempt in "
            + delay.toMillis()
            + " ms"
            + (attempts < attemptNo ? "; throttled: no attempt counted" : ""));
    return new SettlementPlan(
        current.after(
            IntentEvent.RELEASED,
            attempts,
            now.plus(delay),
            summary,
            clip(retry.reason(), StorageLimits.ERROR),
            now),
        delay,
        refreshed,
        audit.entries,
        null,
        transition);
  }

  /**
   * Which call made the change WeChat reports, when it was not this attempt's accepted answer: a
   * refusal (already done) means an earlier attempt applied it; a lost answer, this one or an
   * earlier one. Null when this attempt was accepted.
   */
  private static @Nullable String appliedBy(GatewayOutcome<?> outcome, int attemptNo) {
    if (outcome instanceof GatewayOutcome.Accepted) {
      return null;
    }
    String earlier =
        attemptNo > 1 ? "an earlier attempt (1.." + (attemptNo - 1) + ")" : "an earlier call";
    return outcome instanceof GatewayOutcome.Rejected
        ? "applied by " + earlier + ": WeChat refused attempt " + attemptNo
            + " and reports the change made"
        : "applied by attempt " + attemptNo + " or " + earlier
            + ": its answer was lost, WeChat reports the change made";
  }

  /**
   * The audit entries of one claimed intent, stamped with the claim's time ({@code updatedAt}): when
   * the claim took over an expired lease, the attempt that dispatcher left without an outcome (it
   * was counted when claimed, and may have reached WeChat); when the intent was set aside for being
   * claimed too often, why.
   */
  public static List<AuditEntry> claimed(ClaimedIntent claimed, boolean setAside, String actor) {
    Objects.requireNonNull(claimed, "claimed == null");
    Objects.requireNonNull(actor, "actor == null");
    CompletionIntent intent = claimed.intent();
    Audit audit = new Audit(intent, actor, intent.updatedAt());
    String from = claimed.takenOverFrom();
    if (from != null) {
      int left = setAside ? intent.attempts() : intent.attempts() - 1;
      audit.add(
          AuditEventType.COMPLETION_ATTEMPTED,
          AuditCause.API_CALL,
          new Said("NO_OUTCOME", null, null),
          "attempt "
              + left
              + ": no outcome recorded; the lease of "
              + from
              + " expired before it settled (it stopped, or lost the database): the call may"
              + " have reached WeChat",
          null,
          null);
    }
    if (setAside) {
      audit.append(
          AuditEventType.COMPLETION_NEEDS_ATTENTION, null, intent.lastError(), "claims counted");
    }
    return audit.entries;
  }

  /** {@code claimed} given back unsent (shutdown): due at once, its counted attempt taken back. */
  public static SettlementPlan release(CompletionIntent claimed, Instant now) {
    Objects.requireNonNull(claimed, "claimed == null");
    return new SettlementPlan(
        claimed.after(
            IntentEvent.RELEASED,
            Math.max(0, claimed.attempts() - 1),
            claimed.nextAttemptAt(),
            claimed.lastOutcome(),
            claimed.lastError(),
            now),
        Duration.ZERO,
        null,
        List.of(),
        null,
        null);
  }

  /** A retry past the attempt or age limit becomes a case for a person. */
  private static Decision escalate(
      Decision decision, CompletionIntent intent, int attempts, Instant now, Rules rules) {
    if (!(decision instanceof Decision.Retry retry)) {
      return decision;
    }
    Duration age = Duration.between(intent.createdAt(), now);
    boolean tooMany = attempts >= rules.maxAttempts();
    boolean tooOld = age.compareTo(rules.maxAge()) >= 0;
    if (!tooMany && !tooOld) {
      return decision;
    }
    String limit =
        tooMany
            ? attempts + " attempts (limit " + rules.maxAttempts() + ")"
            : "age " + age + " (limit " + rules.maxAge() + ")";
    return new Decision.NeedsAttention(
        "gave up after " + limit, "last: " + retry.reason(), retry.view());
  }

  /** The audit entries of one settlement, in the order they happened. */
  private static final class Audit {
    final CompletionIntent intent;
    final String actor;
    final Instant now;
    final List<AuditEntry> entries = new ArrayList<>(4);

    Audit(CompletionIntent intent, String actor, Instant now) {
      this.intent = intent;
      this.actor = actor;
      this.now = now;
    }

    void attempt(int attemptNo, GatewayOutcome<?> outcome) {
      Said said = Said.of(outcome);
      add(
          AuditEventType.COMPLETION_ATTEMPTED,
          AuditCause.API_CALL,
          said,
          "attempt " + attemptNo + ": " + outcome.summary(),
          null,
          null);
    }

    void query(GatewayOutcome<ObservedOrder> query) {
      String state =
          query instanceof GatewayOutcome.Accepted<ObservedOrder> accepted
              ? "; WeChat reports "
                  + accepted.body().lifecycle()
                  + " total_amount="
                  + accepted.body().totalAmount()
              : "";
      add(
          AuditEventType.COMPLETION_QUERIED,
          AuditCause.QUERY,
          Said.of(query),
          query.summary() + state,
          null,
          null);
    }

    void transition(
        AuditEventType type, boolean fromQuery, LifecycleState from, LifecycleState to) {
      add(
          type,
          fromQuery ? AuditCause.QUERY : AuditCause.API_CALL,
          Said.NOTHING,
          null,
          from,
          to);
    }

    void append(
        AuditEventType type,
        @Nullable String code,
        @Nullable String message,
        @Nullable String detail) {
      add(type, AuditCause.API_CALL, new Said(code, message, null), detail, null, null);
    }

    private void add(
        AuditEventType completionType,
        AuditCause cause,
        Said said,
        @Nullable String detail,
        @Nullable LifecycleState from,
        @Nullable LifecycleState to) {
      entries.add(
          new AuditEntry(
              intent.mchid(),
              intent.outOrderNo(),
              typed(intent.kind(), completionType),
              from,
              to,
              cause,
              Objects.requireNonNull(clip(actor, StorageLimits.ACTOR)),
              intent.id(),
              intent.payload().amount(),
              intent.payload().sha256(),
              null,
              clip(said.code(), StorageLimits.WECHAT_CODE),
              clip(said.message(), StorageLimits.WECHAT_MESSAGE),
              clip(said.requestId(), StorageLimits.REQUEST_ID),
              clip(detail, StorageLimits.DETAIL),
              now));
    }
  }

  /**
   * The audit type of an intent's event: the completion's own names (kept, since they are stored),
   * the generic INTENT_* names for the other kinds, whose kind the detail and the intent id tell.
   */
  private static AuditEventType typed(IntentKind kind, AuditEventType completionType) {
    if (kind == IntentKind.COMPLETE) {
      return completionType;
    }
    return switch (completionType) {
      case COMPLETION_ATTEMPTED -> AuditEventType.INTENT_ATTEMPTED;
      case COMPLETION_QUERIED -> AuditEventType.INTENT_QUERIED;
      case COMPLETION_RETRY_SCHEDULED -> AuditEventType.INTENT_RETRY_SCHEDULED;
      case COMPLETION_SUCCEEDED -> AuditEventType.INTENT_SUCCEEDED;
      case COMPLETION_FAILED -> AuditEventType.INTENT_FAILED;
      case COMPLETION_NEEDS_ATTENTION -> AuditEventType.INTENT_NEEDS_ATTENTION;
      default -> completionType;
    };
  }

  /** A short name of an outcome for {@code last_outcome}: ACCEPTED, REJECTED PARAM_ERROR, … */
  private static String outcomeCode(GatewayOutcome<?> outcome) {
    String code = Said.of(outcome).code();
    String kind = outcome.getClass().getSimpleName().toUpperCase(Locale.ROOT);
    return code == null ? kind : kind + " " + code;
  }

  /** {@code text} cut to the width of its column (WeChat's messages and our details can be long). */
  private static @Nullable String clip(@Nullable String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
  }

  /**
   * What an outcome says for the audit history: a code (WeChat's, or why it is unknown), a message,
   * WeChat's request id.
   */
  private record Said(@Nullable String code, @Nullable String message, @Nullable String requestId) {
    static final Said NOTHING = new Said(null, null, null);

    static Said of(GatewayOutcome<?> outcome) {
      if (outcome instanceof GatewayOutcome.Accepted<?> accepted) {
        return new Said(null, null, accepted.requestId());
      }
      if (outcome instanceof GatewayOutcome.Rejected<?> rejected) {
        return new Said(rejected.code(), rejected.message(), rejected.requestId());
      }
      if (outcome instanceof GatewayOutcome.Throttled<?> throttled) {
        return new Said(throttled.code(), throttled.message(), throttled.requestId());
      }
      GatewayOutcome.Unknown<?> unknown = (GatewayOutcome.Unknown<?>) outcome;
      return new Said(unknown.cause().name(), unknown.description(), unknown.requestId());
    }
  }
}
