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
import java.util.List;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/** {@link AuditLog} and {@link AuditHistory} on {@code payscore.audit_event}. */
public final class JooqAuditLog implements AuditLog, AuditHistory {
  private final DSLContext dsl;

  public JooqAuditLog(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl == null");
  }

  @Override
  public AuditEvent append(AuditEntry entry) {
    StorageLimits.check(entry);
    return Sql.run(
        "appending " + entry.type() + " to " + entry.mchid() + "/" + entry.outOrderNo(),
        () -> {
          // The upsert locks the order's counter row until commit: concurrent appends to one order
          // queue here and get 1, 2, 3, … with no gap and no duplicate.
          long sequence =
              dsl.insertInto(AUDIT_SEQUENCE)
                  .set(AUDIT_SEQUENCE.MCHID, entry.mchid().value())
                  .set(AUDIT_SEQUENCE.OUT_ORDER_NO, entry.outOrderNo().value())
                  .set(AUDIT_SEQUENCE.LAST_SEQUENCE, 1L)
                  .onConflict(AUDIT_SEQUENCE.MCHID, AUDIT_SEQUENCE.OUT_ORDER_NO)
                  .doUpdate()
                  .set(AUDIT_SEQUENCE.LAST_SEQUENCE, AUDIT_SEQUENCE.LAST_SEQUENCE.plus(1))
                  .returning(AUDIT_SEQUENCE.LAST_SEQUENCE)
                  .fetchSingle()
                  .getLastSequence();
          AuditEventRecord row = toRecord(entry);
          row.setSequence(sequence);
          return toEvent(dsl.insertInto(AUDIT_EVENT).set(row).returning().fetchSingle());
        });
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
