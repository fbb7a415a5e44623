package dev.payscore.engine;

import dev.payscore.domain.model.MerchantId;
import dev.payscore.domain.model.OutOrderNo;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.in.CreateServiceOrderCommand;
import dev.payscore.domain.port.in.LifecycleResult;
import dev.payscore.domain.port.in.OrderCommand;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.domain.usecase.OrderLifecycleHandler;
import java.util.Objects;
import java.util.Optional;

/**
 * The operations on an order's life that WeChat answers at once: create (with the confirm page's
 * {@code package}), sync (paid elsewhere), collect (催收) and refresh; and the local mirror.
 * Operations the state does not allow are refused locally, as values, before any call.
 *
 * <pre>{@code
 * LifecycleResult created = payScore.orders().create(new CreateServiceOrderCommand(mchid, body, "shop"));
 * if (created instanceof LifecycleResult.Applied applied) {
 *   String confirmPackage = applied.confirmPackage();   // for the mini-program confirm page
 * }
 * }</pre>
 */
public final class Orders {
  private final Transactions transactions;
  private final OrderLifecycleHandler handler;

  Orders(Transactions transactions, OrderLifecycleHandler handler) {
    this.transactions = transactions;
    this.handler = handler;
  }

  /**
   * Creates the order at WeChat and its local mirror. A create whose outcome stays unknown writes
   * nothing: repeat the same command (same out_order_no; WeChat accepts an identical repeat).
   */
  public LifecycleResult create(CreateServiceOrderCommand command) {
    return handler.create(command);
  }

  /** Tells WeChat a completed order was paid in another channel at {@code paidTime}. */
  public LifecycleResult sync(OrderCommand command, String paidTime) {
    return handler.sync(command, paidTime);
  }

  /** Asks WeChat to collect a completed, unpaid order again (催收). */
  public LifecycleResult collect(OrderCommand command) {
    return handler.collect(command);
  }

  /** Fetches WeChat's view and moves the mirror forward only. */
  public LifecycleResult refresh(OrderCommand command) {
    return handler.refresh(command);
  }

  /** The local mirror of an order. */
  public Optional<ServiceOrder> find(MerchantId mchid, OutOrderNo outOrderNo) {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    return transactions.inTransaction(repos -> repos.orders().find(mchid, outOrderNo));
  }
}
