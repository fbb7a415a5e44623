package dev.payscore.domain.model;

import static dev.payscore.domain.model.LifecycleState.CREATED;
import static dev.payscore.domain.model.LifecycleState.DOING_MCH_COMPLETE;
import static dev.payscore.domain.model.LifecycleState.DOING_USER_CONFIRM;
import static dev.payscore.domain.model.LifecycleState.DONE;
import static dev.payscore.domain.model.LifecycleState.EXPIRED;
import static dev.payscore.domain.model.LifecycleState.REVOKED;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The service-order lifecycle (§3.2, §3.3), written in exactly one place: {@link #rule}. Everything
 * else (the guards of each operation, the forward-only "observed" path) is derived from it.
 */
public final class TransitionTable {
  private static final Map<LifecycleState, Set<LifecycleState>> REACHABLE = reachability();

  private TransitionTable() {}

  /** One row of the table: the states an event is allowed in, and where it leads. */
  private record Rule(LifecycleState to, Set<LifecycleState> from) {
    Rule(LifecycleState to, LifecycleState first, LifecycleState... rest) {
      this(to, Collections.unmodifiableSet(EnumSet.of(first, rest)));
    }
  }

  private static Rule rule(LifecycleEvent event) {
    return switch (event) {
      case USER_CONFIRMED -> new Rule(DOING_USER_CONFIRM, CREATED);
      case COMPLETED -> new Rule(DOING_MCH_COMPLETE, DOING_USER_CONFIRM);
      case COMPLETED_WITHOUT_CHARGE -> new Rule(DONE, DOING_USER_CONFIRM);
      case AMOUNT_MODIFIED -> new Rule(DOING_MCH_COMPLETE, DOING_MCH_COMPLETE);
      case COLLECTION_REQUESTED -> new Rule(DOING_MCH_COMPLETE, DOING_MCH_COMPLETE);
      case PAID, SYNCED_PAID -> new Rule(DONE, DOING_MCH_COMPLETE);
      case CANCELLED -> new Rule(REVOKED, CREATED, DOING_USER_CONFIRM, DOING_MCH_COMPLETE);
      case EXPIRED -> new Rule(EXPIRED, CREATED);
    };
  }

  /** The state a new order starts in: CREATED in confirm mode, DOING/USER_CONFIRM otherwise. */
  public static LifecycleState initial(ConfirmationMode mode) {
    Objects.requireNonNull(mode, "mode == null");
    return switch (mode) {
      case CONFIRM -> CREATED;
      case NO_CONFIRM -> DOING_USER_CONFIRM;
    };
  }

  /** Applies {@code event} in {@code from}: a move, or a refusal naming the states it needs. */
  public static Transition apply(LifecycleState from, LifecycleEvent event) {
    Objects.requireNonNull(from, "from == null");
    Rule rule = rule(Objects.requireNonNull(event, "event == null"));
    return rule.from().contains(from)
        ? new Transition.Moved(from, event, rule.to())
        : new Transition.Refused(from, event, rule.from());
  }

  /** The states in which {@code event} is allowed. */
  public static Set<LifecycleState> allowedFrom(LifecycleEvent event) {
    return rule(Objects.requireNonNull(event, "event == null")).from();
  }

  /**
   * What WeChat reporting {@code observed} means for an order in {@code current}: forward along one
   * or more rows of the table (e.g. CREATED observed as DONE after missed callbacks), unchanged, or
   * stale. Terminal states never move.
   */
  public static Observation observe(LifecycleState current, LifecycleState observed) {
    Objects.requireNonNull(current, "current == null");
    Objects.requireNonNull(observed, "observed == null");
    if (current == observed) {
      return Observation.UNCHANGED;
    }
    return REACHABLE.get(current).contains(observed) ? Observation.ADVANCE : Observation.STALE;
  }

  private static Map<LifecycleState, Set<LifecycleState>> reachability() {
    Map<LifecycleState, Set<LifecycleState>> reachable = new EnumMap<>(LifecycleState.class);
    for (LifecycleState start : LifecycleState.values()) {
      Set<LifecycleState> seen = EnumSet.noneOf(LifecycleState.class);
      Deque<LifecycleState> todo = new ArrayDeque<>();
      todo.add(start);
      while (!todo.isEmpty()) {
        LifecycleState state = todo.poll();
        for (LifecycleEvent event : LifecycleEvent.values()) {
          if (apply(state, event) instanceof Transition.Moved moved
              && moved.to() != start
              && seen.add(moved.to())) {
            todo.add(moved.to());
          }
        }
      }
      reachable.put(start, Collections.unmodifiableSet(seen));
    }
    return Collections.unmodifiableMap(reachable);
  }
}
