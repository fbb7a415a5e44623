package dev.payscore.domain.port.out;

import dev.payscore.domain.intent.CompletionIntent;
import dev.payscore.domain.intent.IntentId;
import dev.payscore.domain.intent.IntentKind;
import dev.payscore.domain.intent.IntentStatus;
import dev.payscore.domain.intent.RecordResult;
import dev.payscore.domain.model.MerchantId;
import dev.payscore.domain.model.OutOrderNo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The durable intents (an outbox): recorded with the caller's writes, claimed and settled by dispatchers. */
public interface CompletionIntents {

  /**
   * Records {@code intent} unless one exists for its (mchid, out_order_no, kind): an identical one
   * (same payload digest) is returned as {@link RecordResult.AlreadyRecorded}, a different one as
   * {@link RecordResult.Conflict}; in both cases nothing is written.
   */
  RecordResult record(CompletionIntent intent);

  Optional<CompletionIntent> find(IntentId id);

  Optional<CompletionIntent> find(MerchantId mchid, OutOrderNo outOrderNo, IntentKind kind);

  /**
   * Claims due intents in one statement, skipping rows other claimers hold: at most {@code
   * permits.get(m)} intents of each merchant {@code m} in {@code permits} (an instance claims only
   * the merchants it can send for, and only as many as it may send now) and at most {@code limit}
   * in all, oldest due first. Due means PENDING with {@code nextAttemptAt} reached, or IN_FLIGHT
   * with an expired lease, both by the <b>store's clock</b> (the database's {@code
   * clock_timestamp()}), never the caller's: dispatchers whose clocks disagree still agree on what
   * is due and whose lease is live. Each returned intent is IN_FLIGHT, leased to {@code owner}
   * until the store's now plus {@code lease}, at a new version: that version is the claim's fence
   * ({@link #renewLease}, {@link #settle}).
   */
  List<CompletionIntent> claimDue(
      String owner, Duration lease, Map<MerchantId, Integer> permits, int limit);

  /**
   * Extends the lease of {@code claimed} to the store's now plus {@code lease}, if the row is still
   * IN_FLIGHT at {@code claimed.version()} (the claim still stands: nobody took it over or settled
   * it); false otherwise. Keeps the version.
   */
  boolean renewLease(CompletionIntent claimed, Duration lease);

  /**
   * Stores the bookkeeping of {@code intent} if the row is still at {@code intent.version()}, as
   * {@link #update} does: settling with the version taken at claim is fenced, so a dispatcher that
   * lost its claim cannot settle. With {@code dueIn}, {@code nextAttemptAt} becomes the store's now
   * plus {@code dueIn} instead of {@code intent.nextAttemptAt()}.
   *
   * @throws StaleWriteException if the row is at another version (the claim was lost)
   */
  CompletionIntent settle(CompletionIntent intent, @Nullable Duration dueIn);

  /**
   * Stores {@code intent} if the stored row is still at {@code intent.version()}; returns it at the
   * next version.
   *
   * @throws StaleWriteException if another writer changed the row first
   */
  CompletionIntent update(CompletionIntent intent);

  /** A merchant's intents, newest first, optionally with one status. */
  List<CompletionIntent> list(MerchantId mchid, @Nullable IntentStatus status, int limit);

  /** How many of a merchant's intents are in each status (absent: none). */
  Map<IntentStatus, Long> countByStatus(MerchantId mchid);
}
