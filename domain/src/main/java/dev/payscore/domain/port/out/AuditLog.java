package dev.payscore.domain.port.out;

import dev.payscore.AuditEvent;
import dev.payscore.domain.audit.AuditEntry;
import java.util.List;

/** The append-only audit history: entries are added, never changed or removed. */
public interface AuditLog {

  /** Appends {@code entry} as the next event of its order (sequence numbers 1, 2, 3, …). */
  AuditEvent append(AuditEntry entry);

  /**
   * Appends {@code entries} in their order, as {@link #append} would one after the other, and
   * returns their events in the same order. Adapters may write them in fewer round trips.
   */
  default List<AuditEvent> appendAll(List<AuditEntry> entries) {
    return entries.stream().map(this::append).toList();
  }
}
