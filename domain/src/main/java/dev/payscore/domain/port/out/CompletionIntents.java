package dev.payscore.domain.port.out;

import dev.payscore.CompletionIntent;
import dev.payscore.IntentId;
import dev.payscore.IntentKind;
import dev.payscore.IntentRef;
import dev.payscore.IntentStats;
import dev.payscore.IntentStatus;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.QuarantinedIntent;
import dev.payscore.StorageException;
import dev.payscore.domain.intent.RecordResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The durable intents (an outbox): recorded with the caller's writes, claimed and settled by
 * dispatchers. Each row stores the exact bytes its calls send and their SHA-256; reading a row
 * checks the digest and never rebuilds the bytes. A row that cannot be read fails only the call
 * that asked for that row: a claim quarantines it and goes on, listings leave it to {@link
 * #quarantined}.
 */
public interface CompletionIntents {

  /**
   * Records {@code intent} (generation n, following the intent it supersedes) unless that would
   * break one of the store's rules, in which case nothing is written and the result says why: an
   * intent of the same kind with the same body digest exists ({@link
   * RecordResult.AlreadyRecorded}); generation n of its kind exists with another body ({@link
   * RecordResult.Conflict}); another intent of the order is open ({@link
   * RecordResult.AnotherIntentOpen}). The database enforces the last two (unique generation; one
   * open intent per order), so concurrent recorders cannot both succeed.
   */
  RecordResult record(CompletionIntent intent);

  /**
   * Records the first intents of orders that have none (see {@link #withIntents}), all or none, and
   * returns them as stored, in the same order. Adapters may insert them in one statement.
   *
   * @throws StorageException if any of them was not recorded (its order is missing, does not match
   *     its payload, or has an intent by now): the caller's transaction must then be rolled back
   */
  default List<CompletionIntent> recordAll(List<CompletionIntent> intents) {
    List<CompletionIntent> recorded = new ArrayList<>(intents.size());
    for (CompletionIntent intent : intents) {
      if (!(record(intent) instanceof RecordResult.Recorded r)) {
        throw new StorageException("intent " + intent.id() + " of " + intent.outOrderNo()
            + " was not recorded: its order has an intent");
      }
      recorded.add(r.intent());
    }
    return recorded;
  }

  /** Which of {@code orders} have at least one intent, of any kind and status. */
  default Set<OrderKey> withIntents(Collection<OrderKey> orders) {
    Set<OrderKey> with = new HashSet<>();
    for (OrderKey key : orders) {
      if (Arrays.stream(IntentKind.values())
          .anyMatch(k -> find(key.mchid(), key.outOrderNo(), k).isPresent())
          || open(key.mchid(), key.outOrderNo()).isPresent()) {
        with.add(key);
      }
    }
    return with;
  }

  /**
   * @throws StorageException if the row cannot be read (see {@link #quarantined})
   */
  Optional<CompletionIntent> find(IntentId id);

  /** The latest generation of an order's intents of {@code kind}. */
  Optional<CompletionIntent> find(MerchantId mchid, OutOrderNo outOrderNo, IntentKind kind);

  /** The generation of {@code kind} whose body has {@code sha256}, if any: an identical repeat. */
  Optional<CompletionIntent> findByDigest(
      MerchantId mchid, OutOrderNo outOrderNo, IntentKind kind, String sha256);

  /**
   * The open intent (PENDING, IN_FLIGHT or NEEDS_ATTENTION) of an order, whatever its kind, named
   * without reading its body (so also when it cannot be read).
   */
  Optional<IntentRef> open(MerchantId mchid, OutOrderNo outOrderNo);

  /**
   * Marks the quarantined intent {@code ref} SUPERSEDED (a corrected request replaces it), if the
   * row is still at {@code ref.version()}.
   *
   * @throws StaleWriteException if another writer changed the row first
   */
  void supersede(IntentRef ref, Instant now);

  /**
   * Claims due intents in one statement, skipping rows other claimers hold: at most {@code
   * permits.get(m)} intents of each merchant {@code m} in {@code permits} (an instance claims only
   * the merchants it can send for, and only as many as it may send now) and at most {@code limit}
   * in all, oldest due first. Due means PENDING with {@code nextAttemptAt} reached, or IN_FLIGHT
   * with an expired lease, both by the <b>store's clock</b> (the database's {@code
   * clock_timestamp()}), never the caller's: dispatchers whose clocks disagree still agree on what
   * is due and whose lease is live. Each leased intent is IN_FLIGHT, leased to {@code owner} until
   * the store's now plus {@code lease}, at a new version: that version is the claim's fence ({@link
   * #renewLease}, {@link #settle}).
   *
   * <p>A claim counts the attempt it is about to send: {@code attempts} is one more than before,
   * so a dispatcher that dies between sending and settling never leaves the count short, and the
   * leased intent's {@code attempts} is the number of the attempt to send. A claim also counts
   * itself; a settlement resets that count. An expired claim that was already claimed {@code
   * maxClaims} times without settling is not leased: it is set aside (NEEDS_ATTENTION, with the
   * reason in {@code lastError} and {@code lastOutcome} {@code CLAIMED_TOO_OFTEN}).
   *
   * <p>A claimed row that cannot be read is quarantined in the same transaction (NEEDS_ATTENTION
   * with the reason, and an {@code INTENT_QUARANTINED} audit event) and left out; every other due
   * row is claimed as usual.
   */
  ClaimBatch claimDue(
      String owner, Duration lease, Map<MerchantId, Integer> permits, int limit, int maxClaims);

  /** {@link #claimDue(String, Duration, Map, int, int)} that never sets an intent aside. */
  default List<CompletionIntent> claimDue(
      String owner, Duration lease, Map<MerchantId, Integer> permits, int limit) {
    return claimDue(owner, lease, permits, limit, Integer.MAX_VALUE).intents();
  }

  /**
   * Extends the lease of {@code claimed} to the store's now plus {@code lease}, if the row is still
   * IN_FLIGHT at {@code claimed.version()} (the claim still stands: nobody took it over or settled
   * it); false otherwise. Keeps the version.
   */
  boolean renewLease(CompletionIntent claimed, Duration lease);

  /**
   * Stores the bookkeeping of {@code intent} if the row is still at {@code intent.version()}, as
   * {@link #update} does, and resets its claim count: settling with the version taken at claim is fenced, so a dispatcher that
   * lost its claim cannot settle. With {@code dueIn}, {@code nextAttemptAt} becomes the store's now
   * plus {@code dueIn} instead of {@code intent.nextAttemptAt()}.
   *
   * @throws StaleWriteException if the row is at another version (the claim was lost)
   */
  CompletionIntent settle(CompletionIntent intent, @Nullable Duration dueIn);

  /** One settlement of {@link #settleAll}: as {@link #settle}'s arguments. */
  record Settle(CompletionIntent intent, @Nullable Duration dueIn) {
    public Settle {
      Objects.requireNonNull(intent, "intent == null");
    }
  }

  /**
   * {@link #settle} of several intents (each at most once), each fenced by its own version:
   * returns, in the same order, each intent as stored, or empty where the row is at another version (that
   * row is left as it was; the others are written all the same). Adapters may write them in one
   * statement.
   */
  default List<Optional<CompletionIntent>> settleAll(List<Settle> settles) {
    List<Optional<CompletionIntent>> stored = new ArrayList<>(settles.size());
    for (Settle s : settles) {
      Optional<CompletionIntent> one;
      try {
        one = Optional.of(settle(s.intent(), s.dueIn()));
      } catch (StaleWriteException e) {
        one = Optional.empty(); // a fenced settle that lost writes nothing
      }
      stored.add(one);
    }
    return stored;
  }

  /**
   * Stores {@code intent}'s bookkeeping (never its body) if the stored row is still at {@code
   * intent.version()}; returns it at the next version. Moving it out of NEEDS_ATTENTION (a retry)
   * clears a quarantine reason; moving it to PENDING resets its claim count.
   *
   * @throws StaleWriteException if another writer changed the row first
   */
  CompletionIntent update(CompletionIntent intent);

  /**
   * A merchant's readable intents, newest first, optionally with one status. Rows that cannot be
   * read are left out, never a failure: {@link #quarantined} lists them.
   */
  List<CompletionIntent> list(MerchantId mchid, @Nullable IntentStatus status, int limit);

  /**
   * A merchant's intents that cannot be read, with the reason, most recently changed first: those
   * a claim quarantined, and rows whose body no longer matches their digest or whose kind or
   * status this version does not know.
   */
  List<QuarantinedIntent> quarantined(MerchantId mchid, int limit);

  /** How many of a merchant's intents are in each status (absent: none). */
  Map<IntentStatus, Long> countByStatus(MerchantId mchid);

  /**
   * The open intents of {@code merchants} counted by status, and the age of the oldest PENDING one
   * by the <b>store's clock</b>: one statement over the open rows only (settled rows are never
   * read), cheap enough for every health check and metrics scrape.
   */
  IntentStats stats(Set<MerchantId> merchants);
}
