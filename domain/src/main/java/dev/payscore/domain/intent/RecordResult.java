package dev.payscore.domain.intent;

import dev.payscore.CompletionIntent;
import dev.payscore.IntentRef;
import java.util.Objects;

/**
 * What recording an intent did: written, found already (same body digest), refused (a different
 * body of the same kind), or refused because another intent holds the order.
 */
public sealed interface RecordResult {

  /** The intent is new and was written. */
  record Recorded(CompletionIntent intent) implements RecordResult {
    public Recorded {
      Objects.requireNonNull(intent, "intent == null");
    }
  }

  /** An identical intent (same payload digest) exists: it is returned and nothing is written. */
  record AlreadyRecorded(CompletionIntent intent) implements RecordResult {
    public AlreadyRecorded {
      Objects.requireNonNull(intent, "intent == null");
    }
  }

  /** An intent with a different payload exists for the order: nothing is written. */
  record Conflict(CompletionIntent intent, String requestedSha256) implements RecordResult {
    public Conflict {
      Objects.requireNonNull(intent, "intent == null");
      Objects.requireNonNull(requestedSha256, "requestedSha256 == null");
    }
  }

  /**
   * Another intent of the order is open ({@code open}: PENDING, IN_FLIGHT or NEEDS_ATTENTION);
   * nothing is written. It is named by reference: it may be unreadable.
   */
  record AnotherIntentOpen(IntentRef open) implements RecordResult {
    public AnotherIntentOpen {
      Objects.requireNonNull(open, "open == null");
    }
  }
}
