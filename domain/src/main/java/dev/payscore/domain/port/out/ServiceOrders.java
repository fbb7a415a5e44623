package dev.payscore.domain.port.out;

import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.StorageException;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

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
   * {@link #lock} of several orders at once, locked in {@link OrderKey} order (so that two callers
   * locking overlapping sets wait for each other instead of deadlocking); orders that do not exist
   * are left out. Adapters may read and lock them in one statement.
   */
  default List<ServiceOrder> lockAll(Collection<OrderKey> keys) {
    List<ServiceOrder> locked = new ArrayList<>(keys.size());
    for (OrderKey key : new TreeSet<>(keys)) {
      lock(key.mchid(), key.outOrderNo()).ifPresent(locked::add);
    }
    return locked;
  }

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
   * {@link #update} of several orders (each at most once), all or none: returns them at their next
   * versions, in the same order. Adapters may write them in one statement.
   *
   * @throws StaleWriteException if any of them changed since it was read (the caller's
   *     transaction must then be rolled back: others may have been written)
   */
  default List<ServiceOrder> updateAll(List<ServiceOrder> orders) {
    return orders.stream().map(this::update).toList();
  }

  /**
   * Claims up to {@code limit} orders in {@code state} that a sweep should look at now, by the
   * database's clock: those never looked at since their last change and unchanged for {@code
   * unchangedFor} (longest unchanged first), then those whose next check time has come (earliest
   * first). Only orders of {@code merchants} are claimed, of every merchant when it is empty. Each
   * claimed order's next check is set {@code unchangedFor} ahead in the same statement, which skips
   * rows other claimers hold: several instances never look at one order twice, and an order whose
   * look was never recorded (a crash) is looked at again later.
   */
  List<SweepCandidate> claimForSweep(
      LifecycleState state, Set<MerchantId> merchants, Duration unchangedFor, int limit);

  /**
   * Records a sweep's look at {@code order} (as loaded or written in this transaction): the next
   * check {@code nextCheckIn} from now (database time), the back-off step {@code checks} and the
   * finding audited last. Nothing when the order changed since (its schedule started over).
   *
   * @return whether it was recorded
   */
  boolean recordSweep(
      ServiceOrder order, Duration nextCheckIn, int checks, @Nullable String lastFinding);
}
