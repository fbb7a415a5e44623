package dev.payscore.persistence.internal;

import static dev.payscore.persistence.internal.db.payscore.Tables.AUDIT_EVENT;

import dev.payscore.AuditCursor;
import dev.payscore.AuditEvent;
import dev.payscore.AuditEventType;
import dev.payscore.AuditPage;
import dev.payscore.AuditQuery;
import dev.payscore.IntentId;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.port.out.AuditHistory;
import dev.payscore.domain.port.out.AuditLog;
import dev.payscore.domain.port.out.StorageLimits;
import dev.payscore.persistence.internal.db.payscore.tables.records.AuditEventRecord;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/** {@link AuditLog} and {@link AuditHistory} on {@code payscore.audit_event}. */
public final class JooqAuditLog implements AuditLog, AuditHistory {
  /**
   * Entries of any number of orders from parallel arrays (one element per entry, in the order
   * given): the CTE takes the next sequence numbers of each order (one upsert row per order, in key
   * order) and the insert numbers each order's entries with them in array order. The upsert locks
   * each order's counter row until commit, so concurrent appends to one order queue there: no gap
   * and no duplicate; taking them in key order keeps two multi-order appends from deadlocking.
   */
  private static final String APPEND =
      """
      WITH e AS (
        SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
          ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
          ?::text[], ?::text[])
          WITH ORDINALITY AS e(mchid, out_order_no, event_type, from_state, to_state, cause, actor,
            intent_id, amount, request_sha256, response_sha256, wechat_code, wechat_message,
            request_id, detail, occurred_at, n)),
      counts AS (
        SELECT mchid, out_order_no, count(*) AS k FROM e GROUP BY mchid, out_order_no),
      taken AS (
        INSERT INTO payscore.audit_sequence AS s (mchid, out_order_no, last_sequence)
        SELECT mchid, out_order_no, k FROM counts ORDER BY mchid, out_order_no
        ON CONFLICT (mchid, out_order_no)
          DO UPDATE SET last_sequence = s.last_sequence + EXCLUDED.last_sequence
        RETURNING s.mchid, s.out_order_no, s.last_sequence)
      INSERT INTO payscore.audit_event (mchid, out_order_no, sequence, event_type, from_state,
        to_state, cause, actor, intent_id, amount, request_sha256, response_sha256, wechat_code,
        wechat_message, request_id, detail, occurred_at)
      SELECT e.mchid, e.out_order_no,
        t.last_sequence - c.k
          + row_number() OVER (PARTITION BY e.mchid, e.out_order_no ORDER BY e.n),
        e.event_type, e.from_state, e.to_state, e.cause, e.actor, e.intent_id::uuid, e.amount,
        e.request_sha256, e.response_sha256, e.wechat_code, e.wechat_message, e.request_id,
        e.detail, e.occurred_at::timestamptz
      FROM e
      JOIN counts c ON c.mchid = e.mchid AND c.out_order_no = e.out_order_no
      JOIN taken t ON t.mchid = e.mchid AND t.out_order_no = e.out_order_no
      RETURNING id, mchid, out_order_no, sequence, recorded_at""";

  private final DSLContext dsl;

  public JooqAuditLog(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl == null");
  }

  @Override
  public AuditEvent append(AuditEntry entry) {
    return appendAll(List.of(entry)).get(0);
  }

  @Override
  public List<AuditEvent> appendAll(List<AuditEntry> entries) {
    Objects.requireNonNull(entries, "entries == null");
    entries.forEach(StorageLimits::check);
    if (entries.isEmpty()) {
      return List.of();
    }
    int n = entries.size();
    String[][] columns = new String[15][n];
    Long[] amounts = new Long[n];
    for (int i = 0; i < n; i++) {
      AuditEntry e = entries.get(i);
      IntentId intentId = e.intentId();
      columns[0][i] = e.mchid().value();
      columns[1][i] = e.outOrderNo().value();
      columns[2][i] = e.type().name();
      columns[3][i] = nameOrNull(e.fromState());
      columns[4][i] = nameOrNull(e.toState());
      columns[5][i] = e.cause().name();
      columns[6][i] = e.actor();
      columns[7][i] = intentId == null ? null : intentId.value().toString();
      columns[8][i] = e.requestSha256();
      columns[9][i] = e.responseSha256();
      columns[10][i] = e.wechatCode();
      columns[11][i] = e.wechatMessage();
      columns[12][i] = e.requestId();
      columns[13][i] = e.detail();
      columns[14][i] = e.occurredAt().toString();
      amounts[i] = e.amount();
    }
    AuditEntry first = entries.get(0);
    List<Numbered> numbered =
        Sql.run(
            "appending "
                + (n == 1
                    ? first.type() + " to " + first.mchid() + "/" + first.outOrderNo()
                    : n + " events"),
            () ->
                Jdbc.query(
                    dsl,
                    APPEND,
                    p -> {
                      for (int c = 0; c < 8; c++) {
                        p.texts(columns[c]);
                      }
                      p.numbers(amounts);
                      for (int c = 8; c < columns.length; c++) {
                        p.texts(columns[c]);
                      }
                    },
                    rs ->
                        new Numbered(
                            new Key(rs.getString("mchid"), rs.getString("out_order_no")),
                            rs.getLong("id"),
                            rs.getLong("sequence"),
                            Objects.requireNonNull(Jdbc.instant(rs, "recorded_at")))));
    // Each order's entries got its sequence numbers in the order given.
    Map<Key, Deque<Numbered>> byOrder = new HashMap<>();
    numbered.stream()
        .sorted(Comparator.comparingLong(Numbered::sequence))
        .forEach(row -> byOrder.computeIfAbsent(row.key(), k -> new ArrayDeque<>()).add(row));
    List<AuditEvent> events = new ArrayList<>(n);
    for (AuditEntry entry : entries) {
      Numbered row =
          byOrder.get(new Key(entry.mchid().value(), entry.outOrderNo().value())).removeFirst();
      events.add(new AuditEvent(row.id(), row.sequence(), entry, row.recordedAt()));
    }
    return events;
  }

  private record Key(String mchid, String outOrderNo) {}

  /** What the database gave an appended entry. */
  private record Numbered(Key key, long id, long sequence, Instant recordedAt) {}

  @Override
  public List<AuditEvent> ofOrder(MerchantId mchid, OutOrderNo outOrderNo) {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    return Sql.run(
        "reading the history of " + mchid + "/" + outOrderNo,
        () ->
            dsl.selectFrom(AUDIT_EVENT)
                .where(AUDIT_EVENT.MCHID.eq(mchid.value()))
                .and(AUDIT_EVENT.OUT_ORDER_NO.eq(outOrderNo.value()))
                .orderBy(AUDIT_EVENT.SEQUENCE)
                .fetch(JooqAuditLog::toEvent));
  }

  @Override
  public AuditPage ofMerchant(AuditQuery query) {
    Objects.requireNonNull(query, "query == null");
    Condition where =
        AUDIT_EVENT
            .MCHID
            .eq(query.mchid().value())
            .and(AUDIT_EVENT.OCCURRED_AT.ge(Sql.utc(query.from())))
            .and(AUDIT_EVENT.OCCURRED_AT.lt(Sql.utc(query.to())));
    if (!query.types().isEmpty()) {
      where = where.and(AUDIT_EVENT.EVENT_TYPE.in(query.types().stream().map(Enum::name).toList()));
    }
    LifecycleState toState = query.toState();
    if (toState != null) {
      where = where.and(AUDIT_EVENT.TO_STATE.eq(toState.name()));
    }
    AuditCursor after = query.after();
    if (after != null) {
      // Keyset: strictly after the last row of the previous page, so appends never shift a page.
      where =
          where.and(
              DSL.row(AUDIT_EVENT.OCCURRED_AT, AUDIT_EVENT.ID)
                  .gt(Sql.utc(after.occurredAt()), after.id()));
    }
    Condition condition = where;
    List<AuditEvent> rows =
        Sql.run(
            "reading the history of " + query.mchid(),
            () ->
                dsl.selectFrom(AUDIT_EVENT)
                    .where(condition)
                    .orderBy(AUDIT_EVENT.OCCURRED_AT, AUDIT_EVENT.ID)
                    .limit(query.limit() + 1)
                    .fetch(JooqAuditLog::toEvent));
    if (rows.size() <= query.limit()) {
      return new AuditPage(rows, null);
    }
    List<AuditEvent> page = rows.subList(0, query.limit());
    return new AuditPage(page, AuditCursor.after(page.get(page.size() - 1)));
  }

  private static @Nullable String nameOrNull(@Nullable Enum<?> value) {
    return value == null ? null : value.name();
  }

  private static @Nullable LifecycleState stateOrNull(@Nullable String name) {
    return name == null ? null : LifecycleState.valueOf(name);
  }

  private static AuditEvent toEvent(AuditEventRecord r) {
    AuditEntry entry =
        new AuditEntry(
            MerchantId.of(r.getMchid()),
            OutOrderNo.of(r.getOutOrderNo()),
            AuditEventType.valueOf(r.getEventType()),
            stateOrNull(r.getFromState()),
            stateOrNull(r.getToState()),
            AuditCause.valueOf(r.getCause()),
            r.getActor(),
            r.getIntentId() == null ? null : new IntentId(r.getIntentId()),
            r.getAmount(),
            r.getRequestSha256(),
            r.getResponseSha256(),
            r.getWechatCode(),
            r.getWechatMessage(),
            r.getRequestId(),
            r.getDetail(),
            r.getOccurredAt().toInstant());
    return new AuditEvent(r.getId(), r.getSequence(), entry, r.getRecordedAt().toInstant());
  }
}
