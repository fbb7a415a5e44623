package dev.payscore;

import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.model.LifecycleState;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observes what payscore did, after the transaction that did it committed: the one place where
 * metrics, logging, tracing and application events hook in (as OkHttp's {@code EventListener} and
 * db-scheduler's {@code SchedulerListener}). Every method has a no-op default, so an implementation
 * overrides only what it needs.
 *
 * <p>Callbacks run on payscore's threads (dispatcher workers, the callback handler's caller) and
 * must be fast. They cannot break the engine: an exception thrown by a listener is logged at WARN
 * and otherwise ignored (see {@link #guarded}). A listener is shared by every thread of one {@link
 * PayScore} and must be thread-safe.
 */
public interface PayScoreListener {

  /** The listener that ignores everything. */
  PayScoreListener NONE = new PayScoreListener() {};

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

  /** A callback was refused with HTTP {@code status} (unverifiable, unknown order, …). */
  default void callbackRejected(int status, String reason) {}

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

    private void run(String what, Runnable call) {
      try {
        call.run();
      } catch (RuntimeException e) {
        LOG.warn("listener {} threw {}; ignored", what, e.toString());
      }
    }
  }
}
