package dev.payscore.domain.port.in;

import dev.payscore.domain.intent.CompletionIntent;
import java.util.Objects;

/**
 * What requesting a cancel or a modification did: recorded a new intent, found the identical one,
 * found a different one, or refused it locally (unknown order, wrong state, invalid input, a
 * completion still in flight). Only {@link Requested} wrote anything.
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

  /** A different request of this kind was made before ({@code existing}); nothing was written. */
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
}
