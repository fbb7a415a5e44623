package dev.payscore.domain.port.out;

import dev.payscore.domain.intent.CompletionIntent;
import dev.payscore.domain.intent.IntentId;
import dev.payscore.domain.intent.IntentKind;
import dev.payscore.domain.intent.IntentStatus;
import dev.payscore.domain.intent.RecordResult;
import dev.payscore.domain.model.MerchantId;
import dev.payscore.domain.model.OutOrderNo;
import java.time.Duration;
import java.time.Instant;
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
   * Claims up to {@code limit} intents that are due at {@code now} (PENDING with {@code
   * nextAttemptAt <= now}, or IN_FLIGHT with an expired lease) in one statement, skipping rows other
   * claimers hold; each returned intent is IN_FLIGHT, leased to {@code owner} until {@code now +
   * lease}, at its new version.
   */
  List<CompletionIntent> claimDue(Instant now, String owner, Duration lease, int limit);

  /**
   * Extends the lease of an intent this owner still holds; false if the lease was lost (expired and
   * taken over, or the intent settled).
   */
  boolean renewLease(IntentId id, String owner, Instant until);

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
