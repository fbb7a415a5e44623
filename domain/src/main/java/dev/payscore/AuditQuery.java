package dev.payscore;

import dev.payscore.domain.model.LifecycleState;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A page of one merchant's audit events with {@code occurredAt} in [{@code from}, {@code to}),
 * oldest first, optionally only some types or those leading to a state; {@code after} is the
 * keyset cursor of the previous page.
 */
public record AuditQuery(
    MerchantId mchid,
    Instant from,
    Instant to,
    Set<AuditEventType> types,
    @Nullable LifecycleState toState,
    @Nullable AuditCursor after,
    int limit) {

  public static final int MAX_LIMIT = 1000;

  public AuditQuery {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(to, "to == null");
    types = Set.copyOf(types);
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to: " + from + " .. " + to);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
    }
  }
}
