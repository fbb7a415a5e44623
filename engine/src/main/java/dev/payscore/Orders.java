package dev.payscore;

import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.Repositories;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.domain.usecase.OrderLifecycleHandler;
import dev.payscore.domain.usecase.RequestChangeHandler;
import java.sql.Connection;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operations on an order's life besides completion: those WeChat answers at once (create with
 * the confirm page's {@code package}, sync (paid elsewhere), collect (催收), refresh), and cancel and
 * modify, which are durable intents like completions (recorded in the caller's transaction, sent by
 * the dispatcher, reconciled, audited). Operations the state does not allow are refused locally, as
 * values, before any call.
 *
 * <pre>{@code
 * LifecycleResult created = payScore.orders().create(new CreateServiceOrderCommand(mchid, body, "shop"));
 * if (created instanceof LifecycleResult.Applied applied) {
 *   String confirmPackage = applied.confirmPackage();   // for the mini-program confirm page
 * }
 * }</pre>
 *
 * <p>Thread-safe; one per {@link PayScore}, shared by every thread (get it from {@link
 * PayScore#orders()}).
 */
public final class Orders {
  private final Transactions transactions;
  private final OrderLifecycleHandler handler;
  private final Clock clock;
  private final WakeUp wakeUp;
  private final CompletionValidator validator;
  private final PayScoreListener listener;
  private final RequestTransactions requests;

  Orders(
      Transactions transactions,
      OrderLifecycleHandler handler,
      Clock clock,
      WakeUp wakeUp,
      CompletionValidator validator,
      PayScoreListener listener,
      RequestTransactions requests) {
    this.requests = requests;
    this.transactions = transactions;
    this.handler = handler;
    this.clock = clock;
    this.wakeUp = wakeUp;
    this.validator = validator;
    this.listener = PayScoreListener.guarded(listener);
  }

  /**
   * Requests a cancel inside the caller's transaction on {@code connection} (nothing is committed,
   * rolled back or closed here): a CANCEL intent, sent by the dispatcher once the caller commits.
   *
   * @throws IllegalArgumentException if the connection is in auto-commit mode (no transaction)
   */
  public RequestChangeResult cancel(Connection connection, RequestCancelCommand command) {
    Objects.requireNonNull(connection, "connection == null");
    Objects.requireNonNull(command, "command == null");
    RequestChangeResult result = changes(CallerTransaction.join(connection)).cancel(command);
    if (result instanceof RequestChangeResult.Requested) {
      wakeUp.recordedInCallerTransaction();
    }
    return result;
  }

  /**
   * Requests a cancel in the transaction the calling thread is in, if {@link
   * PayScore.Builder#transactions} joins it, otherwise in one of its own; dispatchers are woken once
   * it committed.
   */
  public RequestChangeResult cancel(RequestCancelCommand command) {
    Objects.requireNonNull(command, "command == null");
    return requests.record(
        repos -> changes(repos).cancel(command), RequestChangeResult.Requested.class::isInstance);
  }

  /**
   * Requests a lower total inside the caller's transaction on {@code connection}: a MODIFY intent,
   * sent by the dispatcher once the caller commits.
   *
   * @throws IllegalArgumentException if the connection is in auto-commit mode (no transaction)
   */
  public RequestChangeResult modify(Connection connection, RequestModifyCommand command) {
    Objects.requireNonNull(connection, "connection == null");
    Objects.requireNonNull(command, "command == null");
    RequestChangeResult result = changes(CallerTransaction.join(connection)).modify(command);
    if (result instanceof RequestChangeResult.Requested) {
      wakeUp.recordedInCallerTransaction();
    }
    return result;
  }

  /**
   * Requests a lower total in the transaction the calling thread is in, if {@link
   * PayScore.Builder#transactions} joins it, otherwise in one of its own.
   */
  public RequestChangeResult modify(RequestModifyCommand command) {
    Objects.requireNonNull(command, "command == null");
    return requests.record(
        repos -> changes(repos).modify(command), RequestChangeResult.Requested.class::isInstance);
  }

  /** The intent of {@code kind} of an order, if one was requested. */
  public Optional<CompletionIntent> intent(
      MerchantId mchid, OutOrderNo outOrderNo, IntentKind kind) {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(kind, "kind == null");
    return transactions.inTransaction(repos -> repos.intents().find(mchid, outOrderNo, kind));
  }

  private RequestChangeHandler changes(Repositories repositories) {
    // the completions' validator: a modification's bill is judged by the same rules
    return new RequestChangeHandler(repositories, clock, validator);
  }

  /**
   * Creates the order at WeChat and its local mirror. A create whose outcome stays unknown writes
   * nothing: repeat the same command (same out_order_no; WeChat accepts an identical repeat).
   */
  public LifecycleResult create(CreateServiceOrderCommand command) {
    LifecycleResult result = handler.create(command);
    if (result instanceof LifecycleResult.Applied applied) {
      ServiceOrder order = applied.order();
      listener.orderTransitioned(
          order.mchid(), order.outOrderNo(), null, order.lifecycle(), AuditCause.API_CALL);
    }
    return result;
  }

  /** Tells WeChat a completed order was paid in another channel at {@code paidTime}. */
  public LifecycleResult sync(OrderCommand command, String paidTime) {
    return told(command, AuditCause.API_CALL, () -> handler.sync(command, paidTime));
  }

  /** Asks WeChat to collect a completed, unpaid order again (催收). */
  public LifecycleResult collect(OrderCommand command) {
    return told(command, AuditCause.API_CALL, () -> handler.collect(command));
  }

  /** Fetches WeChat's view and moves the mirror forward only. */
  public LifecycleResult refresh(OrderCommand command) {
    return told(command, AuditCause.QUERY, () -> handler.refresh(command));
  }

  /**
   * Runs an operation and, once it committed a move of the mirror, tells the listener (the state
   * before is read only when there is a listener).
   */
  private LifecycleResult told(
      OrderCommand command, AuditCause cause, Supplier<LifecycleResult> operation) {
    Objects.requireNonNull(command, "command == null");
    if (listener == PayScoreListener.NONE) {
      return operation.get();
    }
    Optional<LifecycleState> before =
        find(command.mchid(), command.outOrderNo()).map(ServiceOrder::lifecycle);
    LifecycleResult result = operation.get();
    if (result instanceof LifecycleResult.Applied applied
        && before.isPresent()
        && applied.order().lifecycle() != before.get()) {
      listener.orderTransitioned(
          command.mchid(),
          command.outOrderNo(),
          before.get(),
          applied.order().lifecycle(),
          cause);
    }
    return result;
  }

  /** The local mirror of an order. */
  public Optional<ServiceOrder> find(MerchantId mchid, OutOrderNo outOrderNo) {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    return transactions.inTransaction(repos -> repos.orders().find(mchid, outOrderNo));
  }
}
