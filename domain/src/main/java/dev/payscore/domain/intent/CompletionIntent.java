package dev.payscore.domain.intent;

import dev.payscore.domain.completion.CompletionPayload;
import dev.payscore.domain.model.MerchantId;
import dev.payscore.domain.model.OutOrderNo;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A completion recorded durably: the frozen payload that every attempt sends byte for byte, and
 * the bookkeeping of its attempts. Unique per (mchid, out_order_no, kind). Immutable; {@code
 * version} is the optimistic-lock version it was loaded at.
 */
public record CompletionIntent(
    IntentId id,
    MerchantId mchid,
    OutOrderNo outOrderNo,
    IntentKind kind,
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
        IntentId.random(), mchid, outOrderNo, kind, payload, IntentStatus.PENDING, 0, now, null,
        null, null, null, requestedBy, now, now, 0);
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
        id, mchid, outOrderNo, kind, payload, status, attempts, at, lastOutcome, lastError,
        leaseOwner, leaseExpiresAt, requestedBy, createdAt, updatedAt, version);
  }

  /** This intent with the given status and outcome, lease released, due at {@code nextAttemptAt}. */
  public CompletionIntent settledAs(
      IntentStatus newStatus,
      int newAttempts,
      Instant newNextAttemptAt,
      @Nullable String outcome,
      @Nullable String error,
      Instant now) {
    return new CompletionIntent(
        id, mchid, outOrderNo, kind, payload, newStatus, newAttempts, newNextAttemptAt, outcome,
        error, null, null, requestedBy, createdAt, now, version);
  }
}
