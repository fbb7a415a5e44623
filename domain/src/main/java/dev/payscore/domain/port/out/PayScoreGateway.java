package dev.payscore.domain.port.out;

import dev.payscore.CompleteOrder;
import dev.payscore.CreateOrder;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.domain.model.ObservedOrder;
import java.util.Optional;

/**
 * WeChat Pay Score's service-order API as the domain needs it. Each method makes exactly one
 * attempt and reports a {@link GatewayOutcome}; it never throws for anything WeChat or the network
 * did.
 */
public interface PayScoreGateway {

  /** {@code POST /v3/payscore/serviceorder}: the order as created ({@code package} in confirm mode). */
  GatewayOutcome<ObservedOrder> create(MerchantId mchid, CreateOrder body);

  /** {@code POST /v3/payscore/serviceorder/{out_order_no}/complete} with exactly {@code body}. */
  GatewayOutcome<ObservedOrder> complete(MerchantId mchid, OutOrderNo outOrderNo, CompleteOrder body);

  /**
   * {@link #complete(MerchantId, OutOrderNo, CompleteOrder)} with a stored, already-serialized body:
   * exactly {@code body} is signed and sent, never parsed or re-serialized, so every attempt of an
   * intent sends the bytes its first attempt sent.
   */
  GatewayOutcome<ObservedOrder> complete(MerchantId mchid, OutOrderNo outOrderNo, byte[] body);

  /** {@code GET /v3/payscore/serviceorder?out_order_no=…}: WeChat's current view of the order. */
  GatewayOutcome<ObservedOrder> query(MerchantId mchid, OrderQuery query);

  /** {@code POST /v3/payscore/serviceorder/{out_order_no}/cancel}. */
  GatewayOutcome<OrderReceipt> cancel(MerchantId mchid, OutOrderNo outOrderNo, CancelOrder body);

  /** {@link #cancel(MerchantId, OutOrderNo, CancelOrder)} sending exactly the stored {@code body}. */
  GatewayOutcome<OrderReceipt> cancel(MerchantId mchid, OutOrderNo outOrderNo, byte[] body);

  /** {@code POST /v3/payscore/serviceorder/{out_order_no}/modify}: the order with its new total. */
  GatewayOutcome<ObservedOrder> modify(MerchantId mchid, OutOrderNo outOrderNo, ModifyOrder body);

  /** {@link #modify(MerchantId, OutOrderNo, ModifyOrder)} sending exactly the stored {@code body}. */
  GatewayOutcome<ObservedOrder> modify(MerchantId mchid, OutOrderNo outOrderNo, byte[] body);

  /**
   * {@code POST /v3/payscore/serviceorder/{out_order_no}/sync}. WeChat answers 200 with the order
   * or 204 with no body (§2.6): the accepted body is empty on 204; query to see the order.
   */
  GatewayOutcome<Optional<ObservedOrder>> sync(
      MerchantId mchid, OutOrderNo outOrderNo, SyncOrder body);

  /**
   * {@code POST /v3/payscore/serviceorder/{out_order_no}/pay} (催收). WeChat answers 200 with a
   * receipt or 204 with no body (§2.7).
   */
  GatewayOutcome<Optional<OrderReceipt>> pay(
      MerchantId mchid, OutOrderNo outOrderNo, CollectOrder body);
}
