package dev.payscore.persistence.internal;

import static dev.payscore.persistence.internal.db.payscore.Tables.AUDIT_EVENT;
import static dev.payscore.persistence.internal.db.payscore.Tables.AUDIT_SEQUENCE;

import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditCursor;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.audit.AuditEvent;
import dev.payscore.domain.audit.AuditEventType;
import dev.payscore.domain.audit.AuditPage;
import dev.payscore.domain.audit.AuditQuery;
import dev.payscore.domain.intent.IntentId;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.MerchantId;
import dev.payscore.domain.model.OutOrderNo;
import dev.payscore.domain.port.out.AuditHistory;
import dev.payscore.domain.port.out.AuditLog;
import dev.payscore.domain.port.out.StorageLimits;
import dev.payscore.persistence.internal.db.payscore.tables.records.AuditEventRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/** {@link AuditLog} and {@link AuditHistory} on {@code payscore.audit_event}. */
public final class JooqAuditLog implements AuditLog, AuditHistory {
  private final DSLContext dsl;

  /** The columns an append writes, but the sequence, which the statement computes. */
  private static final List<Field<?>> WRITTEN =
      Stream.of(AUDIT_EVENT.fields())
          .filter(
              f -> !f.equals(AUDIT_EVENT.ID)
                  && !f.equals(AUDIT_EVENT.SEQUENCE)
                  && !f.equals(AUDIT_EVENT.RECORDED_AT))
          .toList();

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
    List<AuditEvent> events = new ArrayList<>(entries.size());
    int from = 0;
    while (from < entries.size()) {
      int to = from + 1;
      while (to < entries.size() && sameOrder(entries.get(from), entries.get(to))) {
        to++;
      }
      events.addAll(appendToOneOrder(entries.subList(from, to)));
      from = to;
    }
    return events;
  }

  private static boolean sameOrder(AuditEntry a, AuditEntry b) {
    return a.mchid().equals(b.mchid()) && a.outOrderNo().equals(b.outOrderNo());
  }

  /**
   * One statement for a run of entries of one order: the CTE takes the next {@code n} sequence
   * numbers and the insert numbers the entries with them. The upsert locks the order's counter row
   * until commit, so concurrent appends to one order queue there: no gap and no duplicate.
   */
  private List<AuditEvent> appendToOneOrder(List<AuditEntry> run) {
    AuditEntry first = run.get(0);
    int n = run.size();
    CommonTableExpression<Record1<Long>> taken =
        DSL.name("taken")
            .fields("last_sequence")
            .as(
                DSL.insertInto(AUDIT_SEQUENCE)
                    .set(AUDIT_SEQUENCE.MCHID, first.mchid().value())
                    .set(AUDIT_SEQUENCE.OUT_ORDER_NO, first.outOrderNo().value())
                    .set(AUDIT_SEQUENCE.LAST_SEQUENCE, (long) n)
                    .onConflict(AUDIT_SEQUENCE.MCHID, AUDIT_SEQUENCE.OUT_ORDER_NO)
                    .doUpdate()
                    .set(AUDIT_SEQUENCE.LAST_SEQUENCE, AUDIT_SEQUENCE.LAST_SEQUENCE.plus(n))
                    .returningResult(AUDIT_SEQUENCE.LAST_SEQUENCE));
    Field<Long> last = taken.field("last_sequence", Long.class);
    Select<Record> rows = null;
    for (int i = 0; i < n; i++) {
      AuditEventRecord record = toRecord(run.get(i));
      List<Field<?>> values = new ArrayList<>(WRITTEN.size() + 1);
      for (Field<?> column : WRITTEN) {
        values.add(valueOf(record, column));
      }
      values.add(last.minus(n - 1 - i));
      Select<Record> row = DSL.select(values).from(taken);
      rows = rows == null ? row : rows.unionAll(row);
    }
    Select<Record> inserted = Objects.requireNonNull(rows);
    List<Field<?>> columns = new ArrayList<>(WRITTEN);
    columns.add(AUDIT_EVENT.SEQUENCE);
    return Sql.run(
        "appending " + describe(run) + " to " + first.mchid() + "/" + first.outOrderNo(),
        () ->
            dsl.with(taken)
                .insertInto(AUDIT_EVENT, columns)
                .select(inserted)
                .returning()
                .fetch()
                .sortAsc(AUDIT_EVENT.SEQUENCE)
                .map(JooqAuditLog::toEvent));
  }

  private static <T> Field<T> valueOf(AuditEventRecord record, Field<T> column) {
    return DSL.val(record.get(column), column);
  }

  private static String describe(List<AuditEntry> run) {
    return run.size() == 1 ? run.get(0).type().toString() : run.size() + " events";
  }

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

  private static AuditEventRecord toRecord(AuditEntry e) {
    AuditEventRecord r = new AuditEventRecord();
    r.setMchid(e.mchid().value());
    r.setOutOrderNo(e.outOrderNo().value());
    r.setEventType(e.type().name());
    r.setFromState(nameOrNull(e.fromState()));
    r.setToState(nameOrNull(e.toState()));
    r.setCause(e.cause().name());
    r.setActor(e.actor());
    IntentId intentId = e.intentId();
    r.setIntentId(intentId == null ? null : intentId.value());
    r.setAmount(e.amount());
    r.setRequestSha256(e.requestSha256());
    r.setResponseSha256(e.responseSha256());
    r.setWechatCode(e.wechatCode());
    r.setWechatMessage(e.wechatMessage());
    r.setRequestId(e.requestId());
    r.setDetail(e.detail());
    r.setOccurredAt(Sql.utc(e.occurredAt()));
    return r;
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
