package dev.payscore;

import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.port.out.GatewayOutcome;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observes what payscore did: settlements, order transitions and callbacks after the transaction
 * that did them committed; attempts, WeChat calls and rate-limit waits as they happen. The one
 * place where metrics, logging, tracing and application events hook in (as OkHttp's {@code
 * EventListener} and db-scheduler's {@code SchedulerListener}). Every method has a no-op default,
 * so an implementation overrides only what it needs; methods added later get defaults too.
 *
 * <p>Callbacks run on payscore's threads (dispatcher workers, the callback handler's caller) and
 * must be fast. They cannot break the engine: an exception thrown by a listener is logged at WARN
 * and otherwise ignored (see {@link #guarded}). A listener is shared by every thread of one {@link
 * PayScore} and must be thread-safe. During an attempt and a callback the SLF4J MDC names the
 * order ({@code mchid}, {@code out_order_no}, and {@code intent_id} during an attempt).
 *
 * <p>Called from payscore's threads (dispatcher senders, callback handlers, sweeps), possibly
 * concurrently: an implementation must be thread-safe and quick (hand slow work to a queue).
 */
public interface PayScoreListener {

  /** The listener that ignores everything. */
  PayScoreListener NONE = new PayScoreListener() {};

  // The endpoints wechatCallFinished names: WeChat's Pay Score service-order calls.

  /** {@code POST /v3/payscore/serviceorder}. */
  String CREATE = "create";

  /** {@code POST …/{out_order_no}/complete}. */
  String COMPLETE = "complete";

  /** {@code GET /v3/payscore/serviceorder?out_order_no=…}. */
  String QUERY = "query";

  /** {@code POST …/{out_order_no}/cancel}. */
  String CANCEL = "cancel";

  /** {@code POST …/{out_order_no}/modify}. */
  String MODIFY = "modify";

  /** {@code POST …/{out_order_no}/sync}. */
  String SYNC = "sync";

  /** {@code POST …/{out_order_no}/pay}. */
  String PAY = "pay";

  /**
   * An intent reached SUCCEEDED or FAILED (WeChat's word is final). {@code intent} is the row as
   * committed.
   */
  default void intentSettled(CompletionIntent intent) {}

  /** An intent moved to NEEDS_ATTENTION: a person must look at it ({@code reason} says why). */
  default void intentNeedsAttention(CompletionIntent intent, String reason) {}

  /** The local mirror of an order moved from {@code from} to {@code to}, learnt through {@code cause}. */
  default void orderTransitioned(
      MerchantId mchid,
      OutOrderNo outOrderNo,
      @Nullable LifecycleState from,
      LifecycleState to,
      AuditCause cause) {}

  /** A verified callback was applied (or recognised as a redelivery, {@code duplicate}). */
  default void callbackApplied(
      MerchantId mchid, OutOrderNo outOrderNo, String eventType, boolean duplicate) {}

  /**
   * A callback was refused with HTTP {@code status} ({@code reason}: a short code such as {@code
   * SIGNATURE_MISMATCH}, {@code unknown order} or {@code not applied}), so WeChat delivers it again.
   */
  default void callbackRejected(int status, String reason) {}

  /**
   * A dispatcher starts an attempt of {@code intent}: it is claimed (IN_FLIGHT, committed) and its
   * send permit taken; {@code intent.attempts()} already counts this one (the claim counts the
   * attempt it is about to send). Runs on the sending thread, before the call.
   */
  default void attemptStarted(CompletionIntent intent) {}

  /**
   * A call to WeChat returned, whoever made it (a dispatcher, a sweep, {@code orders()}): {@code
   * endpoint} is one of {@link #CREATE}, {@link #COMPLETE}, {@link #QUERY}, {@link #CANCEL},
   * {@link #MODIFY}, {@link #SYNC}, {@link #PAY}; {@code outcome} is what came back (accepted,
   * rejected, throttled or unknown: never a body to log); {@code duration} the call's own time,
   * signing and the backup host included. Runs on the calling thread, before the outcome is stored.
   */
  default void wechatCallFinished(
      MerchantId mchid, String endpoint, GatewayOutcome<?> outcome, Duration duration) {}

  /**
   * A dispatcher held {@code mchid}'s due intents back because the merchant's send rate ({@link
   * RateLimit}, halved after each 429) was spent: its next permit comes in {@code wait}. Told once
   * per claim that finds the permits spent.
   */
  default void rateLimited(MerchantId mchid, Duration wait) {}

  /**
   * {@code listener} wrapped so that nothing it throws reaches the caller; {@link #NONE} stays as it
   * is.
   */
  static PayScoreListener guarded(PayScoreListener listener) {
    Objects.requireNonNull(listener, "listener == null");
    if (listener == NONE || listener instanceof Guarded) {
      return listener;
    }
    return new Guarded(listener);
  }

  /** Forwards to a listener and swallows (logs) what it throws. */
  final class Guarded implements PayScoreListener {
    private static final Logger LOG = LoggerFactory.getLogger(PayScoreListener.class);
    private final PayScoreListener delegate;

    private Guarded(PayScoreListener delegate) {
      this.delegate = delegate;
    }

    @Override
    public void intentSettled(CompletionIntent intent) {
      run("intentSettled", () -> delegate.intentSettled(intent));
    }

    @Override
    public void intentNeedsAttention(CompletionIntent intent, String reason) {
      run("intentNeedsAttention", () -> delegate.intentNeedsAttention(intent, reason));
    }

    @Override
    public void orderTransitioned(
        MerchantId mchid,
        OutOrderNo outOrderNo,
        @Nullable LifecycleState from,
        LifecycleState to,
        AuditCause cause) {
      run(
          "orderTransitioned",
          () -> delegate.orderTransitioned(mchid, outOrderNo, from, to, cause));
    }

    @Override
    public void callbackApplied(
        MerchantId mchid, OutOrderNo outOrderNo, String eventType, boolean duplicate) {
      run(
          "callbackApplied",
          () -> delegate.callbackApplied(mchid, outOrderNo, eventType, duplicate));
    }

    @Override
    public void callbackRejected(int status, String reason) {
      run("callbackRejected", () -> delegate.callbackRejected(status, reason));
    }

    @Override
    public void attemptStarted(CompletionIntent intent) {
      run("attemptStarted", () -> delegate.attemptStarted(intent));
    }

    @Override
    public void wechatCallFinished(
        MerchantId mchid, String endpoint, GatewayOutcome<?> outcome, Duration duration) {
      run(
          "wechatCallFinished",
          () -> delegate.wechatCallFinished(mchid, endpoint, outcome, duration));
    }

    @Override
    public void rateLimited(MerchantId mchid, Duration wait) {
      run("rateLimited", () -> delegate.rateLimited(mchid, wait));
    }

    private void run(String what, Runnable call) {
      try {
        call.run();
      } catch (RuntimeException e) {
        LOG.warn("listener {} threw {}; ignored", what, e.toString());
      }
    }
  }
}
