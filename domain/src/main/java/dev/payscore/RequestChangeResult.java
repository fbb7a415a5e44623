package dev.payscore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What requesting a cancel or a modification did: recorded a new intent, found the identical one,
 * found a different one, found another intent of the order open, or refused it locally (unknown
 * order, wrong state, invalid input). Only {@link Requested} wrote anything.
 */
public sealed interface RequestChangeResult {

  /**
   * Whether this cancel or modification stands recorded: newly ({@link Requested}) or before
   * ({@link AlreadyRequested}). The caller commits its transaction on true.
   */
  default boolean isRecorded() {
    return recorded().isPresent();
  }

  /** The intent recorded for this very request ({@link Requested}, {@link AlreadyRequested}). */
  default Optional<CompletionIntent> recorded() {
    if (this instanceof Requested requested) {
      return Optional.of(requested.intent());
    }
    if (this instanceof AlreadyRequested already) {
      return Optional.of(already.intent());
    }
    return Optional.empty();
  }

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

  /**
   * Refused locally: nothing was sent or written. {@code reason} says why (branch on it), {@code
   * detail} says it for people, {@code violations} lists every broken rule (path, rule code, value)
   * and is empty unless the input was {@link RefusalReason#INVALID}; a refusal that is also about
   * the state lists the state's reason in the detail.
   */
  record Refused(RefusalReason reason, String detail, List<Violation> violations)
      implements RequestChangeResult {
    public Refused {
      Objects.requireNonNull(reason, "reason == null");
      Objects.requireNonNull(detail, "detail == null");
      violations = List.copyOf(violations);
    }

    /** A refusal without violations (an unknown order, a wrong state). */
    public Refused(RefusalReason reason, String detail) {
      this(reason, detail, List.of());
    }

    /** Refused for these violations ({@link RefusalReason#INVALID}). */
    public static Refused invalid(List<Violation> violations) {
      return new Refused(
          RefusalReason.INVALID,
          String.join("; ", violations.stream().map(Violation::describe).toList()),
          violations);
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
