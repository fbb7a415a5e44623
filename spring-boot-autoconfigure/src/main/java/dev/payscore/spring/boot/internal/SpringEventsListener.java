package dev.payscore.spring.boot.internal;

import dev.payscore.CompletionIntent;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScoreListener;
import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.spring.boot.PayScoreEvent;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;

/** Publishes what payscore reports (after commit) as {@link PayScoreEvent}s. */
public final class SpringEventsListener implements PayScoreListener {
  private final ApplicationEventPublisher publisher;

  public SpringEventsListener(ApplicationEventPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public void intentSettled(CompletionIntent intent) {
    publisher.publishEvent(new PayScoreEvent.IntentSettled(intent));
  }

  @Override
  public void intentNeedsAttention(CompletionIntent intent, String reason) {
    publisher.publishEvent(new PayScoreEvent.IntentNeedsAttention(intent, reason));
  }

  @Override
  public void orderTransitioned(
      MerchantId mchid,
      OutOrderNo outOrderNo,
      @Nullable LifecycleState from,
      LifecycleState to,
      AuditCause cause) {
    publisher.publishEvent(new PayScoreEvent.OrderTransitioned(mchid, outOrderNo, from, to, cause));
    if (to == LifecycleState.DONE) {
      publisher.publishEvent(new PayScoreEvent.OrderPaid(mchid, outOrderNo, cause));
    }
  }
}
