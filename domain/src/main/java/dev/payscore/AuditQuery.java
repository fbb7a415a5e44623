package dev.payscore;

import dev.payscore.domain.model.LifecycleState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

  /** The default page size of {@link #between}. */
  public static final int DEFAULT_LIMIT = 100;

  public AuditQuery {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(to, "to == null");
    types = Set.copyOf(types);
    List<Violation> problems = new ArrayList<>();
    if (!from.isBefore(to)) {
      problems.add(
          new Violation("to", Rule.SETTING_RANGE, to.toString(), "must be after from " + from));
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      problems.add(
          new Violation(
              "limit", Rule.SETTING_RANGE, Integer.toString(limit), "must be 1.." + MAX_LIMIT));
    }
    if (!problems.isEmpty()) {
      throw new InvalidValueException("AuditQuery", problems);
    }
  }

  /**
   * The first page of {@code mchid}'s events in [{@code from}, {@code to}): every type, {@value
   * #DEFAULT_LIMIT} events; narrow it with the {@code with…} methods.
   */
  public static AuditQuery between(MerchantId mchid, Instant from, Instant to) {
    return new AuditQuery(mchid, from, to, Set.of(), null, null, DEFAULT_LIMIT);
  }

  /** This query for events of these types only. */
  public AuditQuery withTypes(AuditEventType... values) {
    return new AuditQuery(mchid, from, to, Set.of(values), toState, after, limit);
  }

  /** This query for events that led the order to {@code state} only. */
  public AuditQuery withToState(LifecycleState state) {
    return new AuditQuery(
        mchid, from, to, types, Objects.requireNonNull(state, "state == null"), after, limit);
  }

  /** This query's page after {@code cursor} ({@link AuditPage#next()} of the previous page). */
  public AuditQuery withAfter(AuditCursor cursor) {
    return new AuditQuery(
        mchid, from, to, types, toState, Objects.requireNonNull(cursor, "cursor == null"), limit);
  }

  /** This query with pages of {@code value} events (1..{@value #MAX_LIMIT}). */
  public AuditQuery withLimit(int value) {
    return new AuditQuery(mchid, from, to, types, toState, after, value);
  }
}
