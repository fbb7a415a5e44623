package dev.payscore.domain.usecase;

import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.audit.AuditEventType;
import dev.payscore.domain.completion.CompleteOrder;
import dev.payscore.domain.completion.CompletionPayload;
import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.domain.completion.DefaultEndTime;
import dev.payscore.domain.completion.Rule;
import dev.payscore.domain.completion.Violation;
import dev.payscore.domain.intent.CompletionIntent;
import dev.payscore.domain.intent.IntentKind;
import dev.payscore.domain.intent.RecordResult;
import dev.payscore.domain.model.LifecycleEvent;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.Observation;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.ServiceOrder;
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
 * {@link RequestCompletion} over the storage ports of one transaction (the caller's): find the
 * order, answer a repeat from the recorded intent, guard the state, freeze the payload, validate
 * it, record the intent and a {@code COMPLETION_REQUESTED} audit event.
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
    Optional<ServiceOrder> found =
        repositories.orders().find(command.mchid(), command.outOrderNo());
    if (found.isEmpty()) {
      return new RequestCompletionResult.UnknownOrder(command.mchid(), command.outOrderNo());
    }
    ServiceOrder stored = found.get();
    Optional<CompletionIntent> earlier =
        repositories.intents().find(command.mchid(), command.outOrderNo(), IntentKind.COMPLETE);
    if (earlier.isPresent()) {
      return asRepeat(command, stored, earlier.get());
    }
    ServiceOrder order = refreshIfStale(stored);
    if (order.lifecycle() != LifecycleState.DOING_USER_CONFIRM) {
      return new RequestCompletionResult.WrongState(
          order.lifecycle(), TransitionTable.allowedFrom(LifecycleEvent.COMPLETED));
    }
    Instant now = clock.instant();
    // Refreshed out of CREATED just now: the user confirmed at most now (the time is not stored,
    // it is only a bound), so a defaulted end cannot fall before a confirmation in this second.
    DefaultEndTime defaultEnd =
        DefaultEndTime.of(order != stored ? order.withConfirmation(now) : order, now);
    CompleteOrder frozen = freeze(command.completion(), order, null, defaultEnd);
    boolean heldBack = frozen != command.completion() && defaultEnd.heldBack(now);
    List<Violation> violations =
        validator.validate(frozen, order).stream()
            // a held-back end is not in the future by the time the intent is sent
            .filter(v -> !(heldBack && v.rule() == Rule.END_TIME_IN_FUTURE))
            .toList();
    if (!violations.isEmpty()) {
      return new RequestCompletionResult.Invalid(violations);
    }
    CompletionPayload payload = CompletionPayload.of(frozen);
    CompletionIntent pending =
        CompletionIntent.pending(
            command.mchid(), command.outOrderNo(), payload, command.requestedBy(), now);
    RecordResult recorded =
        repositories
            .intents()
            .record(heldBack ? pending.dueNotBefore(defaultEnd.sendAfter()) : pending);
    if (recorded instanceof RecordResult.AlreadyRecorded already) {
      return new RequestCompletionResult.AlreadyRequested(already.intent());
    }
    if (recorded instanceof RecordResult.Conflict conflict) {
      return new RequestCompletionResult.Conflict(conflict.intent(), conflict.requestedSha256());
    }
    CompletionIntent intent = recorded.intent();
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
        null,
        now);
    return new RequestCompletionResult.Requested(intent);
  }

  /** A second request for the same order: the same frozen payload, or a conflict. */
  private static RequestCompletionResult asRepeat(
      RequestCompletionCommand command, ServiceOrder order, CompletionIntent earlier) {
    TimeRange frozenRange = earlier.completion().order().timeRange();
    String frozenEnd = frozenRange == null ? null : frozenRange.endTime();
    CompletionPayload payload =
        CompletionPayload.of(freeze(command.completion(), order, frozenEnd, null));
    return payload.sha256().equals(earlier.payload().sha256())
        ? new RequestCompletionResult.AlreadyRequested(earlier)
        : new RequestCompletionResult.Conflict(earlier, payload.sha256());
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
