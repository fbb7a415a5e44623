package dev.payscore.engine.internal;

import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.audit.AuditEventType;
import dev.payscore.domain.intent.CancelPayload;
import dev.payscore.domain.intent.CompletionIntent;
import dev.payscore.domain.intent.IntentKind;
import dev.payscore.domain.intent.IntentPayload;
import dev.payscore.domain.intent.ModifyPayload;
import dev.payscore.domain.intent.IntentStatus;
import dev.payscore.domain.model.AppId;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.Observation;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.ServiceId;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.OrderQuery;
import dev.payscore.domain.port.out.PayScoreGateway;
import dev.payscore.domain.port.out.Repositories;
import dev.payscore.domain.port.out.StaleWriteException;
import dev.payscore.domain.port.out.StorageLimits;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.engine.DispatcherOptions;
import dev.payscore.engine.PayScoreListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one claimed intent through one attempt: rate permit, lease check, the complete call with
 * the frozen payload, the settling query when the outcome needs one, the {@link Decider}, and the
 * settlement in one transaction (intent, order, audit). A stale write while settling means someone
 * else moved a row: the transaction is redone from fresh reads, never forced.
 */
public final class IntentWorker {
  private static final Logger LOG = LoggerFactory.getLogger(IntentWorker.class);
  private static final int SETTLE_TRIES = 5;

  private final Transactions transactions;
  private final PayScoreGateway gateway;
  private final Clock clock;
  private final RandomGenerator random;
  private final DispatcherOptions options;
  private final MerchantRateLimiter limiter;
  private final String owner;
  private final Checkpoints checkpoints;
  private final LeaseHeartbeat heartbeat;
  private final PayScoreListener listener;

  public IntentWorker(
      Transactions transactions,
      PayScoreGateway gateway,
      Clock clock,
      RandomGenerator random,
      DispatcherOptions options,
      MerchantRateLimiter limiter,
      String owner,
      Checkpoints checkpoints,
      LeaseHeartbeat heartbeat,
      PayScoreListener listener) {
    this.transactions = Objects.requireNonNull(transactions, "transactions == null");
    this.gateway = Objects.requireNonNull(gateway, "gateway == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.random = Objects.requireNonNull(random, "random == null");
    this.options = Objects.requireNonNull(options, "options == null");
    this.limiter = Objects.requireNonNull(limiter, "limiter == null");
    this.owner = Objects.requireNonNull(owner, "owner == null");
    this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints == null");
    this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat == null");
    this.listener = PayScoreListener.guarded(listener);
  }

  /** What became of one claimed intent, and when it is due again (retried or released only). */
  public record Processed(Result result, @Nullable Instant dueAgain) {
    public Processed {
      Objects.requireNonNull(result, "result == null");
    }

    static Processed of(Result result) {
      return new Processed(result, null);
    }
  }

  /** What became of one claimed intent. */
  public enum Result {
    /** Settled: succeeded, failed or needs attention. */
    SETTLED,
    /** Sent and scheduled for another attempt. */
    RETRY_SCHEDULED,
    /** Given back without an attempt (stopping, or the merchant's rate is used up). */
    RELEASED,
    /** Another dispatcher took the intent over, or settling failed; the lease will expire. */
    LOST
  }

  /**
   * One attempt of {@code claimed}, whose send permit was taken before it was claimed. {@code
   * stopping} is asked before sending: a stopping dispatcher gives the intent back instead of
   * starting a call. The lease is renewed while the call and the query are in flight.
   */
  public Processed process(CompletionIntent claimed, boolean stopping) {
    Objects.requireNonNull(claimed, "claimed == null");
    if (stopping) {
      return release(claimed, "released at shutdown");
    }
    checkpoints.reached(Checkpoints.Stage.CLAIMED, claimed);
    GatewayOutcome<?> outcome;
    @Nullable GatewayOutcome<ObservedOrder> query;
    try (LeaseHeartbeat.Beat beat = heartbeat.start(claimed)) {
      outcome = guarded(claimed, "send", () -> send(claimed));
      checkpoints.reached(Checkpoints.Stage.CALLED, claimed);
      if (outcome instanceof GatewayOutcome.Throttled) {
        limiter.throttled(claimed.mchid(), clock.instant());
      } else if (!(outcome instanceof GatewayOutcome.Unknown)) {
        limiter.succeeded(claimed.mchid(), clock.instant());
      }
      query =
          Decider.needsQuery(claimed.kind(), outcome)
              ? guarded(claimed, "query", () -> query(claimed))
              : null;
      if (beat.lost()) {
        LOG.debug(
            "intent {} ({}) was taken over during its call", claimed.id(), claimed.outOrderNo());
      }
    }
    Decision decision = Decider.decide(claimed, outcome, query, options.deductingWait());
    checkpoints.reached(Checkpoints.Stage.DECIDED, claimed);
    return settle(claimed, outcome, query, decision);
  }

  /** The one call an intent drives, with its frozen body. */
  private GatewayOutcome<?> send(CompletionIntent intent) {
    IntentPayload payload = intent.payload();
    return switch (intent.kind()) {
      case COMPLETE ->
          gateway.complete(intent.mchid(), intent.outOrderNo(), intent.completion().order());
      case CANCEL ->
          gateway.cancel(intent.mchid(), intent.outOrderNo(), ((CancelPayload) payload).order());
      case MODIFY ->
          gateway.modify(intent.mchid(), intent.outOrderNo(), ((ModifyPayload) payload).order());
    };
  }

  private GatewayOutcome<ObservedOrder> query(CompletionIntent intent) {
    return gateway.query(
        intent.mchid(),
        OrderQuery.byOutOrderNo(
            AppId.of(intent.payload().appid()),
            ServiceId.of(intent.payload().serviceId()),
            intent.outOrderNo()));
  }

  /** The port promises not to throw; if it does, the request may have left: ambiguous. */
  private static <T> GatewayOutcome<T> guarded(
      CompletionIntent intent, String what, Supplier<GatewayOutcome<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      LOG.error(
          "gateway threw on {} of {} {} (intent {})",
          what,
          intent.kind(),
          intent.outOrderNo(),
          intent.id(),
          e);
      return new GatewayOutcome.Unknown<>(
          GatewayOutcome.UnknownCause.MALFORMED_RESPONSE,
          "gateway threw " + e.getClass().getName(),
          0,
          null);
    }
  }

  /** Gives {@code claimed} back unsent: due at once, no attempt counted; fenced by the claim. */
  private Processed release(CompletionIntent claimed, String why) {
    try {
      transactions.inTransaction(
          repos ->
              repos
                  .intents()
                  .settle(
                      claimed.settledAs(
                          IntentStatus.PENDING,
                          claimed.attempts(),
                          claimed.nextAttemptAt(),
                          claimed.lastOutcome(),
                          claimed.lastError(),
                          clock.instant()),
                      Duration.ZERO));
      LOG.debug("intent {} ({}) {}", claimed.id(), claimed.outOrderNo(), why);
      return new Processed(Result.RELEASED, clock.instant());
    } catch (RuntimeException e) {
      LOG.debug("could not release intent {}; its lease will expire", claimed.id(), e);
      return Processed.of(Result.LOST);
    }
  }

  /** The intent as claimed, if the claim still stands: IN_FLIGHT at the version taken at claim. */
  private static Optional<CompletionIntent> fenced(Repositories repos, CompletionIntent claimed) {
    return repos
        .intents()
        .find(claimed.id())
        .filter(i -> i.status() == IntentStatus.IN_FLIGHT && i.version() == claimed.version());
  }

  private Processed settle(
      CompletionIntent claimed,
      GatewayOutcome<?> outcome,
      @Nullable GatewayOutcome<ObservedOrder> query,
      Decision decision) {
    for (int tries = 1; ; tries++) {
      boolean reread = tries > 1;
      try {
        List<Runnable> afterCommit = new ArrayList<>(2);
        Processed processed =
            transactions.inTransaction(
                repos -> {
                  afterCommit.clear();
                  return settleIn(repos, claimed, reread, outcome, query, decision, afterCommit);
                });
        afterCommit.forEach(Runnable::run);
        return processed;
      } catch (StaleWriteException e) {
        if (tries >= SETTLE_TRIES) {
          LOG.warn(
              "intent {} ({}) still contended after {} tries; its lease will expire",
              claimed.id(),
              claimed.outOrderNo(),
              tries);
          return Processed.of(Result.LOST);
        }
        LOG.debug(
            "stale write settling intent {} ({}); reloading", claimed.id(), claimed.outOrderNo());
      } catch (RuntimeException e) {
        // Storage trouble: nothing was written. The lease expires and the next attempt's query
        // settles it.
        LOG.warn(
            "could not settle intent {} ({}); its lease will expire",
            claimed.id(),
            claimed.outOrderNo(),
            e);
        return Processed.of(Result.LOST);
      }
    }
  }

  /**
   * Settles in the caller's transaction, fenced by the claim: the intent is written only at the
   * version taken at claim (every write to an intent but a lease renewal bumps its version), so a
   * dispatcher whose claim was taken over, even by an instance of the same name, cannot settle. The
   * first try trusts the claimed copy; after a stale write (an order changed meanwhile, or the
   * claim lost) the transaction is redone with {@code reread}, which checks the fence first.
   */
  private Processed settleIn(
      Repositories repos,
      CompletionIntent claimed,
      boolean reread,
      GatewayOutcome<?> outcome,
      @Nullable GatewayOutcome<ObservedOrder> query,
      Decision decided,
      List<Runnable> afterCommit) {
    Instant now = clock.instant();
    Optional<CompletionIntent> found = reread ? fenced(repos, claimed) : Optional.of(claimed);
    Audit audit = new Audit(repos, claimed, now, afterCommit);
    Processed processed = settleWith(repos, audit, found, outcome, query, decided);
    audit.flush();
    return processed;
  }

  private Processed settleWith(
      Repositories repos,
      Audit audit,
      Optional<CompletionIntent> found,
      GatewayOutcome<?> outcome,
      @Nullable GatewayOutcome<ObservedOrder> query,
      Decision decided) {
    CompletionIntent claimed = audit.intent;
    Instant now = audit.now;
    int attemptNo = found.map(CompletionIntent::attempts).orElse(claimed.attempts()) + 1;
    // A 429 is WeChat pacing us, not a verdict on the request: it uses up no attempt, so a long
    // throttle never ends in NEEDS_ATTENTION by the attempt limit.
    int attempts = outcome instanceof GatewayOutcome.Throttled ? attemptNo - 1 : attemptNo;
    audit.attempt(attemptNo, outcome);
    if (query != null) {
      audit.query(query);
    }
    if (found.isEmpty()) {
      // Another dispatcher owns it now; the attempt is history, the decision is theirs.
      LOG.debug(
          "intent {} ({}) was taken over; recording the attempt only",
          claimed.id(),
          claimed.outOrderNo());
      return Processed.of(Result.LOST);
    }
    CompletionIntent intent = found.get();
    Decision decision = escalate(decided, intent, attempts, now);
    ObservedOrder view = decision.view();
    if (view != null) {
      refreshOrder(repos, audit, view, query instanceof GatewayOutcome.Accepted);
    }
    String summary = clip(outcomeCode(outcome), StorageLimits.OUTCOME);
    if (decision instanceof Decision.Succeeded) {
      CompletionIntent stored =
          repos
              .intents()
              .settle(
                  intent.settledAs(
                      IntentStatus.SUCCEEDED, attempts, intent.nextAttemptAt(), summary, null, now),
                  null);
      audit.afterCommit.add(() -> listener.intentSettled(stored));
      audit.append(AuditEventType.COMPLETION_SUCCEEDED, AuditCause.API_CALL, null, null, null);
      LOG.info(
          "{} of {} succeeded (intent {}, attempt {})",
          intent.kind(),
          intent.outOrderNo(),
          intent.id(),
          attemptNo);
      return Processed.of(Result.SETTLED);
    }
    if (decision instanceof Decision.Failed failed) {
      String error = clip(failed.code() + " " + failed.message(), StorageLimits.ERROR);
      CompletionIntent stored =
          repos
              .intents()
              .settle(
                  intent.settledAs(
                      IntentStatus.FAILED, attempts, intent.nextAttemptAt(), summary, error, now),
                  null);
      audit.afterCommit.add(() -> listener.intentSettled(stored));
      audit.append(
          AuditEventType.COMPLETION_FAILED,
          AuditCause.API_CALL,
          failed.code(),
          failed.message(),
          null);
      LOG.warn(
          "{} of {} failed for good: {} (intent {})",
          intent.kind(),
          intent.outOrderNo(),
          error,
          intent.id());
      return Processed.of(Result.SETTLED);
    }
    if (decision instanceof Decision.NeedsAttention attention) {
      CompletionIntent stored =
          repos
              .intents()
              .settle(
                  intent.settledAs(
                      IntentStatus.NEEDS_ATTENTION,
                      attempts,
                      intent.nextAttemptAt(),
                      summary,
                      clip(attention.reason(), StorageLimits.ERROR),
                      now),
                  null);
      audit.afterCommit.add(() -> listener.intentNeedsAttention(stored, attention.reason()));
      audit.append(
          AuditEventType.COMPLETION_NEEDS_ATTENTION,
          AuditCause.API_CALL,
          null,
          attention.reason(),
          attention.detail());
      LOG.warn(
          "{} of {} needs attention: {} [{}] (intent {})",
          intent.kind(),
          intent.outOrderNo(),
          attention.reason(),
          attention.detail(),
          intent.id());
      return Processed.of(Result.SETTLED);
    }
    Decision.Retry retry = (Decision.Retry) decision;
    Duration delay = options.retry().delay(attemptNo, random);
    if (delay.compareTo(retry.atLeast()) < 0) {
      delay = retry.atLeast();
    }
    // Due again in database time: the store adds the delay to its own clock.
    Instant next =
        repos
            .intents()
            .settle(
                intent.settledAs(
                    IntentStatus.PENDING,
                    attempts,
                    now.plus(delay),
                    summary,
                    clip(retry.reason(), StorageLimits.ERROR),
                    now),
                delay)
            .nextAttemptAt();
    audit.append(
        AuditEventType.COMPLETION_RETRY_SCHEDULED,
        AuditCause.API_CALL,
        null,
        retry.reason(),
        "next attempt at " + next + " (after " + delay.toMillis() + " ms)"
            + (attempts < attemptNo ? "; throttled: no attempt counted" : ""));
    LOG.warn(
        "{} of {} retries at {}: {} (intent {}, attempt {})",
        intent.kind(),
        intent.outOrderNo(),
        next,
        retry.reason(),
        intent.id(),
        attemptNo);
    return new Processed(Result.RETRY_SCHEDULED, now.plus(delay));
  }

  /** A retry past the attempt or age limit becomes a case for a person. */
  private Decision escalate(Decision decision, CompletionIntent intent, int attemptNo, Instant now) {
    if (!(decision instanceof Decision.Retry retry)) {
      return decision;
    }
    boolean tooMany = attemptNo >= options.retry().maxAttempts();
    boolean tooOld =
        Duration.between(intent.createdAt(), now).compareTo(options.retry().maxAge()) >= 0;
    if (!tooMany && !tooOld) {
      return decision;
    }
    String limit =
        tooMany
            ? attemptNo + " attempts (limit " + options.retry().maxAttempts() + ")"
            : "age "
                + Duration.between(intent.createdAt(), now)
                + " (limit "
                + options.retry().maxAge()
                + ")";
    return new Decision.NeedsAttention(
        "gave up after " + limit, "last: " + retry.reason(), retry.view());
  }

  /** Moves the local order forward to WeChat's view (never backward), with its audit event. */
  private void refreshOrder(
      Repositories repos, Audit audit, ObservedOrder view, boolean fromQuery) {
    Optional<ServiceOrder> found = repos.orders().find(view.mchid(), view.outOrderNo());
    if (found.isEmpty()) {
      LOG.error("no local order {} for intent {}", view.outOrderNo(), audit.intent.id());
      return;
    }
    ServiceOrder order = found.get();
    Observation observation = order.observe(view.lifecycle());
    ServiceOrder refreshed = order.refreshedFrom(view);
    if (observation == Observation.STALE) {
      audit.transition(
          AuditEventType.STALE_EVENT_IGNORED, fromQuery, order.lifecycle(), view.lifecycle());
      return;
    }
    if (!refreshed.equals(order)) {
      repos.orders().update(refreshed);
    }
    if (observation == Observation.ADVANCE) {
      LifecycleState from = order.lifecycle();
      LifecycleState to = refreshed.lifecycle();
      AuditCause cause = fromQuery ? AuditCause.QUERY : AuditCause.API_CALL;
      audit.afterCommit.add(
          () -> listener.orderTransitioned(order.mchid(), order.outOrderNo(), from, to, cause));
      audit.transition(
          fromQuery ? AuditEventType.STATE_OBSERVED : AuditEventType.TRANSITION_APPLIED,
          fromQuery,
          order.lifecycle(),
          refreshed.lifecycle());
      LOG.info(
          "order {} moved {} -> {} (intent {})",
          order.outOrderNo(),
          order.lifecycle(),
          refreshed.lifecycle(),
          audit.intent.id());
    }
  }

  /** The audit events of one settlement, kept until {@link #flush}. */
  private final class Audit {
    final Repositories repos;
    final CompletionIntent intent;
    final Instant now;
    final List<AuditEntry> entries = new ArrayList<>(4);
    final List<Runnable> afterCommit;

    Audit(Repositories repos, CompletionIntent intent, Instant now, List<Runnable> afterCommit) {
      this.repos = repos;
      this.intent = intent;
      this.now = now;
      this.afterCommit = afterCommit;
    }

    void attempt(int attemptNo, GatewayOutcome<?> outcome) {
      Said said = Said.of(outcome);
      append(
          AuditEventType.COMPLETION_ATTEMPTED,
          AuditCause.API_CALL,
          said.code(),
          said.message(),
          "attempt " + attemptNo + ": " + Decider.summary(outcome),
          said.requestId(),
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
      Said said = Said.of(query);
      append(
          AuditEventType.COMPLETION_QUERIED,
          AuditCause.QUERY,
          said.code(),
          said.message(),
          Decider.summary(query) + state,
          said.requestId(),
          null,
          null);
    }

    void transition(
        AuditEventType type, boolean fromQuery, LifecycleState from, LifecycleState to) {
      append(
          type,
          fromQuery ? AuditCause.QUERY : AuditCause.API_CALL,
          null,
          null,
          null,
          null,
          from,
          to);
    }

    void append(
        AuditEventType type,
        AuditCause cause,
        @Nullable String code,
        @Nullable String message,
        @Nullable String detail) {
      append(type, cause, code, message, detail, null, null, null);
    }

    private void append(
        AuditEventType completionType,
        AuditCause cause,
        @Nullable String code,
        @Nullable String message,
        @Nullable String detail,
        @Nullable String requestId,
        @Nullable LifecycleState from,
        @Nullable LifecycleState to) {
      AuditEventType type = typed(intent.kind(), completionType);
      entries.add(
          new AuditEntry(
              intent.mchid(),
              intent.outOrderNo(),
              type,
              from,
              to,
              cause,
              clip("dispatcher:" + owner, StorageLimits.ACTOR),
              intent.id(),
              intent.payload().amount(),
              intent.payload().sha256(),
              null,
              clip(code, StorageLimits.WECHAT_CODE),
              clip(message, StorageLimits.WECHAT_MESSAGE),
              clip(requestId, StorageLimits.REQUEST_ID),
              clip(detail, StorageLimits.DETAIL),
              now));
    }

    /** Writes the settlement's events, in the order they happened, in one go. */
    void flush() {
      repos.audit().appendAll(entries);
      entries.clear();
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

  /**
   * {@code text} cut to the width of its column (WeChat's messages and our details can be long).
   */
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
