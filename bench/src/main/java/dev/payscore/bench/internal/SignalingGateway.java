package dev.payscore.bench.internal;

import dev.payscore.CompleteOrder;
import dev.payscore.CreateOrder;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway the durable phase hands the engine: the real one, plus a permit given back after each
 * complete call, so the merchant's threads keep a bounded window of completions outstanding (an
 * open queue would measure queueing, not the engine). Adds no I/O and no measurable cost.
 */
final class SignalingGateway implements PayScoreGateway {
  private final PayScoreGateway target;
  private final Semaphore window;
  private final LongAdder completes = new LongAdder();
  private final LongAdder queries = new LongAdder();

  SignalingGateway(PayScoreGateway target, Semaphore window) {
    this.target = target;
    this.window = window;
  }

  long completes() {
    return completes.sum();
  }

  long queries() {
    return queries.sum();
  }

  @Override
  public GatewayOutcome<ObservedOrder> complete(
      MerchantId mchid, OutOrderNo outOrderNo, CompleteOrder body) {
    try {
      return target.complete(mchid, outOrderNo, body);
    } finally {
      completes.increment();
      window.release();
    }
  }

  @Override
  public GatewayOutcome<ObservedOrder> query(MerchantId mchid, OrderQuery query) {
    queries.increment();
    return target.query(mchid, query);
  }

  @Override
  public GatewayOutcome<ObservedOrder> create(MerchantId mchid, CreateOrder body) {
    return target.create(mchid, body);
  }

  @Override
  public GatewayOutcome<OrderReceipt> cancel(
      MerchantId mchid, OutOrderNo outOrderNo, CancelOrder body) {
    return target.cancel(mchid, outOrderNo, body);
  }

  @Override
  public GatewayOutcome<ObservedOrder> modify(
      MerchantId mchid, OutOrderNo outOrderNo, ModifyOrder body) {
    return target.modify(mchid, outOrderNo, body);
  }

  @Override
  public GatewayOutcome<Optional<ObservedOrder>> sync(
      MerchantId mchid, OutOrderNo outOrderNo, SyncOrder body) {
    return target.sync(mchid, outOrderNo, body);
  }

  @Override
  public GatewayOutcome<Optional<OrderReceipt>> pay(
      MerchantId mchid, OutOrderNo outOrderNo, CollectOrder body) {
    return target.pay(mchid, outOrderNo, body);
  }

  @Override
  public GatewayOutcome<ObservedOrder> complete(
      MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
    try {
      return target.complete(mchid, outOrderNo, body);
    } finally {
      completes.increment();
      window.release();
    }
  }

  @Override
  public GatewayOutcome<OrderReceipt> cancel(MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
    return target.cancel(mchid, outOrderNo, body);
  }

  @Override
  public GatewayOutcome<ObservedOrder> modify(MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
    return target.modify(mchid, outOrderNo, body);
  }
}
