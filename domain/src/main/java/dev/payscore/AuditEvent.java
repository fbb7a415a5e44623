package dev.payscore;

import dev.payscore.domain.audit.AuditEntry;
import java.time.Instant;
import java.util.Objects;

/** An appended audit entry: its global id, its sequence number within the order, when it was stored. */
public record AuditEvent(long id, long sequence, AuditEntry entry, Instant recordedAt) {
  public AuditEvent {
    Objects.requireNonNull(entry, "entry == null");
    Objects.requireNonNull(recordedAt, "recordedAt == null");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence < 1: " + sequence);
    }
  }
}
