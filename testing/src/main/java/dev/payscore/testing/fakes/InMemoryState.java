package dev.payscore.testing.fakes;

import dev.payscore.domain.audit.AuditEvent;
import dev.payscore.domain.intent.CompletionIntent;
import dev.payscore.domain.intent.IntentId;
import dev.payscore.domain.model.MerchantId;
import dev.payscore.domain.model.OutOrderNo;
import dev.payscore.domain.model.ServiceOrder;
import java.util.ArrayList;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of the fake database. Every value is an immutable record, so a copy of the maps is a
 * full snapshot: that is how {@link InMemoryTransactions} rolls back.
 */
final class InMemoryState {
  record OrderKey(MerchantId mchid, OutOrderNo outOrderNo) {}

  final Map<OrderKey, ServiceOrder> orders = new HashMap<>();
  /** When each order was last changed ({@code updated_at}). */
  final Map<OrderKey, Instant> touched = new HashMap<>();
  /** When a sweep last claimed each order ({@code checked_at}). */
  final Map<OrderKey, Instant> checked = new HashMap<>();
  final Map<IntentId, CompletionIntent> intents = new LinkedHashMap<>();
  final List<AuditEvent> audit = new ArrayList<>();
  final Map<OrderKey, Long> auditSequences = new HashMap<>();
  final Map<String, MerchantId> inbox = new HashMap<>();
  long lastAuditId;

  InMemoryState copy() {
    InMemoryState copy = new InMemoryState();
    copy.replaceWith(this);
    return copy;
  }

  void replaceWith(InMemoryState other) {
    orders.clear();
    orders.putAll(other.orders);
    touched.clear();
    touched.putAll(other.touched);
    checked.clear();
    checked.putAll(other.checked);
    intents.clear();
    intents.putAll(other.intents);
    audit.clear();
    audit.addAll(other.audit);
    auditSequences.clear();
    auditSequences.putAll(other.auditSequences);
    inbox.clear();
    inbox.putAll(other.inbox);
    lastAuditId = other.lastAuditId;
  }
}
