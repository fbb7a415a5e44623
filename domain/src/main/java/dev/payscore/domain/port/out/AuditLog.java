package dev.payscore.domain.port.out;

import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.audit.AuditEvent;

/** The append-only audit history: entries are added, never changed or removed. */
public interface AuditLog {

  /** Appends {@code entry} as the next event of its order (sequence numbers 1, 2, 3, …). */
  AuditEvent append(AuditEntry entry);
}
