package dev.payscore.domain.port.out;

import dev.payscore.domain.completion.CompleteOrder;
import dev.payscore.domain.model.MerchantId;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.OutOrderNo;

/**
 * WeChat Pay Score's service-order API as the domain needs it. Each method makes exactly one
 * attempt and reports a {@link GatewayOutcome}; it never throws for anything WeChat or the network
 * did.
 */
public interface PayScoreGateway {

  /** {@code POST /v3/payscore/serviceorder/{out_order_no}/complete} with exactly {@code body}. */
  GatewayOutcome<ObservedOrder> complete(MerchantId mchid, OutOrderNo outOrderNo, CompleteOrder body);

  /** {@code GET /v3/payscore/serviceorder?out_order_no=…}: WeChat's current view of the order. */
  GatewayOutcome<ObservedOrder> query(MerchantId mchid, OrderQuery query);
}
