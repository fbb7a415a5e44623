package dev.payscore.domain.usecase;

import dev.payscore.AppId;
import dev.payscore.AuditEventType;
import dev.payscore.CreateOrder;
import dev.payscore.CreateServiceOrderCommand;
import dev.payscore.LifecycleResult;
import dev.payscore.MerchantId;
import dev.payscore.OrderCommand;
import dev.payscore.OutOrderNo;
import dev.payscore.RefusalReason;
import dev.payscore.Rule;
import dev.payscore.ServiceId;
import dev.payscore.Violation;
import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.domain.model.LifecycleEvent;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.model.ServiceTime;
import dev.payscore.domain.model.Transition;
import dev.payscore.domain.port.out.CollectOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.OrderQuery;
import dev.payscore.domain.port.out.PayScoreGateway;
import dev.payscore.domain.port.out.SyncOrder;
import dev.payscore.domain.port.out.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The lifecycle operations that WeChat answers at once: create, sync (paid elsewhere), collect (催收)
 * and refresh. Each is guarded by the transition table before any call (a refusal is a value and
 * nothing is sent), makes one call, settles an ambiguous outcome by a query with the same
 * out_order_no, and mirrors WeChat's answer forward only, with its audit event, in one transaction.
 * No database transaction is held open across a call to WeChat.
 *
 * <p><b>Create and durability.</b> No local row exists before WeChat has answered: the mirror is
 * written from WeChat's view (the create response, or the settling query). A create whose outcome
 * stays unknown writes nothing and returns {@link LifecycleResult.Unknown}; repeating the same
 * command is safe, since WeChat accepts an identical create again (原参重入) and this handler first
 * looks for the mirror, then re-sends the same out_order_no, never a new one.
 */
public final class OrderLifecycleHandler {
  private final Transactions transactions;
  private final PayScoreGateway gateway;
  private final Clock clock;
  private final CompletionValidator validator;

  public OrderLifecycleHandler(Transactions transactions, PayScoreGateway gateway, Clock clock) {
    this(transactions, gateway, clock, new CompletionValidator(clock));
  }

  /**
   * With the validator (limits, service risk caps) the merchant's other requests are judged by: a
   * create body is checked by the same rule of each field as complete and modify.
   */
  public OrderLifecycleHandler(
      Transactions transactions,
      PayScoreGateway gateway,
      Clock clock,
      CompletionValidator validator) {
    this.transactions = Objects.requireNonNull(transactions, "transactions == null");
    this.gateway = Objects.requireNonNull(gateway, "gateway == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.validator = Objects.requireNonNull(validator, "validator == null");
  }

  /**
   * Creates the order at WeChat and its local mirror (confirm page {@code package} included). The
   * body is validated first ({@link CompletionValidator#validateCreate}): every violation is
   * reported at once and nothing is sent.
   */
  public LifecycleResult create(CreateServiceOrderCommand command) {
    Objects.requireNonNull(command, "command == null");
    List<Violation> problems = problems(command);
    if (!problems.isEmpty()) {
      return LifecycleResult.Refused.invalid(problems);
    }
    CreateOrder body = command.body();
    OutOrderNo outOrderNo = OutOrderNo.of(body.outOrderNo());
    Optional<ServiceOrder> existing =
        transactions.inTransaction(repos -> repos.orders().find(command.mchid(), outOrderNo));
    if (existing.isPresent()) {
      return new LifecycleResult.Applied(existing.get(), null);
    }
    GatewayOutcome<ObservedOrder> outcome = guarded(() -> gateway.create(command.mchid(), body));
    if (outcome instanceof GatewayOutcome.Accepted<ObservedOrder> accepted) {
      return mirrorCreated(command, accepted.body(), "created", accepted.body().packageValue());
    }
    if (outcome instanceof GatewayOutcome.Rejected<ObservedOrder> rejected) {
      return new LifecycleResult.Rejected(rejected.status(), rejected.code(), rejected.message());
    }
    GatewayOutcome<ObservedOrder> query =
        query(command.mchid(), AppId.of(body.appid()), ServiceId.of(body.serviceId()), outOrderNo);
    if (query instanceof GatewayOutcome.Accepted<ObservedOrder> found) {
      return mirrorCreated(
          command, found.body(), "created; settled by query after " + outcome.summary(), null);
    }
    return new LifecycleResult.Unknown(
        "create " + outcome.summary() + "; query " + query.summary() + ": repeat the same create");
  }

  /** Syncs a completed order as paid outside Pay Score at {@code paidTime} (§2.6): DONE. */
  public LifecycleResult sync(OrderCommand command, String paidTime) {
    Objects.requireNonNull(command, "command == null");
    Objects.requireNonNull(paidTime, "paidTime == null");
    if (ServiceTime.tryParse(paidTime).isEmpty()) {
      return LifecycleResult.Refused.invalid(
          List.of(
              new Violation(
                  "paid_time", Rule.TIME_FORMAT, paidTime, "is not yyyyMMddHHmmss or yyyyMMdd")));
    }
    return call(
        command,
        LifecycleEvent.SYNCED_PAID,
        order -> {
          GatewayOutcome<Optional<ObservedOrder>> outcome =
              guarded(
                  () ->
                      gateway.sync(
                          order.mchid(),
                          order.outOrderNo(),
                          SyncOrder.orderPaid(
                              order.appid().value(), order.serviceId().value(), paidTime)));
          return withoutBody(outcome);
        });
  }

  /** Asks WeChat to collect a completed, unpaid order again (催收, §2.7). */
  public LifecycleResult collect(OrderCommand command) {
    Objects.requireNonNull(command, "command == null");
    return call(
        command,
        LifecycleEvent.COLLECTION_REQUESTED,
        order ->
            withoutBody(
                guarded(
                    () ->
                        gateway.pay(
                            order.mchid(),
                            order.outOrderNo(),
                            new CollectOrder(order.appid().value(), order.serviceId().value())))));
  }

  /**
   * Fetches WeChat's view and moves the mirror forward (never backward); a stale view is recorded
   * in the audit history and otherwise ignored.
   */
  public LifecycleResult refresh(OrderCommand command) {
    Objects.requireNonNull(command, "command == null");
    Optional<ServiceOrder> found = load(command);
    if (found.isEmpty()) {
      return unknownOrder(command);
    }
    ServiceOrder order = found.get();
    GatewayOutcome<ObservedOrder> query =
        query(order.mchid(), order.appid(), order.serviceId(), order.outOrderNo());
    if (query instanceof GatewayOutcome.Accepted<ObservedOrder> accepted) {
      return new LifecycleResult.Applied(
          mirror(
              command, accepted.body(), AuditEventType.STATE_OBSERVED, AuditCause.QUERY, "refresh"),
          null);
    }
    return notApplied(query);
  }

  /** One guarded call: refused locally unless the table allows {@code event}; the view mirrored. */
  private LifecycleResult call(
      OrderCommand command,
      LifecycleEvent event,
      java.util.function.Function<ServiceOrder, GatewayOutcome<Optional<ObservedOrder>>> send) {
    Optional<ServiceOrder> found = load(command);
    if (found.isEmpty()) {
      return unknownOrder(command);
    }
    ServiceOrder order = found.get();
    if (order.transition(event) instanceof Transition.Refused refused) {
      return new LifecycleResult.Refused(RefusalReason.WRONG_STATE, refused.reason());
    }
    GatewayOutcome<Optional<ObservedOrder>> outcome = send.apply(order);
    if (outcome instanceof GatewayOutcome.Rejected<Optional<ObservedOrder>> rejected) {
      audit(command, order, event, rejected.code(), rejected.message());
      return new LifecycleResult.Rejected(rejected.status(), rejected.code(), rejected.message());
    }
    if (outcome instanceof GatewayOutcome.Accepted<Optional<ObservedOrder>> accepted
        && accepted.body().isPresent()) {
      return new LifecycleResult.Applied(
          applied(command, order, event, accepted.body().get()), null);
    }
    // 204 (no body), or an ambiguous outcome: WeChat's view settles it.
    GatewayOutcome<ObservedOrder> query =
        query(order.mchid(), order.appid(), order.serviceId(), order.outOrderNo());
    if (query instanceof GatewayOutcome.Accepted<ObservedOrder> view
        && (outcome instanceof GatewayOutcome.Accepted || reached(event, view.body()))) {
      return new LifecycleResult.Applied(applied(command, order, event, view.body()), null);
    }
    return new LifecycleResult.Unknown(
        event + ": " + outcome.summary() + "; query " + query.summary() + ": repeat it");
  }

  /** Whether WeChat's view shows {@code event} applied (collection leaves no trace: never). */
  private static boolean reached(LifecycleEvent event, ObservedOrder view) {
    return event == LifecycleEvent.SYNCED_PAID && view.lifecycle() == LifecycleState.DONE;
  }

  private ServiceOrder applied(
      OrderCommand command, ServiceOrder before, LifecycleEvent event, ObservedOrder view) {
    return transactions.inTransaction(
        repos -> {
          ServiceOrder order =
              repos.orders().find(command.mchid(), command.outOrderNo()).orElse(before);
          ServiceOrder after =
              OrderMirror.apply(
                      repos,
                      order,
                      view,
                      AuditEventType.TRANSITION_APPLIED,
                      AuditCause.API_CALL,
                      command.requestedBy(),
                      event.name(),
                      clock.instant())
                  .order();
          if (order.lifecycle() == view.lifecycle()) {
            // No move (a collection request): the call itself is the event to record.
            repos.audit().append(entry(command, order, event, null, null, "applied"));
          }
          return after;
        });
  }

  private void audit(
      OrderCommand command, ServiceOrder order, LifecycleEvent event, String code, String message) {
    transactions.inTransaction(
        repos -> repos.audit().append(entry(command, order, event, code, message, "rejected")));
  }

  private AuditEntry entry(
      OrderCommand command,
      ServiceOrder order,
      LifecycleEvent event,
      @Nullable String code,
      @Nullable String message,
      String what) {
    return new AuditEntry(
        order.mchid(),
        order.outOrderNo(),
        AuditEventType.TRANSITION_APPLIED,
        order.lifecycle(),
        order.lifecycle(),
        AuditCause.API_CALL,
        command.requestedBy(),
        null,
        order.totalAmount(),
        null,
        null,
        code,
        message,
        null,
        event + " " + what,
        clock.instant());
  }

  private ServiceOrder mirror(
      OrderCommand command,
      ObservedOrder view,
      AuditEventType advanced,
      AuditCause cause,
      String detail) {
    return transactions.inTransaction(
        repos -> {
          ServiceOrder order =
              repos.orders().find(command.mchid(), command.outOrderNo()).orElseThrow();
          return OrderMirror.apply(
                  repos,
                  order,
                  view,
                  advanced,
                  cause,
                  command.requestedBy(),
                  detail,
                  clock.instant())
              .order();
        });
  }

  private LifecycleResult mirrorCreated(
      CreateServiceOrderCommand command,
      ObservedOrder view,
      String detail,
      @Nullable String confirmPackage) {
    ServiceOrder order =
        transactions.inTransaction(
            repos -> {
              Optional<ServiceOrder> raced =
                  repos.orders().find(command.mchid(), view.outOrderNo());
              if (raced.isPresent()) {
                return raced.get();
              }
              ServiceOrder mirror = newMirror(command, view);
              if (mirror.lifecycle() != LifecycleState.CREATED) {
                // no confirm page (no-confirm mode): the order started when WeChat answered
                mirror = mirror.withConfirmation(clock.instant());
              }
              ServiceOrder stored = repos.orders().insert(mirror);
              repos.audit().append(created(command, stored, detail));
              return stored;
            });
    return new LifecycleResult.Applied(order, confirmPackage);
  }

  private ServiceOrder newMirror(CreateServiceOrderCommand command, ObservedOrder view) {
    CreateOrder body = command.body();
    return new ServiceOrder(
        command.mchid(),
        view.outOrderNo(),
        view.appid(),
        view.serviceId(),
        body.serviceIntroduction(),
        command.mode(),
        view.lifecycle(),
        view.riskFund() != null ? view.riskFund() : body.riskFund(),
        view.timeRange() != null ? view.timeRange() : body.timeRange(),
        view.postPayments().isEmpty() ? body.postPayments() : view.postPayments(),
        view.postDiscounts().isEmpty() ? body.postDiscounts() : view.postDiscounts(),
        view.location() != null ? view.location() : body.location(),
        body.attach(),
        body.notifyUrl(),
        view.openid() != null ? view.openid() : body.openid(),
        view.orderId(),
        view.totalAmount(),
        view.needCollection(),
        view.collection(),
        null, // confirmedAt: not known yet
        0);
  }

  private AuditEntry created(CreateServiceOrderCommand command, ServiceOrder order, String detail) {
    return new AuditEntry(
        order.mchid(),
        order.outOrderNo(),
        AuditEventType.ORDER_CREATED,
        null,
        order.lifecycle(),
        AuditCause.API_CALL,
        command.requestedBy(),
        null,
        order.riskFund().amount(),
        null,
        null,
        null,
        null,
        null,
        detail + " (" + command.mode() + ")",
        clock.instant());
  }

  private List<Violation> problems(CreateServiceOrderCommand command) {
    List<Violation> problems = new ArrayList<>(validator.validateCreate(command.body()));
    if (command.requestedBy().isBlank()) {
      problems.add(new Violation("requested_by", Rule.REQUIRED, null, "must not be blank"));
    }
    return problems;
  }

  private Optional<ServiceOrder> load(OrderCommand command) {
    return transactions.inTransaction(
        repos -> repos.orders().find(command.mchid(), command.outOrderNo()));
  }

  private static LifecycleResult unknownOrder(OrderCommand command) {
    return new LifecycleResult.Refused(
        RefusalReason.UNKNOWN_ORDER,
        "no local order " + command.mchid() + "/" + command.outOrderNo());
  }

  private GatewayOutcome<ObservedOrder> query(
      MerchantId mchid, AppId appid, ServiceId serviceId, OutOrderNo outOrderNo) {
    return guarded(
        () -> gateway.query(mchid, OrderQuery.byOutOrderNo(appid, serviceId, outOrderNo)));
  }

  private static LifecycleResult notApplied(GatewayOutcome<?> outcome) {
    if (outcome instanceof GatewayOutcome.Rejected<?> rejected) {
      return new LifecycleResult.Rejected(rejected.status(), rejected.code(), rejected.message());
    }
    return new LifecycleResult.Unknown(outcome.summary());
  }

  /** A receipt-or-view outcome as an optional view: a receipt carries no order state. */
  @SuppressWarnings("unchecked")
  private static <T> GatewayOutcome<Optional<ObservedOrder>> withoutBody(
      GatewayOutcome<Optional<T>> outcome) {
    if (outcome instanceof GatewayOutcome.Accepted<Optional<T>> accepted) {
      Optional<ObservedOrder> view =
          accepted.body().filter(ObservedOrder.class::isInstance).map(ObservedOrder.class::cast);
      return new GatewayOutcome.Accepted<>(view, accepted.requestId());
    }
    return (GatewayOutcome<Optional<ObservedOrder>>) (GatewayOutcome<?>) outcome;
  }

  /** The port promises not to throw; if it does, the request may have left: ambiguous. */
  private static <T> GatewayOutcome<T> guarded(Supplier<GatewayOutcome<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return new GatewayOutcome.Unknown<>(
          GatewayOutcome.UnknownCause.MALFORMED_RESPONSE,
          "gateway threw " + e.getClass().getName(),
          0,
          null);
    }
  }
}
