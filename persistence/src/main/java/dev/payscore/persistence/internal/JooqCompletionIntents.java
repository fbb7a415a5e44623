package dev.payscore.persistence.internal;

import static dev.payscore.persistence.internal.db.payscore.Tables.COMPLETION_INTENT;

import dev.payscore.AuditEventType;
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
import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.intent.ClaimedIntent;
import dev.payscore.domain.intent.IntentBody;
import dev.payscore.domain.intent.IntentPayload;
import dev.payscore.domain.intent.RecordResult;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.ClaimBatch;
import dev.payscore.domain.port.out.CompletionIntents;
import dev.payscore.domain.port.out.OrderKey;
import dev.payscore.domain.port.out.StaleWriteException;
import dev.payscore.domain.port.out.StorageLimits;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CompletionIntents} on {@code payscore.completion_intent}: the body column holds the exact
 * bytes sent (bytea) beside their SHA-256; a read checks one against the other and reads the bytes
 * as the kind's request, never rebuilding them. A row that fails that is quarantined by the claim
 * that meets it and listed by {@link #quarantined}.
 */
public final class JooqCompletionIntents implements CompletionIntents {
  private static final Logger LOG = LoggerFactory.getLogger(JooqCompletionIntents.class);
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Comparator<CompletionIntent> CLAIM_ORDER =
      Comparator.comparing(CompletionIntent::nextAttemptAt).thenComparing(i -> i.id().value());

  /** Every column but the body, which callers that hold it need not read back. */
  private static final String BOOKKEEPING =
      "id, mchid, out_order_no, kind, generation, supersedes, status, attempts, next_attempt_at,"
          + " last_outcome, last_error, lease_owner, lease_expires_at, requested_by, created_at,"
          + " updated_at, version";

  private static final String FIND_BY_ID =
      "SELECT * FROM payscore.completion_intent WHERE id = ?";
  private static final String FIND_LATEST =
      "SELECT * FROM payscore.completion_intent WHERE mchid = ? AND out_order_no = ? AND kind = ?"
          + " ORDER BY generation DESC LIMIT 1";
  private static final String FIND_BY_DIGEST =
      "SELECT * FROM payscore.completion_intent WHERE mchid = ? AND out_order_no = ? AND kind = ?"
          + " AND payload_sha256 = ? ORDER BY generation DESC LIMIT 1";

  /** The statuses that hold an order, as SQL literals: the predicate of the open index. */
  private static final String OPEN = literals(IntentStatus.OPEN.stream().map(Enum::name).sorted());

  /** Reads the open intent by the partial unique index on open statuses, without its body. */
  private static final String FIND_OPEN =
      "SELECT id, kind, status, generation, payload_sha256, quarantine_reason, version"
          + " FROM payscore.completion_intent WHERE mchid = ? AND out_order_no = ?"
          + " AND status IN ("
          + OPEN
          + ")";

  /** A row a claim could not read: set aside for a person, with the reason. */
  private static final String QUARANTINE =
      """
      UPDATE payscore.completion_intent SET
        status = 'NEEDS_ATTENTION', quarantine_reason = ?, last_outcome = 'QUARANTINED',
        last_error = ?, lease_owner = NULL, lease_expires_at = NULL, updated_at = ?,
        version = version + 1
      WHERE id = ?""";

  private static final String SUPERSEDE =
      """
      UPDATE payscore.completion_intent SET
        status = 'SUPERSEDED', lease_owner = NULL, lease_expires_at = NULL, updated_at = ?,
        version = version + 1
      WHERE id = ? AND version = ? AND status = 'NEEDS_ATTENTION'""";

  private static final String KNOWN_KINDS =
      literals(Arrays.stream(IntentKind.values()).map(Enum::name));
  private static final String KNOWN_STATUSES =
      literals(Arrays.stream(IntentStatus.values()).map(Enum::name));

  /**
   * The merchant's rows that cannot be read: quarantined by a claim, or (not claimed since they
   * broke) with a body that no longer matches its digest, or a kind or status this version does not
   * know. A body that matches its digest but is not its kind's request shows once a claim meets it.
   */
  private static final String QUARANTINED =
      "SELECT id, mchid, out_order_no, kind, status, generation, payload_sha256, quarantine_reason,"
          + " version, updated_at, CASE"
          + " WHEN quarantine_reason IS NOT NULL THEN quarantine_reason"
          + " WHEN kind NOT IN ("
          + KNOWN_KINDS
          + ") THEN 'unknown kind ' || kind"
          + " WHEN status NOT IN ("
          + KNOWN_STATUSES
          + ") THEN 'unknown status ' || status"
          + " ELSE 'the stored body does not match its SHA-256 ' || payload_sha256 END AS reason"
          + " FROM payscore.completion_intent WHERE mchid = ? AND (quarantine_reason IS NOT NULL"
          + " OR kind NOT IN ("
          + KNOWN_KINDS
          + ") OR status NOT IN ("
          + KNOWN_STATUSES
          + ") OR encode(sha256(body), 'hex') <> payload_sha256)"
          + " ORDER BY updated_at DESC, id LIMIT ?";

  /**
   * A new intent is due at once by the database's clock: a recorder whose clock runs ahead never
   * makes it wait (LEAST). One that asks to be held back ({@code nextAttemptAt} after {@code
   * createdAt}: a completion whose defaulted end time has not come yet) is due that long after the
   * database's now. Inserted only if the order exists with the payload's appid and service_id. ON
   * CONFLICT DO NOTHING (the unique generation, the one open intent per order): a concurrent
   * recorder of the same order wins without aborting the caller's transaction; the caller then
   * reads what won.
   */
  private static final String INSERT =
      """
      INSERT INTO payscore.completion_intent (id, mchid, out_order_no, kind, generation,
        supersedes, body, payload_sha256, requested_by, created_at, status, attempts,
        next_attempt_at, last_outcome, last_error, lease_owner, lease_expires_at, updated_at,
        version)
      SELECT ?, o.mchid, o.out_order_no, ?, ?, ?, ?, ?, ?, ?, ?, ?,
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
        lease_owner = ?, lease_expires_at = ?, updated_at = ?, version = version + 1,
        quarantine_reason = CASE WHEN ?::text = 'NEEDS_ATTENTION' THEN quarantine_reason END,
        claims = CASE WHEN ?::text = 'PENDING' THEN 0 ELSE claims END
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
   *
   * <p>A leased row counts the attempt about to be sent and the claim itself; an expired row
   * already claimed {@code maxClaims} times without settling is set aside (NEEDS_ATTENTION)
   * instead. Each row comes back with the owner whose lease it took over ({@code taken_over_from},
   * null for a pending row) and whether it was set aside. Parameters: merchants, their permits,
   * maxClaims, limit, owner, lease in milliseconds, maxClaims (for the reason).
   */
  static final String CLAIM =
      """
      WITH permits AS (
        SELECT * FROM unnest(?::varchar[], ?::int[]) AS p(mchid, permits) WHERE p.permits > 0),
      pending AS (
        SELECT d.* FROM permits p CROSS JOIN LATERAL (
          SELECT id, mchid, next_attempt_at, NULL::varchar AS taken_over_from,
            false AS set_aside
          FROM payscore.completion_intent
          WHERE status = 'PENDING' AND mchid = p.mchid AND next_attempt_at <= clock_timestamp()
          ORDER BY next_attempt_at
          LIMIT p.permits
          FOR UPDATE SKIP LOCKED) d),
      expired AS (
        SELECT d.* FROM permits p CROSS JOIN LATERAL (
          SELECT id, mchid, next_attempt_at, lease_owner AS taken_over_from,
            claims >= ? AS set_aside
          FROM payscore.completion_intent
          WHERE status = 'IN_FLIGHT' AND mchid = p.mchid AND lease_expires_at <= clock_timestamp()
          ORDER BY lease_expires_at
          LIMIT p.permits
          FOR UPDATE SKIP LOCKED) d),
      due AS (
        SELECT due.*,
          row_number() OVER (PARTITION BY due.mchid ORDER BY due.next_attempt_at) AS nth,
          p.permits
        FROM (SELECT * FROM pending UNION ALL SELECT * FROM expired) due
        JOIN permits p ON p.mchid = due.mchid),
      chosen AS (
        SELECT id, taken_over_from, set_aside FROM due WHERE nth <= permits
        ORDER BY next_attempt_at LIMIT ?)
      UPDATE payscore.completion_intent i SET
        status = CASE WHEN c.set_aside THEN 'NEEDS_ATTENTION' ELSE 'IN_FLIGHT' END,
        lease_owner = CASE WHEN c.set_aside THEN NULL ELSE ? END,
        lease_expires_at = CASE WHEN c.set_aside THEN NULL
          ELSE clock_timestamp() + ? * interval '1 millisecond' END,
        attempts = CASE WHEN c.set_aside THEN i.attempts ELSE i.attempts + 1 END,
        claims = CASE WHEN c.set_aside THEN i.claims ELSE i.claims + 1 END,
        last_outcome = CASE WHEN c.set_aside THEN 'CLAIMED_TOO_OFTEN' ELSE i.last_outcome END,
        last_error = CASE WHEN c.set_aside
          THEN 'claimed ' || i.claims || ' times without settling (limit ' || ?::int
            || '): each dispatcher that took it stopped, or could not settle, before it settled'
          ELSE i.last_error END,
        updated_at = clock_timestamp(), version = i.version + 1
      FROM chosen c
      WHERE i.id = c.id
      RETURNING i.*, c.taken_over_from, c.set_aside""";

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
        updated_at = clock_timestamp(), version = version + 1, claims = 0
      WHERE id = ? AND mchid = ? AND version = ?
      RETURNING\s"""
          + BOOKKEEPING;

  /**
   * {@link #INSERT} of many intents in one statement, from parallel arrays (times as ISO-8601
   * text, ids as text, bodies as hex): each row only if its order exists with the payload's appid
   * and service_id; ON CONFLICT DO NOTHING, so a row that would break a unique rule is left out
   * (and the caller sees it missing) instead of aborting the transaction.
   */
  private static final String INSERT_ALL =
      """
      INSERT INTO payscore.completion_intent (id, mchid, out_order_no, kind, generation,
        supersedes, body, payload_sha256, requested_by, created_at, status, attempts,
        next_attempt_at, last_outcome, last_error, lease_owner, lease_expires_at, updated_at,
        version)
      SELECT u.id::uuid, o.mchid, o.out_order_no, u.kind, u.generation, u.supersedes::uuid,
        decode(u.body, 'hex'), u.sha256, u.requested_by, u.created_at::timestamptz, u.status,
        u.attempts,
        CASE WHEN u.held_ms > 0 THEN clock_timestamp() + u.held_ms * interval '1 millisecond'
          ELSE LEAST(u.next_attempt_at::timestamptz, clock_timestamp()) END,
        NULL, NULL, NULL, NULL, u.created_at::timestamptz, 1
      FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[],
        ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[],
        ?::text[], ?::text[])
        AS u(id, mchid, out_order_no, kind, generation, supersedes, body, sha256, requested_by,
          created_at, status, attempts, next_attempt_at, held_ms, appid, service_id)
      JOIN payscore.service_order o ON o.mchid = u.mchid AND o.out_order_no = u.out_order_no
        AND o.appid = u.appid AND o.service_id = u.service_id
      ON CONFLICT DO NOTHING
      RETURNING\s"""
          + BOOKKEEPING;

  /** The orders among the given ones that have an intent (the generation index answers). */
  private static final String WITH_INTENTS =
      """
      SELECT k.mchid, k.out_order_no FROM unnest(?::text[], ?::text[]) AS k(mchid, out_order_no)
      WHERE EXISTS (SELECT 1 FROM payscore.completion_intent i
        WHERE i.mchid = k.mchid AND i.out_order_no = k.out_order_no)""";

  /**
   * {@link #SETTLE} of many intents in one statement, each row fenced by its own version: a row at
   * another version is simply not updated (and not returned), the others are. Times travel as
   * ISO-8601 text, ids as text; the arrays are parallel, one element per intent.
   */
  private static final String SETTLE_ALL =
      """
      UPDATE payscore.completion_intent i SET
        status = u.status, attempts = u.attempts,
        next_attempt_at = COALESCE(clock_timestamp() + u.due_ms * interval '1 millisecond',
          u.next_attempt_at::timestamptz),
        last_outcome = u.last_outcome, last_error = u.last_error, lease_owner = u.lease_owner,
        lease_expires_at = u.lease_expires_at::timestamptz,
        updated_at = clock_timestamp(), version = i.version + 1
      FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::text[],
        ?::text[], ?::text[], ?::text[], ?::text[])
        AS u(id, mchid, version, status, attempts, due_ms, next_attempt_at, last_outcome,
          last_error, lease_owner, lease_expires_at)
      WHERE i.id = u.id::uuid AND i.mchid = u.mchid AND i.version = u.version
      RETURNING\s"""
          + BOOKKEEPING.replaceAll("(\\w+)", "i.$1");

  /**
   * {@link #stats}: the open rows of the given merchants, read from the (mchid, status, created_at)
   * or the partial index of open intents (settled rows are outside both), counted by status in one
   * pass; the oldest pending age in microseconds of the database's clock (negative when a recorder's
   * clock ran ahead: read as zero). Statuses are literals, as in the claim,
   * so that the generic plan of the prepared statement uses the index ({@code StatsPlanIT}).
   * Parameter: the merchants.
   */
  static final String STATS =
      """
      SELECT count(*) FILTER (WHERE status = 'PENDING') AS pending,
        count(*) FILTER (WHERE status = 'IN_FLIGHT') AS in_flight,
        count(*) FILTER (WHERE status = 'NEEDS_ATTENTION') AS needs_attention,
        floor(extract(epoch FROM clock_timestamp() - min(created_at) FILTER (WHERE status = 'PENDING'))
          * 1000000)::bigint AS oldest_pending_micros
      FROM payscore.completion_intent
      WHERE mchid = ANY (?::varchar[]) AND status IN ('IN_FLIGHT', 'NEEDS_ATTENTION', 'PENDING')""";

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
    IntentId supersedes = intent.supersedes();
    Optional<CompletionIntent> inserted =
        Jdbc.queryOne(
            dsl,
            INSERT,
            p ->
                bookkeeping(
                        p.object(intent.id().value())
                            .text(intent.kind().name())
                            .integer(intent.generation())
                            .object(supersedes == null ? null : supersedes.value())
                            .bytes(intent.body().bytes())
                            .text(intent.body().sha256())
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
    return whyNotInserted(intent);
  }

  /** Nothing was inserted: which rule (or missing order) stopped it. */
  private RecordResult whyNotInserted(CompletionIntent intent) {
    String sha256 = intent.body().sha256();
    Optional<IntentRef> open = open(intent.mchid(), intent.outOrderNo());
    if (open.isPresent()
        && (!open.get().kind().equals(intent.kind().name()) || open.get().quarantined())) {
      return new RecordResult.AnotherIntentOpen(open.get());
    }
    Optional<CompletionIntent> same =
        findByDigest(intent.mchid(), intent.outOrderNo(), intent.kind(), sha256);
    if (same.isPresent()) {
      return new RecordResult.AlreadyRecorded(same.get());
    }
    if (open.isPresent()) {
      return new RecordResult.Conflict(readable(open.get().id()), sha256);
    }
    Optional<CompletionIntent> latest = find(intent.mchid(), intent.outOrderNo(), intent.kind());
    if (latest.isPresent() && latest.get().generation() >= intent.generation()) {
      return new RecordResult.Conflict(latest.get(), sha256);
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

  private CompletionIntent readable(IntentId id) {
    return find(id).orElseThrow(() -> new StorageException("intent " + id + " vanished"));
  }

  @Override
  public Optional<CompletionIntent> find(IntentId id) {
    Objects.requireNonNull(id, "id == null");
    return Sql.run(
        "finding completion intent " + id,
        () ->
            Jdbc.queryOne(
                dsl, FIND_BY_ID, p -> p.object(id.value()), JooqCompletionIntents::readOrThrow));
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
                FIND_LATEST,
                p -> p.text(mchid.value()).text(outOrderNo.value()).text(kind.name()),
                JooqCompletionIntents::readOrThrow));
  }

  @Override
  public Optional<CompletionIntent> findByDigest(
      MerchantId mchid, OutOrderNo outOrderNo, IntentKind kind, String sha256) {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(sha256, "sha256 == null");
    return Sql.run(
        "finding the " + kind + " intent " + sha256 + " of " + mchid + "/" + outOrderNo,
        () ->
            Jdbc.queryOne(
                dsl,
                FIND_BY_DIGEST,
                p ->
                    p.text(mchid.value())
                        .text(outOrderNo.value())
                        .text(kind.name())
                        .text(sha256),
                JooqCompletionIntents::readOrThrow));
  }

  @Override
  public Optional<IntentRef> open(MerchantId mchid, OutOrderNo outOrderNo) {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    return Sql.run(
        "finding the open intent of " + mchid + "/" + outOrderNo,
        () ->
            Jdbc.queryOne(
                dsl,
                FIND_OPEN,
                p -> p.text(mchid.value()).text(outOrderNo.value()),
                JooqCompletionIntents::ref));
  }

  @Override
  public void supersede(IntentRef ref, Instant now) {
    Objects.requireNonNull(ref, "ref == null");
    Objects.requireNonNull(now, "now == null");
    int changed =
        Sql.run(
            "superseding intent " + ref.id(),
            () ->
                Jdbc.update(
                    dsl,
                    SUPERSEDE,
                    p -> p.time(now).object(ref.id().value()).number(ref.version())));
    if (changed != 1) {
      throw new StaleWriteException("completion intent " + ref.id(), ref.version());
    }
  }

  @Override
  public List<QuarantinedIntent> quarantined(MerchantId mchid, int limit) {
    Objects.requireNonNull(mchid, "mchid == null");
    StorageLimits.checkLimit(limit);
    return Sql.run(
        "listing the unreadable intents of " + mchid,
        () ->
            Jdbc.query(
                dsl,
                QUARANTINED,
                p -> p.text(mchid.value()).integer(limit),
                rs ->
                    new QuarantinedIntent(
                        MerchantId.of(rs.getString("mchid")),
                        OutOrderNo.of(rs.getString("out_order_no")),
                        ref(rs),
                        rs.getString("reason"),
                        Objects.requireNonNull(Jdbc.instant(rs, "updated_at")))));
  }

  @Override
  public ClaimBatch claimDue(
      String owner, Duration lease, Map<MerchantId, Integer> permits, int limit, int maxClaims) {
    StorageLimits.checkClaim(owner, lease, permits, limit, maxClaims);
    if (permits.values().stream().allMatch(n -> n == 0)) {
      return ClaimBatch.EMPTY;
    }
    String[] merchants = new String[permits.size()];
    Long[] counts = new Long[permits.size()];
    int i = 0;
    for (Map.Entry<MerchantId, Integer> permit : permits.entrySet()) {
      merchants[i] = permit.getKey().value();
      counts[i++] = (long) Math.min(permit.getValue(), limit);
    }
    List<Claimed> rows =
        Sql.run(
            "claiming due intents for " + owner,
            () ->
                Jdbc.query(
                    dsl,
                    CLAIM,
                    p ->
                        p.texts(merchants)
                            .numbers(counts)
                            .integer(maxClaims)
                            .integer(limit)
                            .text(owner)
                            .number(lease.toMillis())
                            .integer(maxClaims),
                    rs ->
                        new Claimed(
                            row(rs), rs.getString("taken_over_from"), rs.getBoolean("set_aside"))));
    List<ClaimedIntent> leased = new ArrayList<>(rows.size());
    List<ClaimedIntent> setAside = new ArrayList<>();
    for (Claimed claimed : rows) {
      if (claimed.row() instanceof Readable readable) {
        ClaimedIntent taken = new ClaimedIntent(readable.intent(), claimed.takenOverFrom());
        (claimed.setAside() ? setAside : leased).add(taken);
      } else {
        quarantine((Unreadable) claimed.row(), owner);
      }
    }
    leased.sort(Comparator.comparing(ClaimedIntent::intent, CLAIM_ORDER));
    return new ClaimBatch(leased, setAside);
  }

  /** A row as a claim returned it. */
  private record Claimed(Row row, @Nullable String takenOverFrom, boolean setAside) {}

  /**
   * Sets an unreadable row this claim holds aside (the QUARANTINED move of the intent table) with
   * an audit event, in the claim's transaction: the claim goes on with every other row.
   */
  private void quarantine(Unreadable row, String owner) {
    Instant now = row.updatedAt(); // the claim's database time
    String reason = StorageLimits.truncate(row.reason(), StorageLimits.ERROR);
    LOG.warn(
        "quarantined intent {} of {}/{}: {}", row.ref().id(), row.mchid(), row.outOrderNo(), reason);
    Sql.run(
        "quarantining intent " + row.ref().id(),
        () ->
            Jdbc.update(
                dsl,
                QUARANTINE,
                p -> p.text(reason).text(reason).time(now).object(row.ref().id().value())));
    new JooqAuditLog(dsl)
        .append(
            new AuditEntry(
                row.mchid(),
                row.outOrderNo(),
                AuditEventType.INTENT_QUARANTINED,
                null,
                null,
                AuditCause.STORAGE,
                owner,
                row.ref().id(),
                null,
                SHA256.matcher(row.ref().sha256()).matches() ? row.ref().sha256() : null,
                null,
                null,
                null,
                null,
                row.ref().kind()
                    + " intent (generation "
                    + row.ref().generation()
                    + ", was "
                    + row.ref().status()
                    + ") set aside: "
                    + reason,
                now));
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
    StorageLimits.checkBookkeeping(intent);
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
  public List<CompletionIntent> recordAll(List<CompletionIntent> intents) {
    Objects.requireNonNull(intents, "intents == null");
    if (intents.size() <= 1) {
      return CompletionIntents.super.recordAll(intents);
    }
    intents.forEach(StorageLimits::check);
    int n = intents.size();
    String[][] text = new String[13][n];
    Long[] generations = new Long[n];
    Long[] attempts = new Long[n];
    Long[] held = new Long[n];
    Map<UUID, CompletionIntent> byId = new HashMap<>();
    HexFormat hex = HexFormat.of();
    for (int k = 0; k < n; k++) {
      CompletionIntent intent = intents.get(k);
      if (byId.put(intent.id().value(), intent) != null) {
        throw new IllegalArgumentException("intent " + intent.id() + " recorded twice in one call");
      }
      IntentId supersedes = intent.supersedes();
      text[0][k] = intent.id().value().toString();
      text[1][k] = intent.mchid().value();
      text[2][k] = intent.outOrderNo().value();
      text[3][k] = intent.kind().name();
      generations[k] = (long) intent.generation();
      text[4][k] = supersedes == null ? null : supersedes.value().toString();
      text[5][k] = hex.formatHex(intent.body().bytes());
      text[6][k] = intent.body().sha256();
      text[7][k] = intent.requestedBy();
      text[8][k] = intent.createdAt().toString();
      text[9][k] = intent.status().name();
      attempts[k] = (long) intent.attempts();
      text[10][k] = intent.nextAttemptAt().toString();
      held[k] = heldBackMillis(intent);
      text[11][k] = intent.payload().appid();
      text[12][k] = intent.payload().serviceId();
    }
    List<CompletionIntent> inserted =
        Sql.run(
            "recording " + n + " completion intents",
            () ->
                Jdbc.query(
                    dsl,
                    INSERT_ALL,
                    p ->
                        p.texts(text[0])
                            .texts(text[1])
                            .texts(text[2])
                            .texts(text[3])
                            .numbers(generations)
                            .texts(text[4])
                            .texts(text[5])
                            .texts(text[6])
                            .texts(text[7])
                            .texts(text[8])
                            .texts(text[9])
                            .numbers(attempts)
                            .texts(text[10])
                            .numbers(held)
                            .texts(text[11])
                            .texts(text[12]),
                    rs -> {
                      UUID id = rs.getObject("id", UUID.class);
                      return read(rs, Objects.requireNonNull(byId.get(id)).payload());
                    }));
    if (inserted.size() < n) {
      Set<IntentId> written = new HashSet<>();
      inserted.forEach(i -> written.add(i.id()));
      String missing =
          intents.stream()
              .filter(i -> !written.contains(i.id()))
              .limit(10)
              .map(i -> i.mchid() + "/" + i.outOrderNo())
              .collect(Collectors.joining(", "));
      throw new StorageException(
          (n - inserted.size())
              + " of "
              + n
              + " intents were not recorded (order missing, not matching, or with an intent"
              + " already): "
              + missing);
    }
    Map<IntentId, CompletionIntent> stored = new HashMap<>();
    inserted.forEach(i -> stored.put(i.id(), i));
    return intents.stream().map(i -> Objects.requireNonNull(stored.get(i.id()))).toList();
  }

  @Override
  public Set<OrderKey> withIntents(java.util.Collection<OrderKey> orders) {
    Objects.requireNonNull(orders, "orders == null");
    if (orders.isEmpty()) {
      return Set.of();
    }
    String[] mchids = orders.stream().map(k -> k.mchid().value()).toArray(String[]::new);
    String[] numbers = orders.stream().map(k -> k.outOrderNo().value()).toArray(String[]::new);
    return new HashSet<>(
        Sql.run(
            "finding which of " + orders.size() + " orders have intents",
            () ->
                Jdbc.query(
                    dsl,
                    WITH_INTENTS,
                    p -> p.texts(mchids).texts(numbers),
                    rs ->
                        new OrderKey(
                            MerchantId.of(rs.getString("mchid")),
                            OutOrderNo.of(rs.getString("out_order_no"))))));
  }

  @Override
  public List<Optional<CompletionIntent>> settleAll(List<Settle> settles) {
    Objects.requireNonNull(settles, "settles == null");
    if (settles.size() <= 1) {
      return CompletionIntents.super.settleAll(settles);
    }
    settles.forEach(s -> StorageLimits.checkBookkeeping(s.intent()));
    int n = settles.size();
    String[][] text = new String[8][n];
    Long[] versions = new Long[n];
    Long[] attempts = new Long[n];
    Long[] dueMs = new Long[n];
    Map<UUID, CompletionIntent> byId = new HashMap<>();
    for (int k = 0; k < n; k++) {
      CompletionIntent intent = settles.get(k).intent();
      Duration dueIn = settles.get(k).dueIn();
      if (byId.put(intent.id().value(), intent) != null) {
        throw new IllegalArgumentException("intent " + intent.id() + " settled twice in one call");
      }
      text[0][k] = intent.id().value().toString();
      text[1][k] = intent.mchid().value();
      versions[k] = intent.version();
      text[2][k] = intent.status().name();
      attempts[k] = (long) intent.attempts();
      dueMs[k] = dueIn == null ? null : dueIn.toMillis();
      text[3][k] = intent.nextAttemptAt().toString();
      text[4][k] = intent.lastOutcome();
      text[5][k] = intent.lastError();
      text[6][k] = intent.leaseOwner();
      Instant lease = intent.leaseExpiresAt();
      text[7][k] = lease == null ? null : lease.toString();
    }
    List<CompletionIntent> written =
        Sql.run(
            "settling " + n + " completion intents",
            () ->
                Jdbc.query(
                    dsl,
                    SETTLE_ALL,
                    p ->
                        p.texts(text[0])
                            .texts(text[1])
                            .numbers(versions)
                            .texts(text[2])
                            .numbers(attempts)
                            .numbers(dueMs)
                            .texts(text[3])
                            .texts(text[4])
                            .texts(text[5])
                            .texts(text[6])
                            .texts(text[7]),
                    rs -> {
                      UUID id = rs.getObject("id", UUID.class);
                      return read(rs, Objects.requireNonNull(byId.get(id)).payload());
                    }));
    Map<IntentId, CompletionIntent> stored = new HashMap<>();
    written.forEach(i -> stored.put(i.id(), i));
    return settles.stream()
        .map(s -> Optional.ofNullable(stored.get(s.intent().id())))
        .toList();
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
                            .text(intent.status().name())
                            .text(intent.status().name())
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
                    JooqCompletionIntents::row)
                .stream()
                .flatMap(
                    row ->
                        row instanceof Readable readable
                            ? Stream.of(readable.intent())
                            : Stream.empty())
                .toList());
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
        .forEach(
            r ->
                known(IntentStatus.class, r.value1())
                    .ifPresent(status -> counts.put(status, r.value2().longValue())));
    return counts;
  }

  @Override
  public IntentStats stats(Set<MerchantId> merchants) {
    Objects.requireNonNull(merchants, "merchants == null");
    if (merchants.isEmpty()) {
      return IntentStats.NONE;
    }
    String[] ids = merchants.stream().map(MerchantId::value).sorted().toArray(String[]::new);
    return Sql.run(
            "counting the open intents of " + String.join(", ", ids),
            () ->
                Jdbc.queryOne(
                    dsl,
                    STATS,
                    p -> p.texts(ids),
                    rs -> {
                      Long micros = Jdbc.nullableLong(rs, "oldest_pending_micros");
                      return new IntentStats(
                          rs.getLong("pending"),
                          rs.getLong("in_flight"),
                          rs.getLong("needs_attention"),
                          Optional.ofNullable(micros)
                              .map(m -> Duration.of(Math.max(0, m), ChronoUnit.MICROS)));
                    }))
        .orElse(IntentStats.NONE);
  }

  /** A row as read: an intent, or why it cannot be one. */
  private sealed interface Row permits Readable, Unreadable {}

  private record Readable(CompletionIntent intent) implements Row {}

  private record Unreadable(
      MerchantId mchid, OutOrderNo outOrderNo, IntentRef ref, String reason, Instant updatedAt)
      implements Row {}

  /** The current row, never failing on what it holds. */
  private static Row row(ResultSet rs) throws SQLException {
    try {
      return new Readable(read(rs, null));
    } catch (RuntimeException e) {
      return new Unreadable(
          MerchantId.of(rs.getString("mchid")),
          OutOrderNo.of(rs.getString("out_order_no")),
          ref(rs),
          String.valueOf(e.getMessage()),
          Objects.requireNonNull(Jdbc.instant(rs, "updated_at")));
    }
  }

  /** The current row as an intent; a row that cannot be read fails this read only. */
  private static CompletionIntent readOrThrow(ResultSet rs) throws SQLException {
    try {
      return read(rs, null);
    } catch (RuntimeException e) {
      throw new StorageException(
          "intent " + rs.getString("id") + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** The current row named without its body. */
  private static IntentRef ref(ResultSet rs) throws SQLException {
    return new IntentRef(
        new IntentId(rs.getObject("id", UUID.class)),
        rs.getString("kind"),
        rs.getString("status"),
        rs.getInt("generation"),
        rs.getString("payload_sha256"),
        rs.getString("quarantine_reason"),
        rs.getLong("version"));
  }

  /**
   * The intent of the current row. {@code known} is the payload the caller already holds (an
   * insert or update returns every column but the body); otherwise the stored bytes are read,
   * checked against their stored digest and read as the kind's request (never rebuilt).
   *
   * @throws RuntimeException (with the reason) if the row cannot be read
   */
  private static CompletionIntent read(ResultSet rs, @Nullable IntentPayload known)
      throws SQLException {
    IntentId id = new IntentId(rs.getObject("id", UUID.class));
    IntentKind kind =
        known(IntentKind.class, rs.getString("kind"))
            .orElseThrow(() -> unknown("kind", rs, "kind"));
    IntentStatus status =
        known(IntentStatus.class, rs.getString("status"))
            .orElseThrow(() -> unknown("status", rs, "status"));
    IntentPayload payload =
        known != null
            ? known
            : JsonColumns.payload(
                kind, IntentBody.stored(rs.getBytes("body"), rs.getString("payload_sha256")));
    UUID supersedes = rs.getObject("supersedes", UUID.class);
    return new CompletionIntent(
        id,
        MerchantId.of(rs.getString("mchid")),
        OutOrderNo.of(rs.getString("out_order_no")),
        kind,
        rs.getInt("generation"),
        supersedes == null ? null : new IntentId(supersedes),
        payload,
        status,
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

  private static IllegalArgumentException unknown(String what, ResultSet rs, String column) {
    try {
      return new IllegalArgumentException("unknown " + what + " " + rs.getString(column));
    } catch (SQLException e) {
      return new IllegalArgumentException("unknown " + what, e);
    }
  }

  private static <E extends Enum<E>> Optional<E> known(Class<E> type, @Nullable String name) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(name)) {
        return Optional.of(constant);
      }
    }
    return Optional.empty();
  }

  private static String literals(Stream<String> names) {
    return names.map(n -> "'" + n + "'").collect(Collectors.joining(", "));
  }
}
