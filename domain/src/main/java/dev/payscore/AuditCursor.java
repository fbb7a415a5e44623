package dev.payscore;

import java.time.Instant;
import java.util.Objects;

/** The keyset position after the last event of a page: (occurredAt, id). */
public record AuditCursor(Instant occurredAt, long id) {
  public AuditCursor {
    Objects.requireNonNull(occurredAt, "occurredAt == null");
  }

  public static AuditCursor after(AuditEvent event) {
    return new AuditCursor(event.entry().occurredAt(), event.id());
  }

  /** An opaque text form for command lines and URLs. */
  public String encode() {
    return occurredAt.toEpochMilli() + "." + occurredAt.getNano() % 1_000_000 + "." + id;
  }

  public static AuditCursor decode(String text) {
    String[] parts = text.split("\\.");
    if (parts.length != 3) {
      throw new IllegalArgumentException("not an audit cursor: \"" + text + "\"");
    }
    try {
      Instant at = Instant.ofEpochMilli(Long.parseLong(parts[0])).plusNanos(Long.parseLong(parts[1]));
      return new AuditCursor(at, Long.parseLong(parts[2]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an audit cursor: \"" + text + "\"", e);
    }
  }
}
