package dev.payscore.testing.fakes;

import dev.payscore.AuditEvent;
import dev.payscore.CompletionIntent;
import dev.payscore.IntentId;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.domain.model.ServiceOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The rows of the fake database. Every value is an immutable record, so a copy of the maps is a
 * full snapshot: that is how {@link InMemoryTransactions} rolls back.
 */
final class InMemoryState {
  record OrderKey(MerchantId mchid, OutOrderNo outOrderNo) {}

  record Sweep(Instant nextCheckAt, int checks, @Nullable String finding) {}

  final Map<OrderKey, ServiceOrder> orders = new HashMap<>();
  /** When each order was last changed ({@code updated_at}). */
  final Map<OrderKey, Instant> touched = new HashMap<>();
  /**
   * Each order's sweep schedule ({@code next_check_at}, {@code sweep_checks}, {@code
   * sweep_finding}); absent until a sweep claims it and again after each change.
   */
  final Map<OrderKey, Sweep> sweeps = new HashMap<>();
  final Map<IntentId, CompletionIntent> intents = new LinkedHashMap<>();
  /** Claims of each intent since it was last settled (the store's claim count). */
  final Map<IntentId, Integer> claims = new HashMap<>();
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
    sweeps.clear();
    sweeps.putAll(other.sweeps);
    intents.clear();
    intents.putAll(other.intents);
    claims.clear();
    claims.putAll(other.claims);
    audit.clear();
    audit.addAll(other.audit);
    auditSequences.clear();
    auditSequences.putAll(other.auditSequences);
    inbox.clear();
    inbox.putAll(other.inbox);
    lastAuditId = other.lastAuditId;
  }
}
