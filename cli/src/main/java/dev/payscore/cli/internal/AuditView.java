package dev.payscore.cli.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payscore.AuditEvent;
import dev.payscore.domain.audit.AuditEntry;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Audit events as the commands show them: table rows and JSON objects with the same fields. */
public final class AuditView {
  private AuditView() {}

  /** A table of events; {@code withOrder} adds the out_order_no column (merchant-wide pages). */
  public static Table table(List<AuditEvent> events, boolean withOrder) {
    Table table =
        withOrder
            ? new Table("OCCURRED_AT", "ORDER", "SEQ", "EVENT", "STATE", "CAUSE", "ACTOR", "AMOUNT", "WECHAT", "DETAIL")
            : new Table("OCCURRED_AT", "SEQ", "EVENT", "STATE", "CAUSE", "ACTOR", "AMOUNT", "WECHAT", "DETAIL");
    for (AuditEvent event : events) {
      AuditEntry e = event.entry();
      String state = e.fromState() == null && e.toState() == null
          ? ""
          : text(e.fromState()) + " -> " + text(e.toState());
      String wechat = e.wechatCode() == null ? "" : e.wechatCode();
      String detail = e.detail() == null ? "" : Text.escape(Text.abbreviate(e.detail(), 60));
      String occurred = e.occurredAt().toString();
      String seq = Long.toString(event.sequence());
      String amount = e.amount() == null ? "" : e.amount().toString();
      if (withOrder) {
        table.row(occurred, e.outOrderNo().value(), seq, e.type().name(), state, e.cause().name(),
            e.actor(), amount, wechat, detail);
      } else {
        table.row(occurred, seq, e.type().name(), state, e.cause().name(), e.actor(), amount,
            wechat, detail);
      }
    }
    return table;
  }

  public static ObjectNode json(AuditEvent event) {
    AuditEntry e = event.entry();
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", event.id());
    node.put("mchid", e.mchid().value());
    node.put("out_order_no", e.outOrderNo().value());
    node.put("sequence", event.sequence());
    node.put("type", e.type().name());
    node.put("from_state", e.fromState() == null ? null : e.fromState().name());
    node.put("to_state", e.toState() == null ? null : e.toState().name());
    node.put("cause", e.cause().name());
    node.put("actor", e.actor());
    node.put("intent_id", e.intentId() == null ? null : e.intentId().toString());
    if (e.amount() == null) {
      node.putNull("amount");
    } else {
      node.put("amount", e.amount().longValue());
    }
    node.put("request_sha256", e.requestSha256());
    node.put("response_sha256", e.responseSha256());
    node.put("wechat_code", e.wechatCode());
    node.put("wechat_message", e.wechatMessage());
    node.put("request_id", e.requestId());
    node.put("detail", e.detail());
    node.put("occurred_at", e.occurredAt().toString());
    node.put("recorded_at", event.recordedAt().toString());
    return node;
  }

  private static String text(@Nullable Object state) {
    return state == null ? "-" : state.toString();
  }
}
