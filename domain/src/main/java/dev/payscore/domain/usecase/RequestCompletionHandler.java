package dev.payscore.domain.usecase;

import dev.payscore.AuditEventType;
import dev.payscore.CompleteOrder;
import dev.payscore.CompletionIntent;
import dev.payscore.IntentKind;
import dev.payscore.IntentRef;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.RequestCompletionCommand;
import dev.payscore.RequestCompletionResult;
import dev.payscore.Rule;
import dev.payscore.TimeRange;
import dev.payscore.Violation;
import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.completion.CompletionPayload;
import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.domain.completion.DefaultEndTime;
import dev.payscore.domain.intent.RecordResult;
import dev.payscore.domain.model.LifecycleEvent;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.Observation;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.model.TransitionTable;
import dev.payscore.domain.port.in.RequestCompletion;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.OrderQuery;
import dev.payscore.domain.port.out.PayScoreGateway;
import dev.payscore.domain.port.out.Repositories;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link RequestCompletion} over the storage ports of one transaction (the caller's): lock the
 * order row, answer a repeat from the recorded intent, refuse while another intent of the order is
 * open, guard the state, freeze the payload, validate, record the intent (the next generation after
 * a FAILED one) and a {@code COMPLETION_REQUESTED} audit event. The rules of recording are those of
 * every kind ({@code IntentRecording}).
 *
 * <p>Freezing fixes {@code time_range.end_time} to "now" (the injected clock, in the precision the
 * order was created with) when the caller left it out and the order was created without one, but
 * never before the service's start: in the second the user confirmed an {@code OnAccept} order, the
 * end is the next second and the intent is due only once that has passed ({@link DefaultEndTime}). A
 * repeat that leaves it out again is compared with the end time frozen the first time, so an
 * identical repeat is recognised as such.
 *
 * <p>Given a gateway, an order still CREATED locally is first refreshed by a query (the confirm
 * callback may have been missed); the refreshed order is stored only if the intent is recorded.
 */
public final class RequestCompletionHandler implements RequestCompletion {
  private final Repositories repositories;
  private final Clock clock;
  private final CompletionValidator validator;
  private final @Nullable PayScoreGateway staleOrderRefresh;

  /** A handler that refuses a locally stale order without asking WeChat. */
  public RequestCompletionHandler(
      Repositories repositories, Clock clock, CompletionValidator validator) {
    this(repositories, clock, validator, null);
  }

  /** A handler that queries {@code staleOrderRefresh} when the local order is still CREATED. */
  public RequestCompletionHandler(
      Repositories repositories,
      Clock clock,
      CompletionValidator validator,
      @Nullable PayScoreGateway staleOrderRefresh) {
    this.repositories = Objects.requireNonNull(repositories, "repositories == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.validator = Objects.requireNonNull(validator, "validator == null");
    this.staleOrderRefresh = staleOrderRefresh;
  }

  @Override
  public RequestCompletionResult request(RequestCompletionCommand command) {
    Objects.requireNonNull(command, "command == null");
    MerchantId mchid = command.mchid();
    OutOrderNo no = command.outOrderNo();
    // The order's row lock serializes every request of an intent for this order until commit.
    Optional<ServiceOrder> found = repositories.orders().lock(mchid, no);
    if (found.isEmpty()) {
      return new RequestCompletionResult.UnknownOrder(mchid, no);
    }
    ServiceOrder stored = found.get();
    Optional<IntentRef> open = IntentRecording.open(repositories, mchid, no);
    Optional<CompletionIntent> latest =
        IntentRecording.latest(repositories, mchid, no, IntentKind.COMPLETE, open);
    CompleteOrder frozen = null;
    IntentRecording.Plan plan;
    if (latest.isPresent()) {
      // A repeat that leaves end_time out again gets the end time frozen the first time, so an
      // identical repeat (of any generation) is recognised; a corrected end is passed explicitly.
      frozen = freeze(command.completion(), stored, frozenEnd(latest.get()), null);
      plan =
          IntentRecording.plan(
              repositories,
              mchid,
              no,
              IntentKind.COMPLETE,
              CompletionPayload.of(frozen).sha256(),
              open);
    } else if (open.isPresent() && !open.get().kind().equals(IntentKind.COMPLETE.name())) {
      plan = new IntentRecording.Held(open.get());
    } else {
      // The first completion of the order, or one replacing its quarantined completion.
      plan = new IntentRecording.New(null, open.orElse(null));
    }
    if (plan instanceof IntentRecording.Held held) {
      return new RequestCompletionResult.AnotherIntentOpen(held.open());
    }
    if (plan instanceof IntentRecording.Repeat repeat) {
      return new RequestCompletionResult.AlreadyRequested(repeat.existing());
    }
    if (plan instanceof IntentRecording.Conflict conflict) {
      return new RequestCompletionResult.Conflict(
          conflict.existing(), CompletionPayload.of(Objects.requireNonNull(frozen)).sha256());
    }
    ServiceOrder order = refreshIfStale(stored);
    if (order.lifecycle() != LifecycleState.DOING_USER_CONFIRM) {
      return new RequestCompletionResult.WrongState(
          order.lifecycle(), TransitionTable.allowedFrom(LifecycleEvent.COMPLETED));
    }
    Instant now = clock.instant();
    boolean heldBack = false;
    DefaultEndTime defaultEnd = null;
    if (frozen == null) {
      // Refreshed out of CREATED just now: the user confirmed at most now (the time is not
      // stored, it is only a bound), so a defaulted end cannot fall before a confirmation in this
      // second.
      defaultEnd = DefaultEndTime.of(order != stored ? order.withConfirmation(now) : order, now);
      frozen = freeze(command.completion(), order, null, defaultEnd);
      heldBack = frozen != command.completion() && defaultEnd.heldBack(now);
    }
    boolean endHeldBack = heldBack;
    List<Violation> violations =
        validator.validate(frozen, order).stream()
            // a held-back end is not in the future by the time the intent is sent
            .filter(v -> !(endHeldBack && v.rule() == Rule.END_TIME_IN_FUTURE))
            .toList();
    if (!violations.isEmpty()) {
      return new RequestCompletionResult.Invalid(violations);
    }
    CompletionPayload payload = CompletionPayload.of(frozen);
    RecordResult recorded =
        IntentRecording.write(
            repositories,
            (IntentRecording.New) plan,
            mchid,
            no,
            IntentKind.COMPLETE,
            payload,
            command.requestedBy(),
            now,
            heldBack ? Objects.requireNonNull(defaultEnd).sendAfter() : null);
    if (recorded instanceof RecordResult.AlreadyRecorded already) {
      return new RequestCompletionResult.AlreadyRequested(already.intent());
    }
    if (recorded instanceof RecordResult.Conflict conflict) {
      return new RequestCompletionResult.Conflict(conflict.intent(), conflict.requestedSha256());
    }
    if (recorded instanceof RecordResult.AnotherIntentOpen other) {
      return new RequestCompletionResult.AnotherIntentOpen(other.open());
    }
    CompletionIntent intent = ((RecordResult.Recorded) recorded).intent();
    if (order != stored) {
      repositories.orders().update(order);
      append(
          command,
          intent,
          AuditEventType.STATE_OBSERVED,
          AuditCause.QUERY,
          stored.lifecycle(),
          order.lifecycle(),
          "refreshed by a query before the request",
          now);
    }
    append(
        command,
        intent,
        AuditEventType.COMPLETION_REQUESTED,
        AuditCause.REQUEST,
        null,
        null,
        intent.generation() > 1 ? "generation " + intent.generation() : null,
        now);
    return new RequestCompletionResult.Requested(intent);
  }

  private static @Nullable String frozenEnd(CompletionIntent earlier) {
    TimeRange range = earlier.completion().order().timeRange();
    return range == null ? null : range.endTime();
  }

  private ServiceOrder refreshIfStale(ServiceOrder order) {
    PayScoreGateway gateway = staleOrderRefresh;
    if (gateway == null || order.lifecycle() != LifecycleState.CREATED) {
      return order;
    }
    GatewayOutcome<ObservedOrder> outcome =
        gateway.query(
            order.mchid(),
            OrderQuery.byOutOrderNo(order.appid(), order.serviceId(), order.outOrderNo()));
    if (outcome instanceof GatewayOutcome.Accepted<ObservedOrder> accepted
        && order.observe(accepted.body().lifecycle()) == Observation.ADVANCE) {
      return order.refreshedFrom(accepted.body());
    }
    return order;
  }

  /**
   * {@code body} with {@code time_range.end_time} filled when it is required and absent: {@code
   * end} if given (the one frozen before), else {@code defaultEnd} ("now" in the order's precision,
   * never before the service's start; see {@link DefaultEndTime}). {@code body} itself when
   * nothing was filled.
   */
  private static CompleteOrder freeze(
      CompleteOrder body,
      ServiceOrder order,
      @Nullable String end,
      @Nullable DefaultEndTime defaultEnd) {
    TimeRange range = body.timeRange();
    boolean endSetAtCreate = order.timeRange().endTime() != null;
    if (endSetAtCreate || (range != null && range.endTime() != null)) {
      return body;
    }
    String endTime = end;
    if (endTime == null) {
      if (defaultEnd == null) {
        return body; // a repeat of a request that was recorded without an end time
      }
      endTime = defaultEnd.end().text();
    }
    TimeRange filled =
        range == null
            ? new TimeRange(null, null, endTime, null)
            : new TimeRange(
                range.startTime(), range.startTimeRemark(), endTime, range.endTimeRemark());
    return new CompleteOrder(
        body.appid(),
        body.serviceId(),
        body.postPayments(),
        body.postDiscounts(),
        body.totalAmount(),
        filled,
        body.location(),
        body.profitSharing(),
        body.goodsTag(),
        body.device());
  }

  private void append(
      RequestCompletionCommand command,
      CompletionIntent intent,
      AuditEventType type,
      AuditCause cause,
      @Nullable LifecycleState from,
      @Nullable LifecycleState to,
      @Nullable String detail,
      Instant now) {
    repositories
        .audit()
        .append(
            new AuditEntry(
                command.mchid(),
                command.outOrderNo(),
                type,
                from,
                to,
                cause,
                command.requestedBy(),
                intent.id(),
                intent.payload().amount(),
                intent.payload().sha256(),
                null,
                null,
                null,
                null,
                detail,
                now));
  }
}
