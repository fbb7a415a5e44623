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
import dev.payscore.RequestCompletionsResult;
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
import dev.payscore.domain.port.out.OrderKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
    Checked checked = check(command, stored, frozen);
    if (checked instanceof Refused refused) {
      return refused.result();
    }
    Ready ready = (Ready) checked;
    RecordResult recorded =
        IntentRecording.write(
            repositories,
            (IntentRecording.New) plan,
            mchid,
            no,
            IntentKind.COMPLETE,
            ready.payload(),
            command.requestedBy(),
            ready.now(),
            ready.notBefore());
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
    if (ready.order() != stored) {
      repositories.orders().update(ready.order());
    }
    repositories.audit().appendAll(audit(command, intent, stored, ready));
    return new RequestCompletionResult.Requested(intent);
  }

  /**
   * Requests many completions in this transaction, each by the rules of {@link #request}: every
   * command is checked before anything of the batch is written, and every refusal is reported. The
   * first completions of orders that have no intent yet (the bulk of an end-of-day batch) are
   * written together: one statement locks the orders, one finds those with intents, one inserts
   * the new intents and one appends their audit events. A command whose order has intents already
   * goes through {@link #request} alone (a repeat, a next generation).
   *
   * @return {@link RequestCompletionsResult.Recorded}, or {@link RequestCompletionsResult.Refused}
   *     when any command was refused: then the new intents were not written, but what {@link
   *     #request} wrote for commands whose orders had intents must be rolled back by the caller
   * @throws IllegalArgumentException if there are no commands or an order appears more than once
   *     (naming every repeat); nothing is written
   */
  public RequestCompletionsResult requestAll(List<RequestCompletionCommand> commands) {
    Objects.requireNonNull(commands, "commands == null");
    if (commands.isEmpty()) {
      throw new IllegalArgumentException("no commands");
    }
    Map<OrderKey, Integer> first = new HashMap<>();
    List<String> repeats = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      RequestCompletionCommand c = Objects.requireNonNull(commands.get(i), "commands[" + i + "]");
      Integer earlier = first.putIfAbsent(new OrderKey(c.mchid(), c.outOrderNo()), i);
      if (earlier != null) {
        repeats.add("commands[" + i + "] repeats the order of commands[" + earlier + "]");
      }
    }
    if (!repeats.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", repeats));
    }
    Map<OrderKey, ServiceOrder> orders = new HashMap<>();
    repositories
        .orders()
        .lockAll(first.keySet())
        .forEach(o -> orders.put(new OrderKey(o.mchid(), o.outOrderNo()), o));
    Set<OrderKey> withIntents = repositories.intents().withIntents(orders.keySet());
    RequestCompletionResult[] results = new RequestCompletionResult[commands.size()];
    Map<Integer, Ready> fresh = new LinkedHashMap<>();
    List<RequestCompletionsResult.Refusal> refusals = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      RequestCompletionCommand c = commands.get(i);
      OrderKey key = new OrderKey(c.mchid(), c.outOrderNo());
      ServiceOrder stored = orders.get(key);
      RequestCompletionResult result;
      if (stored == null) {
        result = new RequestCompletionResult.UnknownOrder(c.mchid(), c.outOrderNo());
      } else if (withIntents.contains(key)) {
        result = request(c);
      } else {
        Checked checked = check(c, stored, null);
        if (checked instanceof Ready ready) {
          fresh.put(i, ready);
          continue;
        }
        result = ((Refused) checked).result();
      }
      results[i] = result;
      if (!(result instanceof RequestCompletionResult.Requested)
          && !(result instanceof RequestCompletionResult.AlreadyRequested)) {
        refusals.add(new RequestCompletionsResult.Refusal(i, c, result));
      }
    }
    if (!refusals.isEmpty()) {
      return new RequestCompletionsResult.Refused(refusals);
    }
    if (!fresh.isEmpty()) {
      List<CompletionIntent> pending = new ArrayList<>(fresh.size());
      for (Map.Entry<Integer, Ready> e : fresh.entrySet()) {
        RequestCompletionCommand c = commands.get(e.getKey());
        Ready ready = e.getValue();
        CompletionIntent intent =
            CompletionIntent.pending(
                c.mchid(),
                c.outOrderNo(),
                IntentKind.COMPLETE,
                ready.payload(),
                c.requestedBy(),
                ready.now());
        Instant notBefore = ready.notBefore();
        pending.add(notBefore == null ? intent : intent.dueNotBefore(notBefore));
      }
      List<CompletionIntent> recorded = repositories.intents().recordAll(pending);
      List<ServiceOrder> refreshed = new ArrayList<>();
      List<AuditEntry> audit = new ArrayList<>();
      int k = 0;
      for (Map.Entry<Integer, Ready> e : fresh.entrySet()) {
        RequestCompletionCommand c = commands.get(e.getKey());
        Ready ready = e.getValue();
        CompletionIntent intent = recorded.get(k++);
        ServiceOrder stored =
            Objects.requireNonNull(orders.get(new OrderKey(c.mchid(), c.outOrderNo())));
        if (ready.order() != stored) {
          refreshed.add(ready.order());
        }
        audit.addAll(audit(c, intent, stored, ready));
        results[e.getKey()] = new RequestCompletionResult.Requested(intent);
      }
      repositories.orders().updateAll(refreshed);
      repositories.audit().appendAll(audit);
    }
    return new RequestCompletionsResult.Recorded(List.of(results));
  }

  /** Whether a new intent may be recorded for a request, and with what; or why not. */
  private sealed interface Checked permits Ready, Refused {}

  /**
   * The request passed: the order to store ({@code stored}, or refreshed from WeChat), the frozen
   * payload, and when it may be sent ({@code notBefore}, null for at once).
   */
  private record Ready(
      ServiceOrder order, CompletionPayload payload, @Nullable Instant notBefore, Instant now)
      implements Checked {}

  private record Refused(RequestCompletionResult result) implements Checked {}

  /**
   * Refreshes an order still CREATED locally, guards the state, freezes the defaulted end time
   * (unless {@code frozen} is given) and validates the body against the order. Writes nothing.
   */
  private Checked check(
      RequestCompletionCommand command, ServiceOrder stored, @Nullable CompleteOrder frozen) {
    ServiceOrder order = refreshIfStale(stored);
    if (order.lifecycle() != LifecycleState.DOING_USER_CONFIRM) {
      return new Refused(
          new RequestCompletionResult.WrongState(
              order.lifecycle(), TransitionTable.allowedFrom(LifecycleEvent.COMPLETED)));
    }
    Instant now = clock.instant();
    boolean heldBack = false;
    DefaultEndTime defaultEnd = null;
    CompleteOrder body = frozen;
    if (body == null) {
      // Refreshed out of CREATED just now: the user confirmed at most now (the time is not
      // stored, it is only a bound), so a defaulted end cannot fall before a confirmation in this
      // second.
      defaultEnd = DefaultEndTime.of(order != stored ? order.withConfirmation(now) : order, now);
      body = freeze(command.completion(), order, null, defaultEnd);
      heldBack = body != command.completion() && defaultEnd.heldBack(now);
    }
    boolean endHeldBack = heldBack;
    List<Violation> violations =
        validator.validate(body, order).stream()
            // a held-back end is not in the future by the time the intent is sent
            .filter(v -> !(endHeldBack && v.rule() == Rule.END_TIME_IN_FUTURE))
            .toList();
    if (!violations.isEmpty()) {
      return new Refused(new RequestCompletionResult.Invalid(violations));
    }
    return new Ready(
        order,
        CompletionPayload.of(body),
        heldBack ? Objects.requireNonNull(defaultEnd).sendAfter() : null,
        now);
  }

  /** The audit events of a recorded request: the refresh, if one was stored, and the request. */
  private static List<AuditEntry> audit(
      RequestCompletionCommand command, CompletionIntent intent, ServiceOrder stored, Ready ready) {
    List<AuditEntry> entries = new ArrayList<>(2);
    if (ready.order() != stored) {
      entries.add(
          entry(
              command,
              intent,
              AuditEventType.STATE_OBSERVED,
              AuditCause.QUERY,
              stored.lifecycle(),
              ready.order().lifecycle(),
              "refreshed by a query before the request",
              ready.now()));
    }
    entries.add(
        entry(
            command,
            intent,
            AuditEventType.COMPLETION_REQUESTED,
            AuditCause.REQUEST,
            null,
            null,
            intent.generation() > 1 ? "generation " + intent.generation() : null,
            ready.now()));
    return entries;
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

  private static AuditEntry entry(
      RequestCompletionCommand command,
      CompletionIntent intent,
      AuditEventType type,
      AuditCause cause,
      @Nullable LifecycleState from,
      @Nullable LifecycleState to,
      @Nullable String detail,
      Instant now) {
    return new AuditEntry(
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
        now);
  }
}
