package dev.payscore.domain.usecase;

import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.audit.AuditEventType;
import dev.payscore.domain.completion.CompleteOrder;
import dev.payscore.domain.completion.CompletionPayload;
import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.domain.completion.Violation;
import dev.payscore.domain.intent.CompletionIntent;
import dev.payscore.domain.intent.IntentKind;
import dev.payscore.domain.intent.IntentRef;
import dev.payscore.domain.intent.RecordResult;
import dev.payscore.domain.model.LifecycleEvent;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.MerchantId;
import dev.payscore.domain.model.Observation;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.OutOrderNo;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.model.ServiceTime;
import dev.payscore.domain.model.TimePrecision;
import dev.payscore.domain.model.TimeRange;
import dev.payscore.domain.model.TransitionTable;
import dev.payscore.domain.port.in.RequestCompletion;
import dev.payscore.domain.port.in.RequestCompletionCommand;
import dev.payscore.domain.port.in.RequestCompletionResult;
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
 * order row, freeze the payload, answer a repeat from the recorded intent, refuse while another
 * intent of the order is open, guard the state, validate, record the intent (the next generation
 * after a FAILED one) and a {@code COMPLETION_REQUESTED} audit event. The rules of recording are
 * those of every kind ({@code IntentRecording}).
 *
 * <p>Freezing fixes {@code time_range.end_time} to "now" (the injected clock, in the precision the
 * order was created with) when the caller left it out and the order was created without one. A
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
    // A repeat that leaves end_time out again gets the end time frozen the first time.
    String frozenEnd = latest.map(RequestCompletionHandler::frozenEnd).orElse(null);
    CompleteOrder frozen =
        freeze(command.completion(), stored, frozenEnd, frozenEnd == null ? clock.instant() : null);
    CompletionPayload payload = CompletionPayload.of(frozen);
    IntentRecording.Plan plan =
        IntentRecording.plan(
            repositories, mchid, no, IntentKind.COMPLETE, payload.sha256(), open);
    if (plan instanceof IntentRecording.Held held) {
      return new RequestCompletionResult.AnotherIntentOpen(held.open());
    }
    if (plan instanceof IntentRecording.Repeat repeat) {
      return new RequestCompletionResult.AlreadyRequested(repeat.existing());
    }
    if (plan instanceof IntentRecording.Conflict conflict) {
      return new RequestCompletionResult.Conflict(conflict.existing(), payload.sha256());
    }
    ServiceOrder order = refreshIfStale(stored);
    if (order.lifecycle() != LifecycleState.DOING_USER_CONFIRM) {
      return new RequestCompletionResult.WrongState(
          order.lifecycle(), TransitionTable.allowedFrom(LifecycleEvent.COMPLETED));
    }
    List<Violation> violations = validator.validate(frozen, order);
    if (!violations.isEmpty()) {
      return new RequestCompletionResult.Invalid(violations);
    }
    Instant now = clock.instant();
    RecordResult recorded =
        IntentRecording.write(
            repositories,
            (IntentRecording.New) plan,
            mchid,
            no,
            IntentKind.COMPLETE,
            payload,
            command.requestedBy(),
            now);
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
   * end} if given (the one frozen before), else {@code now} in the order's precision.
   */
  private static CompleteOrder freeze(
      CompleteOrder body, ServiceOrder order, @Nullable String end, @Nullable Instant now) {
    TimeRange range = body.timeRange();
    boolean endSetAtCreate = order.timeRange().endTime() != null;
    if (endSetAtCreate || (range != null && range.endTime() != null)) {
      return body;
    }
    String endTime = end;
    if (endTime == null) {
      if (now == null) {
        return body; // a repeat of a request that was recorded without an end time
      }
      endTime = ServiceTime.of(now, precisionOf(order.timeRange())).text();
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

  /** The precision of the order's create {@code time_range}; {@code OnAccept} means seconds. */
  private static TimePrecision precisionOf(TimeRange created) {
    for (String text : new String[] {created.startTime(), created.endTime()}) {
      if (text != null) {
        Optional<ServiceTime> time = ServiceTime.tryParse(text);
        if (time.isPresent()) {
          return time.get().precision();
        }
      }
    }
    return TimePrecision.SECOND;
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
