package dev.payscore;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One page of audit events and the cursor of the next page, absent on the last. */
public record AuditPage(List<AuditEvent> events, @Nullable AuditCursor next) {
  public AuditPage {
    events = List.copyOf(events);
  }

  public Optional<AuditCursor> nextCursor() {
    return Optional.ofNullable(next);
  }
}
