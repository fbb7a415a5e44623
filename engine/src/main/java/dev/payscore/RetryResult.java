package dev.payscore;

import java.util.Objects;

/** What {@link Completions#retry} did: put the order's intent back in line, or why not. */
public sealed interface RetryResult {

  /** The intent is PENDING again, due now, its attempt count reset. */
  record Requeued(CompletionIntent intent) implements RetryResult {
    public Requeued {
      Objects.requireNonNull(intent, "intent == null");
    }
  }

  /** No such order, or no intent was requested for it. */
  record NotFound() implements RetryResult {}

  /**
   * Only an intent that needs attention is retried; the order's open intent, or else its latest,
   * is {@code status}.
   */
  record NotNeedingAttention(IntentStatus status) implements RetryResult {
    public NotNeedingAttention {
      Objects.requireNonNull(status, "status == null");
    }
  }

  /**
   * The intent was quarantined and its row still cannot be read ({@code reason}): nothing was
   * changed. Repair the row, or request a corrected intent of its kind, which supersedes it.
   */
  record Unreadable(IntentRef ref, String reason) implements RetryResult {
    public Unreadable {
      Objects.requireNonNull(ref, "ref == null");
      Objects.requireNonNull(reason, "reason == null");
    }
  }
}
