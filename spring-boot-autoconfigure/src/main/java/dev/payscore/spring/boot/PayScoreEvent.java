package dev.payscore.spring.boot;

import dev.payscore.domain.audit.AuditCause;
import dev.payscore.CompletionIntent;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.domain.model.LifecycleState;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What payscore did, published as a Spring application event after the transaction that did it
 * committed (on payscore's thread: a dispatcher worker, the callback request). Listen with Spring's
 * {@code @EventListener}; keep listeners fast, or make them {@code @Async}.
 *
 * <pre>{@code
 * @EventListener
 * void paid(PayScoreEvent.OrderPaid paid) {
 *   rentals.markPaid(paid.outOrderNo().value());
 * }
 * }</pre>
 */
public sealed interface PayScoreEvent {

  /** The order this event is about. */
  OutOrderNo outOrderNo();

  /** An intent reached SUCCEEDED or FAILED: WeChat's word is final. */
  record IntentSettled(CompletionIntent intent) implements PayScoreEvent {
    public IntentSettled {
      Objects.requireNonNull(intent, "intent == null");
    }

    @Override
    public OutOrderNo outOrderNo() {
      return intent.outOrderNo();
    }
  }

  /** An intent needs a person ({@code reason} says why); the actuator endpoint can retry it. */
  record IntentNeedsAttention(CompletionIntent intent, String reason) implements PayScoreEvent {
    public IntentNeedsAttention {
      Objects.requireNonNull(intent, "intent == null");
      Objects.requireNonNull(reason, "reason == null");
    }

    @Override
    public OutOrderNo outOrderNo() {
      return intent.outOrderNo();
    }
  }

  /** The local mirror of an order moved from {@code from} to {@code to}, learnt through {@code cause}. */
  record OrderTransitioned(
      MerchantId mchid,
      OutOrderNo outOrderNo,
      @Nullable LifecycleState from,
      LifecycleState to,
      AuditCause cause)
      implements PayScoreEvent {
    public OrderTransitioned {
      Objects.requireNonNull(mchid, "mchid == null");
      Objects.requireNonNull(outOrderNo, "outOrderNo == null");
      Objects.requireNonNull(to, "to == null");
      Objects.requireNonNull(cause, "cause == null");
    }
  }

  /** The order is DONE: the user paid (published right after its {@link OrderTransitioned}). */
  record OrderPaid(MerchantId mchid, OutOrderNo outOrderNo, AuditCause cause)
      implements PayScoreEvent {
    public OrderPaid {
      Objects.requireNonNull(mchid, "mchid == null");
      Objects.requireNonNull(outOrderNo, "outOrderNo == null");
      Objects.requireNonNull(cause, "cause == null");
    }
  }
}
