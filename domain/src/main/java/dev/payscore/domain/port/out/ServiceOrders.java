package dev.payscore.domain.port.out;

import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.MerchantId;
import dev.payscore.domain.model.OutOrderNo;
import dev.payscore.domain.model.ServiceOrder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The local mirrors of service orders, one per (mchid, out_order_no). */
public interface ServiceOrders {

  Optional<ServiceOrder> find(MerchantId mchid, OutOrderNo outOrderNo);

  /**
   * {@link #find}, and the order's row stays locked until the transaction ends ({@code SELECT … FOR
   * UPDATE}): every request of an intent (complete, cancel, modify) takes this lock before it reads
   * the order's intents and records one, so two requests for one order never both pass the check.
   */
  Optional<ServiceOrder> lock(MerchantId mchid, OutOrderNo outOrderNo);

  /**
   * Stores a new order and returns it at version 1.
   *
   * @throws StorageException if the order exists already
   */
  ServiceOrder insert(ServiceOrder order);

  /**
   * Stores {@code order} if the stored row is still at {@code order.version()}; returns it at the
   * next version.
   *
   * @throws StaleWriteException if another writer changed the row first
   */
  ServiceOrder update(ServiceOrder order);

  /**
   * Claims up to {@code limit} orders in one of {@code states} that were neither changed nor
   * claimed since {@code before}, least recently checked first, and stamps them checked at {@code
   * now} (their version unchanged) in one statement that skips rows other claimers hold. A claimed
   * order is not claimed again until {@code before} passes its stamp: this is how several sweeping
   * instances share the work without checking one order twice.
   */
  List<ServiceOrder> claimUnchangedSince(
      Set<LifecycleState> states, Instant before, Instant now, int limit);
}
