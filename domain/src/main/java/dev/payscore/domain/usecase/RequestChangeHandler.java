package dev.payscore.domain.usecase;

import dev.payscore.AuditEventType;
import dev.payscore.CompletionIntent;
import dev.payscore.IntentKind;
import dev.payscore.IntentRef;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.RefusalReason;
import dev.payscore.RequestCancelCommand;
import dev.payscore.RequestChangeResult;
import dev.payscore.RequestModifyCommand;
import dev.payscore.Rule;
import dev.payscore.Violation;
import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.domain.intent.CancelPayload;
import dev.payscore.domain.intent.IntentPayload;
import dev.payscore.domain.intent.ModifyPayload;
import dev.payscore.domain.intent.RecordResult;
import dev.payscore.domain.model.LifecycleEvent;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.model.Transition;
import dev.payscore.domain.port.out.CancelOrder;
import dev.payscore.domain.port.out.ModifyOrder;
import dev.payscore.domain.port.out.Repositories;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Requests a cancel or an amount modification through the same durable path as a completion: the
 * order row is locked, the request is checked (its body by {@link CompletionValidator}, then the
 * transition table and, for modify, the order's current total), frozen into a canonical payload
 * and recorded as a CANCEL or MODIFY intent with its audit event, in the caller's transaction,
 * under the rules every kind shares ({@code IntentRecording}: one open intent per order, identical
 * repeats recognised, a corrected request after FAILED and a further modification after SUCCEEDED
 * recorded as the next generation); the dispatcher sends, reconciles and audits it. Every refusal
 * is a value and writes nothing.
 *
 * <p>A body is judged by the same rule of each field as create and complete ({@link
 * CompletionValidator#validateModify}, {@link CompletionValidator#validateCancel}): a modification's
 * items, total, device and billing convention as a completion's (§2.4: "same item schema and
 * industry rules as complete"), its total may stay equal to the current one ("≤ the current
 * amount"), and {@code reason} may have 50 characters (code points), the limit of WeChat's current
 * cancel and modify pages and of the sandbox; the 2020 wiki said 30.
 */
public final class RequestChangeHandler {
  private final Repositories repositories;
  private final Clock clock;
  private final CompletionValidator validator;

  public RequestChangeHandler(Repositories repositories, Clock clock) {
    this(repositories, clock, new CompletionValidator(clock));
  }

  /** With the validator (limits, billing convention) the merchant's completions are judged by. */
  public RequestChangeHandler(
      Repositories repositories, Clock clock, CompletionValidator validator) {
    this.repositories = Objects.requireNonNull(repositories, "repositories == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.validator = Objects.requireNonNull(validator, "validator == null");
  }

  /** Cancel: allowed in CREATED, DOING/USER_CONFIRM and DOING/MCH_COMPLETE (§3.3). */
  public RequestChangeResult cancel(RequestCancelCommand command) {
    Objects.requireNonNull(command, "command == null");
    Function<ServiceOrder, CancelOrder> body =
        order -> new CancelOrder(order.appid().value(), order.serviceId().value(), command.reason());
    return request(
        command.mchid(),
        command.outOrderNo(),
        LifecycleEvent.CANCELLED,
        IntentKind.CANCEL,
        order -> validator.validateCancel(body.apply(order)),
        order -> validator.validateCancel(body.apply(order)),
        order -> CancelPayload.of(body.apply(order)),
        command.requestedBy(),
        AuditEventType.CANCEL_REQUESTED,
        command.reason());
  }

  /** Modify: only DOING/MCH_COMPLETE, only down, items summing to the new total (§2.4, §4.1). */
  public RequestChangeResult modify(RequestModifyCommand command) {
    Objects.requireNonNull(command, "command == null");
    Function<ServiceOrder, ModifyOrder> body =
        order ->
            new ModifyOrder(
                order.appid().value(),
                order.serviceId().value(),
                command.postPayments(),
                command.postDiscounts(),
                command.totalAmount(),
                command.reason(),
                command.device());
    return request(
        command.mchid(),
        command.outOrderNo(),
        LifecycleEvent.AMOUNT_MODIFIED,
        IntentKind.MODIFY,
        order -> validator.validateModify(body.apply(order)),
        order -> validator.validateModify(body.apply(order), order),
        order -> ModifyPayload.of(body.apply(order)),
        command.requestedBy(),
        AuditEventType.MODIFY_REQUESTED,
        command.reason());
  }

  /**
   * @param alone the body's violations on its own (judged before anything else, repeats included)
   * @param againstOrder the body's violations against the order as it is now (judged for a new
   *     request only: an identical repeat was judged when it was new)
   */
  private RequestChangeResult request(
      MerchantId mchid,
      OutOrderNo outOrderNo,
      LifecycleEvent event,
      IntentKind kind,
      Function<ServiceOrder, List<Violation>> alone,
      Function<ServiceOrder, List<Violation>> againstOrder,
      Function<ServiceOrder, IntentPayload> freezer,
      String requestedBy,
      AuditEventType requested,
      String reason) {
    Problems problems = new Problems();
    if (requestedBy.isBlank()) {
      problems.violations.add(
          new Violation("requested_by", Rule.REQUIRED, null, "must not be blank"));
    }
    // The order's row lock serializes every request of an intent for this order until commit.
    Optional<ServiceOrder> found = repositories.orders().lock(mchid, outOrderNo);
    if (found.isEmpty()) {
      return new RequestChangeResult.Refused(
          RefusalReason.UNKNOWN_ORDER, "no local order " + mchid + "/" + outOrderNo);
    }
    ServiceOrder order = found.get();
    if (!problems.isEmpty() || !alone.apply(order).isEmpty()) {
      // Invalid input: report what the order says too, all at once.
      suits(order, event, againstOrder, problems);
      return refused(problems);
    }
    IntentPayload payload = freezer.apply(order);
    Optional<IntentRef> open = IntentRecording.open(repositories, mchid, outOrderNo);
    IntentRecording.Plan plan =
        IntentRecording.plan(repositories, mchid, outOrderNo, kind, payload.sha256(), open);
    if (plan instanceof IntentRecording.Held held) {
      return new RequestChangeResult.AnotherIntentOpen(held.open());
    }
    if (plan instanceof IntentRecording.Repeat repeat) {
      return new RequestChangeResult.AlreadyRequested(repeat.existing());
    }
    if (plan instanceof IntentRecording.Conflict conflict) {
      return new RequestChangeResult.Conflict(conflict.existing(), payload.sha256());
    }
    // A new request (or the next generation) must suit the order now; a repeat was judged above.
    suits(order, event, againstOrder, problems);
    if (!problems.isEmpty()) {
      return refused(problems);
    }
    Instant now = clock.instant();
    RecordResult recorded =
        IntentRecording.write(
            repositories,
            (IntentRecording.New) plan,
            mchid,
            outOrderNo,
            kind,
            payload,
            requestedBy,
            now,
            null);
    if (recorded instanceof RecordResult.AlreadyRecorded already) {
      return new RequestChangeResult.AlreadyRequested(already.intent());
    }
    if (recorded instanceof RecordResult.Conflict conflict) {
      return new RequestChangeResult.Conflict(conflict.intent(), conflict.requestedSha256());
    }
    if (recorded instanceof RecordResult.AnotherIntentOpen other) {
      return new RequestChangeResult.AnotherIntentOpen(other.open());
    }
    CompletionIntent intent = ((RecordResult.Recorded) recorded).intent();
    repositories
        .audit()
        .append(
            new AuditEntry(
                mchid,
                outOrderNo,
                requested,
                order.lifecycle(),
                null,
                AuditCause.REQUEST,
                requestedBy,
                intent.id(),
                payload.amount(),
                payload.sha256(),
                null,
                null,
                null,
                null,
                intent.generation() > 1 ? reason + " (generation " + intent.generation() + ")" : reason,
                now));
    return new RequestChangeResult.Requested(intent);
  }

  private static void suits(
      ServiceOrder order,
      LifecycleEvent event,
      Function<ServiceOrder, List<Violation>> againstOrder,
      Problems problems) {
    if (order.transition(event) instanceof Transition.Refused refusal) {
      problems.state = refusal.reason();
    }
    problems.violations.addAll(againstOrder.apply(order));
  }

  private static RequestChangeResult refused(Problems problems) {
    List<String> detail = new ArrayList<>();
    if (problems.state != null) {
      detail.add(problems.state);
    }
    problems.violations.forEach(violation -> detail.add(violation.describe()));
    return new RequestChangeResult.Refused(
        problems.violations.isEmpty() ? RefusalReason.WRONG_STATE : RefusalReason.INVALID,
        String.join("; ", detail),
        problems.violations);
  }

  /** What is wrong with a request: the order's state, and every broken rule. */
  private static final class Problems {
    private @Nullable String state;
    private final List<Violation> violations = new ArrayList<>();

    boolean isEmpty() {
      return state == null && violations.isEmpty();
    }
  }
}
