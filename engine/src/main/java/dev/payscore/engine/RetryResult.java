package dev.payscore.engine;

import dev.payscore.domain.intent.CompletionIntent;
import dev.payscore.domain.intent.IntentStatus;
import java.util.Objects;

/** What {@link Completions#retry} did: put the intent back in line, or why not. */
public sealed interface RetryResult {

  /** The intent is PENDING again, due now, its attempt count reset. */
  record Requeued(CompletionIntent intent) implements RetryResult {
    public Requeued {
      Objects.requireNonNull(intent, "intent == null");
    }
  }

  /** No completion was requested for the order. */
  record NotFound() implements RetryResult {}

  /** Only an intent that needs attention is retried; this one is {@code status}. */
  record NotNeedingAttention(IntentStatus status) implements RetryResult {
    public NotNeedingAttention {
      Objects.requireNonNull(status, "status == null");
    }
  }
}
