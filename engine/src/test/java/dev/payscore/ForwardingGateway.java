package dev.payscore;

import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.port.out.CancelOrder;
import dev.payscore.domain.port.out.CollectOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.ModifyOrder;
import dev.payscore.domain.port.out.OrderQuery;
import dev.payscore.domain.port.out.OrderReceipt;
import dev.payscore.domain.port.out.PayScoreGateway;
import dev.payscore.domain.port.out.SyncOrder;
import java.util.Optional;

/** A gateway that passes every call on; tests override the calls they watch or hold. */
class ForwardingGateway implements PayScoreGateway {
  private final PayScoreGateway delegate;

  ForwardingGateway(PayScoreGateway delegate) {
    this.delegate = delegate;
  }

  @Override
  public GatewayOutcome<ObservedOrder> create(MerchantId mchid, CreateOrder body) {
    return delegate.create(mchid, body);
  }

  @Override
  public GatewayOutcome<ObservedOrder> complete(
      MerchantId mchid, OutOrderNo outOrderNo, CompleteOrder body) {
    return delegate.complete(mchid, outOrderNo, body);
  }

  @Override
  public GatewayOutcome<ObservedOrder> query(MerchantId mchid, OrderQuery query) {
    return delegate.query(mchid, query);
  }

  @Override
  public GatewayOutcome<OrderReceipt> cancel(
      MerchantId mchid, OutOrderNo outOrderNo, CancelOrder body) {
    return delegate.cancel(mchid, outOrderNo, body);
  }

  @Override
  public GatewayOutcome<ObservedOrder> modify(
      MerchantId mchid, OutOrderNo outOrderNo, ModifyOrder body) {
    return delegate.modify(mchid, outOrderNo, body);
  }

  @Override
  public GatewayOutcome<Optional<ObservedOrder>> sync(
      MerchantId mchid, OutOrderNo outOrderNo, SyncOrder body) {
    return delegate.sync(mchid, outOrderNo, body);
  }

  @Override
  public GatewayOutcome<Optional<OrderReceipt>> pay(
      MerchantId mchid, OutOrderNo outOrderNo, CollectOrder body) {
    return delegate.pay(mchid, outOrderNo, body);
  }

  @Override
  public GatewayOutcome<ObservedOrder> complete(
      MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
    return delegate.complete(mchid, outOrderNo, body);
  }

  @Override
  public GatewayOutcome<OrderReceipt> cancel(MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
    return delegate.cancel(mchid, outOrderNo, body);
  }

  @Override
  public GatewayOutcome<ObservedOrder> modify(MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
    return delegate.modify(mchid, outOrderNo, body);
  }
}
