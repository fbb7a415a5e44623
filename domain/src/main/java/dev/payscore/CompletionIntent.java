package dev.payscore;

import dev.payscore.domain.completion.CompletionPayload;
import dev.payscore.domain.intent.IntentBody;
import dev.payscore.domain.intent.IntentEvent;
import dev.payscore.domain.intent.IntentPayload;
import dev.payscore.domain.intent.IntentTransitionTable;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request to WeChat (complete, cancel or modify) recorded durably: the frozen body that every
 * attempt sends byte for byte ({@link #body()}), and the bookkeeping of its attempts. At most one
 * intent per order is open (see {@link IntentStatus}); a corrected request after a FAILED one (or
 * a further modification after a SUCCEEDED one) is the next {@code generation} of its kind, and
 * {@code supersedes} names the intent it follows. Status changes go through {@link
 * IntentTransitionTable}. Immutable; {@code version} is the optimistic-lock version it was loaded
 * at.
 */
public record CompletionIntent(
    IntentId id,
    MerchantId mchid,
    OutOrderNo outOrderNo,
    IntentKind kind,
    int generation,
    @Nullable IntentId supersedes,
    IntentPayload payload,
    IntentStatus status,
    int attempts,
    Instant nextAttemptAt,
    @Nullable String lastOutcome,
    @Nullable String lastError,
    @Nullable String leaseOwner,
    @Nullable Instant leaseExpiresAt,
    String requestedBy,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public CompletionIntent {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(kind, "kind == null");
    if (generation < 1) {
      throw new IllegalArgumentException("generation < 1: " + generation);
    }
    if ((generation == 1) != (supersedes == null)) {
      throw new IllegalArgumentException(
          "generation " + generation + " must name the intent it supersedes (and only it)");
    }
    Objects.requireNonNull(payload, "payload == null");
    if (!kind.carries(payload)) {
      throw new IllegalArgumentException(
          "a " + kind + " intent cannot carry a " + payload.getClass().getSimpleName());
    }
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt == null");
    Objects.requireNonNull(requestedBy, "requestedBy == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(updatedAt, "updatedAt == null");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts < 0: " + attempts);
    }
    if ((leaseOwner == null) != (leaseExpiresAt == null)) {
      throw new IllegalArgumentException("leaseOwner and leaseExpiresAt go together");
    }
  }

  /** A new PENDING completion intent, due at once. */
  public static CompletionIntent pending(
      MerchantId mchid, OutOrderNo outOrderNo, CompletionPayload payload, String requestedBy, Instant now) {
    return pending(mchid, outOrderNo, IntentKind.COMPLETE, payload, requestedBy, now);
  }

  /** A new PENDING intent of {@code kind}, due at once. */
  public static CompletionIntent pending(
      MerchantId mchid,
      OutOrderNo outOrderNo,
      IntentKind kind,
      IntentPayload payload,
      String requestedBy,
      Instant now) {
    return new CompletionIntent(
        IntentId.random(), mchid, outOrderNo, kind, 1, null, payload, IntentStatus.PENDING, 0, now,
        null, null, null, null, requestedBy, now, now, 0);
  }

  /**
   * A new PENDING intent of this one's kind that follows it: the next generation, with a
   * corrected (or, for a modification, a further) payload, due at once.
   */
  public CompletionIntent next(IntentPayload newPayload, String newRequestedBy, Instant now) {
    return new CompletionIntent(
        IntentId.random(), mchid, outOrderNo, kind, generation + 1, id, newPayload,
        IntentStatus.PENDING, 0, now, null, null, null, null, newRequestedBy, now, now, 0);
  }

  /**
   * A new PENDING intent that replaces {@code previous} (an intent of this kind that cannot be
   * read, or one this caller holds only by reference): generation {@code previous.generation() +
   * 1}, due at once.
   */
  public static CompletionIntent following(
      IntentRef previous,
      MerchantId mchid,
      OutOrderNo outOrderNo,
      IntentKind kind,
      IntentPayload payload,
      String requestedBy,
      Instant now) {
    return new CompletionIntent(
        IntentId.random(), mchid, outOrderNo, kind, previous.generation() + 1, previous.id(),
        payload, IntentStatus.PENDING, 0, now, null, null, null, null, requestedBy, now, now, 0);
  }

  /** The exact bytes every attempt sends, with their SHA-256. */
  public IntentBody body() {
    return payload.body();
  }

  /**
   * The payload of a completion.
   *
   * @throws IllegalStateException if this is not a COMPLETE intent
   */
  public CompletionPayload completion() {
    if (payload instanceof CompletionPayload completion) {
      return completion;
    }
    throw new IllegalStateException("a " + kind + " intent has no completion payload");
  }

  /**
   * This intent due no earlier than {@code at} (a completion whose defaulted end time has not come
   * yet; see {@code DefaultEndTime}).
   */
  public CompletionIntent dueNotBefore(Instant at) {
    Objects.requireNonNull(at, "at == null");
    if (!at.isAfter(nextAttemptAt)) {
      return this;
    }
    return new CompletionIntent(
        id, mchid, outOrderNo, kind, generation, supersedes, payload, status, attempts, at,
        lastOutcome, lastError, leaseOwner, leaseExpiresAt, requestedBy, createdAt, updatedAt,
        version);
  }

  /**
   * This intent with the given status and outcome, lease released, due at {@code nextAttemptAt}.
   * The move must be in {@link IntentTransitionTable} ({@link IntentTransitionTable#eventFor}).
   *
   * @throws IllegalStateException if the table has no move from this status to {@code newStatus}
   */
  public CompletionIntent settledAs(
      IntentStatus newStatus,
      int newAttempts,
      Instant newNextAttemptAt,
      @Nullable String outcome,
      @Nullable String error,
      Instant now) {
    IntentEvent event =
        IntentTransitionTable.eventFor(status, newStatus)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "intent " + id + ": no move from " + status + " to " + newStatus));
    return after(event, newAttempts, newNextAttemptAt, outcome, error, now);
  }

  /**
   * This intent after {@code event} (lease released, due at {@code newNextAttemptAt}).
   *
   * @throws IllegalStateException if {@link IntentTransitionTable} refuses {@code event} here
   */
  public CompletionIntent after(
      IntentEvent event,
      int newAttempts,
      Instant newNextAttemptAt,
      @Nullable String outcome,
      @Nullable String error,
      Instant now) {
    IntentStatus newStatus = IntentTransitionTable.move(status, event);
    return new CompletionIntent(
        id, mchid, outOrderNo, kind, generation, supersedes, payload, newStatus, newAttempts,
        newNextAttemptAt, outcome, error, null, null, requestedBy, createdAt, now, version);
  }
}
