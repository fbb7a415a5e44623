package dev.payscore.domain.audit;

import dev.payscore.AuditEventType;
import dev.payscore.IntentId;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.domain.model.LifecycleState;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing that happened to an order, before it is appended: who ({@code actor}), what ({@code
 * type}, states), for how much ({@code amount}), and what WeChat said ({@code wechatCode}, {@code
 * wechatMessage}, {@code requestId}, digests of the bodies). {@code detail} holds free text or JSON,
 * never secrets or user data beyond the order's own.
 */
public record AuditEntry(
    MerchantId mchid,
    OutOrderNo outOrderNo,
    AuditEventType type,
    @Nullable LifecycleState fromState,
    @Nullable LifecycleState toState,
    AuditCause cause,
    String actor,
    @Nullable IntentId intentId,
    @Nullable Long amount,
    @Nullable String requestSha256,
    @Nullable String responseSha256,
    @Nullable String wechatCode,
    @Nullable String wechatMessage,
    @Nullable String requestId,
    @Nullable String detail,
    Instant occurredAt) {

  public AuditEntry {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(cause, "cause == null");
    Objects.requireNonNull(actor, "actor == null");
    Objects.requireNonNull(occurredAt, "occurredAt == null");
  }
}
