package dev.payscore.domain.port.out;

import dev.payscore.domain.model.MerchantId;
import dev.payscore.domain.model.OutOrderNo;
import dev.payscore.domain.model.ServiceOrder;
import java.util.Optional;

/** The local mirrors of service orders, one per (mchid, out_order_no). */
public interface ServiceOrders {

  Optional<ServiceOrder> find(MerchantId mchid, OutOrderNo outOrderNo);

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
}
