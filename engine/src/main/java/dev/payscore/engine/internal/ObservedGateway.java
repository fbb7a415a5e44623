package dev.payscore.engine.internal;

import dev.payscore.CompleteOrder;
import dev.payscore.CreateOrder;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScoreListener;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.port.out.CancelOrder;
import dev.payscore.domain.port.out.CollectOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.ModifyOrder;
import dev.payscore.domain.port.out.OrderQuery;
import dev.payscore.domain.port.out.OrderReceipt;
import dev.payscore.domain.port.out.PayScoreGateway;
import dev.payscore.domain.port.out.SyncOrder;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A gateway that tells the listener of every call it made: which endpoint, what came back and how
 * long it took (monotonic time: a duration, never compared across processes). A call that throws
 * (the port promises it does not) is not reported; its caller treats it as unknown.
 */
public final class ObservedGateway implements PayScoreGateway {
  private final PayScoreGateway delegate;
  private final PayScoreListener listener;

  private ObservedGateway(PayScoreGateway delegate, PayScoreListener listener) {
    this.delegate = delegate;
    this.listener = PayScoreListener.guarded(listener);
  }

  /** {@code gateway} observed by {@code listener}; as it is when nobody listens. */
  public static PayScoreGateway of(PayScoreGateway gateway, PayScoreListener listener) {
    Objects.requireNonNull(gateway, "gateway == null");
    Objects.requireNonNull(listener, "listener == null");
    return listener == PayScoreListener.NONE ? gateway : new ObservedGateway(gateway, listener);
  }

  private <T> GatewayOutcome<T> timed(
      MerchantId mchid, String endpoint, Supplier<GatewayOutcome<T>> call) {
    long start = System.nanoTime();
    GatewayOutcome<T> outcome = call.get();
    listener.wechatCallFinished(
        mchid, endpoint, outcome, Duration.ofNanos(System.nanoTime() - start));
    return outcome;
  }

  @Override
  public GatewayOutcome<ObservedOrder> create(MerchantId mchid, CreateOrder body) {
    return timed(mchid, PayScoreListener.CREATE, () -> delegate.create(mchid, body));
  }

  @Override
  public GatewayOutcome<ObservedOrder> complete(
      MerchantId mchid, OutOrderNo outOrderNo, CompleteOrder body) {
    return timed(
        mchid, PayScoreListener.COMPLETE, () -> delegate.complete(mchid, outOrderNo, body));
  }

  @Override
  public GatewayOutcome<ObservedOrder> complete(
      MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
    return timed(
        mchid, PayScoreListener.COMPLETE, () -> delegate.complete(mchid, outOrderNo, body));
  }

  @Override
  public GatewayOutcome<ObservedOrder> query(MerchantId mchid, OrderQuery query) {
    return timed(mchid, PayScoreListener.QUERY, () -> delegate.query(mchid, query));
  }

  @Override
  public GatewayOutcome<OrderReceipt> cancel(
      MerchantId mchid, OutOrderNo outOrderNo, CancelOrder body) {
    return timed(mchid, PayScoreListener.CANCEL, () -> delegate.cancel(mchid, outOrderNo, body));
  }

  @Override
  public GatewayOutcome<OrderReceipt> cancel(
      MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
    return timed(mchid, PayScoreListener.CANCEL, () -> delegate.cancel(mchid, outOrderNo, body));
  }

  @Override
  public GatewayOutcome<ObservedOrder> modify(
      MerchantId mchid, OutOrderNo outOrderNo, ModifyOrder body) {
    return timed(mchid, PayScoreListener.MODIFY, () -> delegate.modify(mchid, outOrderNo, body));
  }

  @Override
  public GatewayOutcome<ObservedOrder> modify(
      MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
    return timed(mchid, PayScoreListener.MODIFY, () -> delegate.modify(mchid, outOrderNo, body));
  }

  @Override
  public GatewayOutcome<Optional<ObservedOrder>> sync(
      MerchantId mchid, OutOrderNo outOrderNo, SyncOrder body) {
    return timed(mchid, PayScoreListener.SYNC, () -> delegate.sync(mchid, outOrderNo, body));
  }

  @Override
  public GatewayOutcome<Optional<OrderReceipt>> pay(
      MerchantId mchid, OutOrderNo outOrderNo, CollectOrder body) {
    return timed(mchid, PayScoreListener.PAY, () -> delegate.pay(mchid, outOrderNo, body));
  }
}
