package dev.payscore.domain.intent;

import java.util.Objects;

/** What recording an intent did: written, found already (same payload), or refused (different payload). */
public sealed interface RecordResult {
  CompletionIntent intent();

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
}
