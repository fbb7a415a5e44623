package dev.payscore;

import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.port.in.RequestCompletion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link RequestCompletion} did: recorded a new intent, found the identical one, or refused
 * (a conflicting earlier request, another intent of the order open, invalid input, a wrong state,
 * an unknown order). Only {@link
 * Requested} wrote anything.
 */
public sealed interface RequestCompletionResult {

  /**
   * Whether this completion stands recorded: newly ({@link Requested}) or before ({@link
   * AlreadyRequested}). The caller commits its transaction on true and rolls it back otherwise.
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
  record Requested(CompletionIntent intent) implements RequestCompletionResult {
    public Requested {
      Objects.requireNonNull(intent, "intent == null");
    }
  }

  /** The same completion was requested before: here is that intent, in whatever state it is. */
  record AlreadyRequested(CompletionIntent intent) implements RequestCompletionResult {
    public AlreadyRequested {
      Objects.requireNonNull(intent, "intent == null");
    }
  }

  /**
   * A different completion of this order stands ({@code existing}, open or SUCCEEDED); the new
   * one's payload digest is {@code requestedSha256}. WeChat accepts only one set of parameters per
   * order. (After a FAILED completion a different one is recorded as the next generation.)
   */
  record Conflict(CompletionIntent existing, String requestedSha256)
      implements RequestCompletionResult {
    public Conflict {
      Objects.requireNonNull(existing, "existing == null");
      Objects.requireNonNull(requestedSha256, "requestedSha256 == null");
    }
  }

  /** The completion breaks these rules (all of them, at once). */
  record Invalid(List<Violation> violations) implements RequestCompletionResult {
    public Invalid {
      violations = List.copyOf(violations);
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("an invalid request has violations");
      }
    }
  }

  /** The order is in {@code state}; a completion needs one of {@code allowed}. */
  record WrongState(LifecycleState state, Set<LifecycleState> allowed)
      implements RequestCompletionResult {
    public WrongState {
      Objects.requireNonNull(state, "state == null");
      allowed = Set.copyOf(allowed);
    }
  }

  /** No local order {@code outOrderNo} of {@code mchid}. */
  record UnknownOrder(MerchantId mchid, OutOrderNo outOrderNo) implements RequestCompletionResult {
    public UnknownOrder {
      Objects.requireNonNull(mchid, "mchid == null");
      Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    }
  }

  /**
   * Another intent holds the order ({@code open}: its kind, id, generation and status): at most one
   * intent per order is open, whatever its kind. Nothing was written; request again once it has
   * settled (or a person has retried it).
   */
  record AnotherIntentOpen(IntentRef open) implements RequestCompletionResult {
    public AnotherIntentOpen {
      Objects.requireNonNull(open, "open == null");
    }
  }
}
