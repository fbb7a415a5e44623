package dev.payscore;

import java.util.Objects;

/**
 * What requesting a cancel or a modification did: recorded a new intent, found the identical one,
 * found a different one, found another intent of the order open, or refused it locally (unknown
 * order, wrong state, invalid input). Only {@link Requested} wrote anything.
 */
public sealed interface RequestChangeResult {

  /** The intent was recorded (with an audit event) and will be sent after the caller commits. */
  record Requested(CompletionIntent intent) implements RequestChangeResult {
    public Requested {
      Objects.requireNonNull(intent, "intent == null");
    }
  }

  /** The same request was made before: here is that intent, in whatever state it is. */
  record AlreadyRequested(CompletionIntent intent) implements RequestChangeResult {
    public AlreadyRequested {
      Objects.requireNonNull(intent, "intent == null");
    }
  }

  /**
   * A different request of this kind stands ({@code existing}: open, or settled in a way a new
   * generation cannot follow); nothing was written.
   */
  record Conflict(CompletionIntent existing, String requestedSha256)
      implements RequestChangeResult {
    public Conflict {
      Objects.requireNonNull(existing, "existing == null");
      Objects.requireNonNull(requestedSha256, "requestedSha256 == null");
    }
  }

  /** Refused before anything was written or sent; {@code reason} lists every problem. */
  record Refused(String reason) implements RequestChangeResult {
    public Refused {
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  /**
   * Another intent holds the order ({@code open}: its kind, id, generation and status): at most one
   * intent per order is open, whatever its kind. Nothing was written; request again once it has
   * settled (or a person has retried it).
   */
  record AnotherIntentOpen(IntentRef open) implements RequestChangeResult {
    public AnotherIntentOpen {
      Objects.requireNonNull(open, "open == null");
    }
  }
}
