package dev.payscore.persistence.internal;

import static dev.payscore.persistence.internal.db.payscore.Tables.COMPLETION_INTENT;
import static dev.payscore.persistence.internal.db.payscore.Tables.SERVICE_ORDER;

import dev.payscore.domain.intent.CompletionIntent;
import dev.payscore.domain.intent.IntentId;
import dev.payscore.domain.intent.IntentKind;
import dev.payscore.domain.intent.IntentStatus;
import dev.payscore.domain.intent.RecordResult;
import dev.payscore.domain.model.MerchantId;
import dev.payscore.domain.model.OutOrderNo;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.CompletionIntents;
import dev.payscore.domain.port.out.StaleWriteException;
import dev.payscore.domain.port.out.StorageException;
import dev.payscore.domain.port.out.StorageLimits;
import dev.payscore.persistence.internal.db.payscore.tables.records.CompletionIntentRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.UpdateResultStep;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/** {@link CompletionIntents} on {@code payscore.completion_intent}. */
public final class JooqCompletionIntents implements CompletionIntents {
  private static final Comparator<CompletionIntent> CLAIM_ORDER =
      Comparator.comparing(CompletionIntent::nextAttemptAt).thenComparing(i -> i.id().value());

  private final DSLContext dsl;

  public JooqCompletionIntents(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl == null");
  }

  @Override
  public RecordResult record(CompletionIntent intent) {
    StorageLimits.check(intent);
    return Sql.run("recording completion intent " + intent.id(), () -> recordChecked(intent));
  }

  private RecordResult recordChecked(CompletionIntent intent) {
    Optional<CompletionIntent> existing = find(intent.mchid(), intent.outOrderNo(), intent.kind());
    if (existing.isPresent()) {
      return existingResult(existing.get(), intent);
    }
    ServiceOrder order =
        dsl.selectFrom(SERVICE_ORDER)
            .where(SERVICE_ORDER.MCHID.eq(intent.mchid().value()))
            .and(SERVICE_ORDER.OUT_ORDER_NO.eq(intent.outOrderNo().value()))
            .fetchOptional()
            .map(JooqServiceOrders::toOrder)
            .orElseThrow(
                () ->
                    new StorageException(
                        "no service order "
                            + intent.mchid()
                            + "/"
                            + intent.outOrderNo()
                            + " for intent "
                            + intent.id()));
    StorageLimits.checkMatches(intent, order);
    CompletionIntentRecord row = toRecord(intent);
    row.setVersion(1L);
    // ON CONFLICT DO NOTHING: a concurrent recorder of the same order wins without aborting the
    // caller's transaction; we then read what it wrote.
    Optional<CompletionIntentRecord> inserted =
        dsl.insertInto(COMPLETION_INTENT)
            .set(row)
            .onConflictDoNothing()
            .returning()
            .fetchOptional();
    if (inserted.isPresent()) {
      return new RecordResult.Recorded(toIntent(inserted.get()));
    }
    return find(intent.mchid(), intent.outOrderNo(), intent.kind())
        .map(found -> existingResult(found, intent))
        .orElseThrow(() -> new StorageException("intent id " + intent.id() + " is taken"));
  }

  private static RecordResult existingResult(CompletionIntent found, CompletionIntent requested) {
    String sha256 = requested.payload().sha256();
    return found.payload().sha256().equals(sha256)
        ? new RecordResult.AlreadyRecorded(found)
        : new RecordResult.Conflict(found, sha256);
  }

  @Override
  public Optional<CompletionIntent> find(IntentId id) {
    Objects.requireNonNull(id, "id == null");
    return Sql.run(
        "finding completion intent " + id,
        () ->
            dsl.selectFrom(COMPLETION_INTENT)
                .where(COMPLETION_INTENT.ID.eq(id.value()))
                .fetchOptional()
                .map(JooqCompletionIntents::toIntent));
  }

  @Override
  public Optional<CompletionIntent> find(MerchantId mchid, OutOrderNo outOrderNo, IntentKind kind) {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(kind, "kind == null");
    return Sql.run(
        "finding the " + kind + " intent of " + mchid + "/" + outOrderNo,
        () ->
            dsl.selectFrom(COMPLETION_INTENT)
                .where(COMPLETION_INTENT.MCHID.eq(mchid.value()))
                .and(COMPLETION_INTENT.OUT_ORDER_NO.eq(outOrderNo.value()))
                .and(COMPLETION_INTENT.KIND.eq(kind.name()))
                .fetchOptional()
                .map(JooqCompletionIntents::toIntent));
  }

  @Override
  public List<CompletionIntent> claimDue(Instant now, String owner, Duration lease, int limit) {
    StorageLimits.checkClaim(now, owner, lease, limit);
    return Sql.run(
        "claiming due intents for " + owner,
        () ->
            claimStatement(dsl, now, owner, lease, limit).fetch().stream()
                .map(JooqCompletionIntents::toIntent)
                .sorted(CLAIM_ORDER)
                .toList());
  }

  /**
   * One statement: lock a batch of due rows, skipping rows other claimers hold, and lease them. FOR
   * UPDATE re-checks "due" on the newest row version, so a row claimed meanwhile drops out. The
   * statuses are literals, not bind values, so that even a generic plan of the prepared statement
   * can use the partial indexes of due intents.
   */
  static UpdateResultStep<CompletionIntentRecord> claimStatement(
      DSLContext dsl, Instant now, String owner, Duration lease, int limit) {
    Condition due =
        COMPLETION_INTENT
            .STATUS
            .eq(DSL.inline(IntentStatus.PENDING.name()))
            .and(COMPLETION_INTENT.NEXT_ATTEMPT_AT.le(Sql.utc(now)))
            .or(
                COMPLETION_INTENT
                    .STATUS
                    .eq(DSL.inline(IntentStatus.IN_FLIGHT.name()))
                    .and(COMPLETION_INTENT.LEASE_EXPIRES_AT.le(Sql.utc(now))));
    return dsl.update(COMPLETION_INTENT)
        .set(COMPLETION_INTENT.STATUS, IntentStatus.IN_FLIGHT.name())
        .set(COMPLETION_INTENT.LEASE_OWNER, owner)
        .set(COMPLETION_INTENT.LEASE_EXPIRES_AT, Sql.utc(now.plus(lease)))
        .set(COMPLETION_INTENT.UPDATED_AT, Sql.utc(now))
        .set(COMPLETION_INTENT.VERSION, COMPLETION_INTENT.VERSION.plus(1))
        .where(
            COMPLETION_INTENT.ID.in(
                DSL.select(COMPLETION_INTENT.ID)
                    .from(COMPLETION_INTENT)
                    .where(due)
                    .orderBy(COMPLETION_INTENT.NEXT_ATTEMPT_AT)
                    .limit(limit)
                    .forUpdate()
                    .skipLocked()))
        .returning();
  }

  @Override
  public boolean renewLease(IntentId id, String owner, Instant until) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(owner, "owner == null");
    Objects.requireNonNull(until, "until == null");
    // The version stays: the holder's copy remains current; only a takeover (a claim) bumps it.
    return Sql.run(
        "renewing the lease of intent " + id,
        () ->
            dsl.update(COMPLETION_INTENT)
                    .set(COMPLETION_INTENT.LEASE_EXPIRES_AT, Sql.utc(until))
                    .where(COMPLETION_INTENT.ID.eq(id.value()))
                    .and(COMPLETION_INTENT.STATUS.eq(IntentStatus.IN_FLIGHT.name()))
                    .and(COMPLETION_INTENT.LEASE_OWNER.eq(owner))
                    .execute()
                == 1);
  }

  @Override
  public CompletionIntent update(CompletionIntent intent) {
    StorageLimits.check(intent);
    String what = "completion intent " + intent.id();
    // Only the bookkeeping is written; what was recorded (order, kind, payload) stays frozen.
    Optional<CompletionIntentRecord> updated =
        Sql.run(
            "updating " + what,
            () ->
                dsl.update(COMPLETION_INTENT)
                    .set(COMPLETION_INTENT.STATUS, intent.status().name())
                    .set(COMPLETION_INTENT.ATTEMPTS, intent.attempts())
                    .set(COMPLETION_INTENT.NEXT_ATTEMPT_AT, Sql.utc(intent.nextAttemptAt()))
                    .set(COMPLETION_INTENT.LAST_OUTCOME, intent.lastOutcome())
                    .set(COMPLETION_INTENT.LAST_ERROR, intent.lastError())
                    .set(COMPLETION_INTENT.LEASE_OWNER, intent.leaseOwner())
                    .set(COMPLETION_INTENT.LEASE_EXPIRES_AT, Sql.utcOrNull(intent.leaseExpiresAt()))
                    .set(COMPLETION_INTENT.UPDATED_AT, Sql.utc(intent.updatedAt()))
                    .set(COMPLETION_INTENT.VERSION, intent.version() + 1)
                    .where(COMPLETION_INTENT.ID.eq(intent.id().value()))
                    .and(COMPLETION_INTENT.MCHID.eq(intent.mchid().value()))
                    .and(COMPLETION_INTENT.VERSION.eq(intent.version()))
                    .returning()
                    .fetchOptional());
    return toIntent(updated.orElseThrow(() -> new StaleWriteException(what, intent.version())));
  }

  @Override
  public List<CompletionIntent> list(MerchantId mchid, @Nullable IntentStatus status, int limit) {
    Objects.requireNonNull(mchid, "mchid == null");
    StorageLimits.checkLimit(limit);
    Condition where = COMPLETION_INTENT.MCHID.eq(mchid.value());
    if (status != null) {
      where = where.and(COMPLETION_INTENT.STATUS.eq(status.name()));
    }
    Condition condition = where;
    return Sql.run(
        "listing the intents of " + mchid,
        () ->
            dsl.selectFrom(COMPLETION_INTENT)
                .where(condition)
                .orderBy(COMPLETION_INTENT.CREATED_AT.desc(), COMPLETION_INTENT.ID.desc())
                .limit(limit)
                .fetch(JooqCompletionIntents::toIntent));
  }

  @Override
  public Map<IntentStatus, Long> countByStatus(MerchantId mchid) {
    Objects.requireNonNull(mchid, "mchid == null");
    Map<IntentStatus, Long> counts = new EnumMap<>(IntentStatus.class);
    Sql.run(
            "counting the intents of " + mchid,
            () ->
                dsl.select(COMPLETION_INTENT.STATUS, DSL.count())
                    .from(COMPLETION_INTENT)
                    .where(COMPLETION_INTENT.MCHID.eq(mchid.value()))
                    .groupBy(COMPLETION_INTENT.STATUS)
                    .fetch())
        .forEach(r -> counts.put(IntentStatus.valueOf(r.value1()), r.value2().longValue()));
    return counts;
  }

  private static CompletionIntentRecord toRecord(CompletionIntent i) {
    CompletionIntentRecord r = new CompletionIntentRecord();
    r.setId(i.id().value());
    r.setMchid(i.mchid().value());
    r.setOutOrderNo(i.outOrderNo().value());
    r.setKind(i.kind().name());
    r.setPayload(JSONB.valueOf(i.payload().json()));
    r.setPayloadSha256(i.payload().sha256());
    r.setStatus(i.status().name());
    r.setAttempts(i.attempts());
    r.setNextAttemptAt(Sql.utc(i.nextAttemptAt()));
    r.setLastOutcome(i.lastOutcome());
    r.setLastError(i.lastError());
    r.setLeaseOwner(i.leaseOwner());
    r.setLeaseExpiresAt(Sql.utcOrNull(i.leaseExpiresAt()));
    r.setRequestedBy(i.requestedBy());
    r.setCreatedAt(Sql.utc(i.createdAt()));
    r.setUpdatedAt(Sql.utc(i.updatedAt()));
    return r;
  }

  private static CompletionIntent toIntent(CompletionIntentRecord r) {
    IntentId id = new IntentId(r.getId());
    IntentKind kind = IntentKind.valueOf(r.getKind());
    return new CompletionIntent(
        id,
        MerchantId.of(r.getMchid()),
        OutOrderNo.of(r.getOutOrderNo()),
        kind,
        JsonColumns.payload(kind, r.getPayload(), r.getPayloadSha256(), id),
        IntentStatus.valueOf(r.getStatus()),
        r.getAttempts(),
        r.getNextAttemptAt().toInstant(),
        r.getLastOutcome(),
        r.getLastError(),
        r.getLeaseOwner(),
        Sql.instantOrNull(r.getLeaseExpiresAt()),
        r.getRequestedBy(),
        r.getCreatedAt().toInstant(),
        r.getUpdatedAt().toInstant(),
        r.getVersion());
  }
}
