package dev.payscore.persistence.internal;

import static dev.payscore.persistence.internal.db.payscore.Tables.COMPLETION_INTENT;

import dev.payscore.domain.intent.CompletionIntent;
import dev.payscore.domain.intent.IntentId;
import dev.payscore.domain.intent.IntentKind;
import dev.payscore.domain.intent.IntentPayload;
import dev.payscore.domain.intent.IntentStatus;
import dev.payscore.domain.intent.RecordResult;
import dev.payscore.domain.model.MerchantId;
import dev.payscore.domain.model.OutOrderNo;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.CompletionIntents;
import dev.payscore.domain.port.out.StaleWriteException;
import dev.payscore.domain.port.out.StorageException;
import dev.payscore.domain.port.out.StorageLimits;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/** {@link CompletionIntents} on {@code payscore.completion_intent}. */
public final class JooqCompletionIntents implements CompletionIntents {
  private static final Comparator<CompletionIntent> CLAIM_ORDER =
      Comparator.comparing(CompletionIntent::nextAttemptAt).thenComparing(i -> i.id().value());

  /** Every column but the payload, which callers that hold it need not read back. */
  private static final String BOOKKEEPING =
      "id, mchid, out_order_no, kind, status, attempts, next_attempt_at, last_outcome,"
          + " last_error, lease_owner, lease_expires_at, requested_by, created_at, updated_at,"
          + " version";

  private static final String FIND_BY_ID =
      "SELECT * FROM payscore.completion_intent WHERE id = ?";
  private static final String FIND_BY_ORDER =
      "SELECT * FROM payscore.completion_intent WHERE mchid = ? AND out_order_no = ? AND kind = ?";

  /**
   * A new intent is due at once by the database's clock: a recorder whose clock runs ahead never
   * makes it wait (LEAST). One that asks to be held back ({@code nextAttemptAt} after {@code
   * createdAt}: a completion whose defaulted end time has not come yet) is due that long after the
   * database's now. Inserted only if the order exists with the payload's appid and service_id. ON CONFLICT DO
   * NOTHING: a concurrent recorder of the same order wins without aborting the caller's
   * transaction; the caller then reads what it wrote.
   */
  private static final String INSERT =
      """
      INSERT INTO payscore.completion_intent (id, mchid, out_order_no, kind, payload,
        payload_sha256, requested_by, created_at, status, attempts, next_attempt_at, last_outcome,
        last_error, lease_owner, lease_expires_at, updated_at, version)
      SELECT ?, o.mchid, o.out_order_no, ?, ?::jsonb, ?, ?, ?, ?, ?,
        CASE WHEN t.held > interval '0' THEN clock_timestamp() + t.held
          ELSE LEAST(?::timestamptz, clock_timestamp()) END, ?, ?, ?, ?, ?, 1
      FROM payscore.service_order o, (VALUES (? * interval '1 millisecond')) AS t (held)
      WHERE o.mchid = ? AND o.out_order_no = ? AND o.appid = ? AND o.service_id = ?
      ON CONFLICT DO NOTHING
      RETURNING\s"""
          + BOOKKEEPING;

  private static final String UPDATE =
      """
      UPDATE payscore.completion_intent SET
        status = ?, attempts = ?, next_attempt_at = ?, last_outcome = ?, last_error = ?,
        lease_owner = ?, lease_expires_at = ?, updated_at = ?, version = version + 1
      WHERE id = ? AND mchid = ? AND version = ?
      RETURNING\s"""
          + BOOKKEEPING;

  /**
   * One statement: lock a batch of due rows of the given merchants, skipping rows other claimers
   * hold, and lease them. Due and lease expiry are the database's {@code clock_timestamp()}, never
   * a caller's clock. Each merchant's due rows of each kind (pending and due; in flight with an
   * expired lease) are read from their partial index on (mchid, time) in index order, at most that
   * merchant's permits of each, so a claim reads about {@code limit} rows however long the backlog;
   * the permits then cap both kinds together. FOR UPDATE re-checks "due" on the newest row
   * version, so a row claimed meanwhile drops out. The statuses are literals, not parameters, so
   * that even the generic plan of the prepared statement uses those indexes ({@code ClaimPlanIT}).
   * Parameters: merchants, their permits, owner, lease in milliseconds, limit.
   */
  static final String CLAIM =
      """
      WITH permits AS (
        SELECT * FROM unnest(?::varchar[], ?::int[]) AS p(mchid, permits) WHERE p.permits > 0),
      pending AS (
        SELECT d.* FROM permits p CROSS JOIN LATERAL (
          SELECT id, mchid, next_attempt_at FROM payscore.completion_intent
          WHERE status = 'PENDING' AND mchid = p.mchid AND next_attempt_at <= clock_timestamp()
          ORDER BY next_attempt_at
          LIMIT p.permits
          FOR UPDATE SKIP LOCKED) d),
      expired AS (
        SELECT d.* FROM permits p CROSS JOIN LATERAL (
          SELECT id, mchid, next_attempt_at FROM payscore.completion_intent
          WHERE status = 'IN_FLIGHT' AND mchid = p.mchid AND lease_expires_at <= clock_timestamp()
          ORDER BY lease_expires_at
          LIMIT p.permits
          FOR UPDATE SKIP LOCKED) d),
      due AS (
        SELECT due.id, due.next_attempt_at,
          row_number() OVER (PARTITION BY due.mchid ORDER BY due.next_attempt_at) AS nth,
          p.permits
        FROM (SELECT * FROM pending UNION ALL SELECT * FROM expired) due
        JOIN permits p ON p.mchid = due.mchid)
      UPDATE payscore.completion_intent SET
        status = 'IN_FLIGHT', lease_owner = ?,
        lease_expires_at = clock_timestamp() + ? * interval '1 millisecond',
        updated_at = clock_timestamp(), version = version + 1
      WHERE id IN (SELECT id FROM due WHERE nth <= permits ORDER BY next_attempt_at LIMIT ?)
      RETURNING *""";

  /**
   * Extends a lease in database time, fenced by the version taken at claim; the version stays, so
   * the holder's copy remains current.
   */
  private static final String RENEW =
      """
      UPDATE payscore.completion_intent
      SET lease_expires_at = clock_timestamp() + ? * interval '1 millisecond'
      WHERE id = ? AND mchid = ? AND version = ? AND status = 'IN_FLIGHT'""";

  /**
   * {@link #UPDATE} fenced by the version taken at claim, with the next attempt due in database
   * time: {@code next_attempt_at} is the database's now plus the delay when one is given (the
   * parameter after it is null otherwise, and the instant is kept).
   */
  private static final String SETTLE =
      """
      UPDATE payscore.completion_intent SET
        status = ?, attempts = ?,
        next_attempt_at = COALESCE(clock_timestamp() + ? * interval '1 millisecond', ?),
        last_outcome = ?, last_error = ?, lease_owner = ?, lease_expires_at = ?,
        updated_at = clock_timestamp(), version = version + 1
      WHERE id = ? AND mchid = ? AND version = ?
      RETURNING\s"""
          + BOOKKEEPING;

  private final DSLContext dsl;

  public JooqCompletionIntents(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl == null");
  }

  @Override
  public RecordResult record(CompletionIntent intent) {
    StorageLimits.check(intent);
    return Sql.run("recording completion intent " + intent.id(), () -> recordChecked(intent));
  }

  /**
   * The common case is one statement: insert the intent if its order exists with the payload's
   * appid and service_id and no intent of its kind exists. Only when nothing was inserted do we
   * read to tell a repeat, a conflict, a missing order and a mismatched one apart.
   */
  private RecordResult recordChecked(CompletionIntent intent) {
    Optional<CompletionIntent> inserted =
        Jdbc.queryOne(
            dsl,
            INSERT,
            p ->
                bookkeeping(
                        p.object(intent.id().value())
                            .text(intent.kind().name())
                            .text(intent.payload().json())
                            .text(intent.payload().sha256())
                            .text(intent.requestedBy())
                            .time(intent.createdAt()),
                        intent)
                    .number(heldBackMillis(intent))
                    .text(intent.mchid().value())
                    .text(intent.outOrderNo().value())
                    .text(intent.payload().appid())
                    .text(intent.payload().serviceId()),
            rs -> read(rs, intent.payload()));
    if (inserted.isPresent()) {
      return new RecordResult.Recorded(inserted.get());
    }
    Optional<CompletionIntent> existing = find(intent.mchid(), intent.outOrderNo(), intent.kind());
    if (existing.isPresent()) {
      return existingResult(existing.get(), intent);
    }
    ServiceOrder order =
        new JooqServiceOrders(dsl)
            .find(intent.mchid(), intent.outOrderNo())
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
    throw new StorageException("intent id " + intent.id() + " is taken");
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
        () -> Jdbc.queryOne(dsl, FIND_BY_ID, p -> p.object(id.value()), rs -> read(rs, null)));
  }

  @Override
  public Optional<CompletionIntent> find(MerchantId mchid, OutOrderNo outOrderNo, IntentKind kind) {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(kind, "kind == null");
    return Sql.run(
        "finding the " + kind + " intent of " + mchid + "/" + outOrderNo,
        () ->
            Jdbc.queryOne(
                dsl,
                FIND_BY_ORDER,
                p -> p.text(mchid.value()).text(outOrderNo.value()).text(kind.name()),
                rs -> read(rs, null)));
  }

  @Override
  public List<CompletionIntent> claimDue(
      String owner, Duration lease, Map<MerchantId, Integer> permits, int limit) {
    StorageLimits.checkClaim(owner, lease, permits, limit);
    if (permits.values().stream().allMatch(n -> n == 0)) {
      return List.of();
    }
    String[] merchants = new String[permits.size()];
    Long[] counts = new Long[permits.size()];
    int i = 0;
    for (Map.Entry<MerchantId, Integer> permit : permits.entrySet()) {
      merchants[i] = permit.getKey().value();
      counts[i++] = (long) Math.min(permit.getValue(), limit);
    }
    return Sql.run(
        "claiming due intents for " + owner,
        () ->
            Jdbc.query(
                    dsl,
                    CLAIM,
                    p ->
                        p.texts(merchants)
                            .numbers(counts)
                            .text(owner)
                            .number(lease.toMillis())
                            .integer(limit),
                    rs -> read(rs, null))
                .stream()
                .sorted(CLAIM_ORDER)
                .toList());
  }

  @Override
  public boolean renewLease(CompletionIntent claimed, Duration lease) {
    Objects.requireNonNull(claimed, "claimed == null");
    Objects.requireNonNull(lease, "lease == null");
    return Sql.run(
        "renewing the lease of intent " + claimed.id(),
        () ->
            Jdbc.update(
                    dsl,
                    RENEW,
                    p ->
                        p.number(lease.toMillis())
                            .object(claimed.id().value())
                            .text(claimed.mchid().value())
                            .number(claimed.version()))
                == 1);
  }

  @Override
  public CompletionIntent settle(CompletionIntent intent, @Nullable Duration dueIn) {
    StorageLimits.check(intent);
    String what = "completion intent " + intent.id();
    Optional<CompletionIntent> settled =
        Sql.run(
            "settling " + what,
            () ->
                Jdbc.queryOne(
                    dsl,
                    SETTLE,
                    p ->
                        p.text(intent.status().name())
                            .integer(intent.attempts())
                            .number(dueIn == null ? null : dueIn.toMillis())
                            .time(intent.nextAttemptAt())
                            .text(intent.lastOutcome())
                            .text(intent.lastError())
                            .text(intent.leaseOwner())
                            .time(intent.leaseExpiresAt())
                            .object(intent.id().value())
                            .text(intent.mchid().value())
                            .number(intent.version()),
                    rs -> read(rs, intent.payload())));
    return settled.orElseThrow(() -> new StaleWriteException(what, intent.version()));
  }

  @Override
  public CompletionIntent update(CompletionIntent intent) {
    StorageLimits.checkBookkeeping(intent);
    String what = "completion intent " + intent.id();
    // Only the bookkeeping is written; what was recorded (order, kind, payload) stays frozen, so
    // the payload is not read back either.
    Optional<CompletionIntent> updated =
        Sql.run(
            "updating " + what,
            () ->
                Jdbc.queryOne(
                    dsl,
                    UPDATE,
                    p ->
                        bookkeeping(p, intent)
                            .object(intent.id().value())
                            .text(intent.mchid().value())
                            .number(intent.version()),
                    rs -> read(rs, intent.payload())));
    return updated.orElseThrow(() -> new StaleWriteException(what, intent.version()));
  }

  /**
   * Binds what changes over an intent's life, in the order both {@link #INSERT} and {@link
   * #UPDATE} name it: status, attempts, next_attempt_at, last_outcome, last_error, lease_owner,
   * lease_expires_at, updated_at.
   */
  /** How long a new intent asks to wait before its first attempt; 0 for due at once. */
  private static long heldBackMillis(CompletionIntent intent) {
    return Math.max(0, intent.nextAttemptAt().toEpochMilli() - intent.createdAt().toEpochMilli());
  }

  private static Jdbc.Parameters bookkeeping(Jdbc.Parameters p, CompletionIntent intent)
      throws SQLException {
    return p.text(intent.status().name())
        .integer(intent.attempts())
        .time(intent.nextAttemptAt())
        .text(intent.lastOutcome())
        .text(intent.lastError())
        .text(intent.leaseOwner())
        .time(intent.leaseExpiresAt())
        .time(intent.updatedAt());
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
            Jdbc.fetch(
            dsl.selectFrom(COMPLETION_INTENT)
                .where(condition)
                .orderBy(COMPLETION_INTENT.CREATED_AT.desc(), COMPLETION_INTENT.ID.desc())
                .limit(limit),
            rs -> read(rs, null)));
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

  /**
   * The intent of the current row. {@code known} is the payload the caller already holds (an
   * insert or update returns every column but the frozen payload); otherwise it is read, and
   * checked against its stored digest.
   */
  private static CompletionIntent read(ResultSet rs, @Nullable IntentPayload known)
      throws SQLException {
    IntentId id = new IntentId(rs.getObject("id", UUID.class));
    IntentKind kind = IntentKind.valueOf(rs.getString("kind"));
    IntentPayload payload =
        known != null
            ? known
            : JsonColumns.payload(
                kind, rs.getString("payload"), rs.getString("payload_sha256"), id);
    return new CompletionIntent(
        id,
        MerchantId.of(rs.getString("mchid")),
        OutOrderNo.of(rs.getString("out_order_no")),
        kind,
        1,
        null,
        payload,
        IntentStatus.valueOf(rs.getString("status")),
        rs.getInt("attempts"),
        Objects.requireNonNull(Jdbc.instant(rs, "next_attempt_at")),
        rs.getString("last_outcome"),
        rs.getString("last_error"),
        rs.getString("lease_owner"),
        Jdbc.instant(rs, "lease_expires_at"),
        rs.getString("requested_by"),
        Objects.requireNonNull(Jdbc.instant(rs, "created_at")),
        Objects.requireNonNull(Jdbc.instant(rs, "updated_at")),
        rs.getLong("version"));
  }
}
