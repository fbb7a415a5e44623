package dev.payscore.domain.intent;

import static dev.payscore.IntentStatus.FAILED;
import static dev.payscore.IntentStatus.IN_FLIGHT;
import static dev.payscore.IntentStatus.NEEDS_ATTENTION;
import static dev.payscore.IntentStatus.PENDING;
import static dev.payscore.IntentStatus.SUCCEEDED;
import static dev.payscore.IntentStatus.SUPERSEDED;

import dev.payscore.IntentStatus;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The intent lifecycle, written in exactly one place ({@link #rule}), beside the order's {@code
 * TransitionTable}. Every status change of an intent goes through {@link #apply} (the claim's SQL
 * does the one {@link IntentEvent#CLAIMED} move in bulk, as this table says).
 *
 * <pre>
 *   PENDING ──CLAIMED──► IN_FLIGHT ──SUCCEEDED──► SUCCEEDED
 *      ▲                  │  │  └───FAILED─────► FAILED        (a corrected request supersedes it:
 *      └────RELEASED──────┘  │                                   a new intent, generation n+1)
 *      ▲                     └──ATTENTION_NEEDED / QUARANTINED─► NEEDS_ATTENTION ──SUPERSEDED──► SUPERSEDED
 *      └─────────────────────────────RETRIED─────────────────────────┘
 * </pre>
 *
 * <p>SUCCEEDED, FAILED and SUPERSEDED are final: nothing moves them.
 */
public final class IntentTransitionTable {

  private IntentTransitionTable() {}

  /** One row of the table: the statuses an event is allowed in, and where it leads. */
  private record Rule(IntentStatus to, Set<IntentStatus> from) {
    Rule(IntentStatus to, IntentStatus first, IntentStatus... rest) {
      this(to, Collections.unmodifiableSet(EnumSet.of(first, rest)));
    }
  }

  private static Rule rule(IntentEvent event) {
    return switch (event) {
      case CLAIMED -> new Rule(IN_FLIGHT, PENDING, IN_FLIGHT);
      case RELEASED -> new Rule(PENDING, IN_FLIGHT);
      case SUCCEEDED -> new Rule(SUCCEEDED, IN_FLIGHT);
      case FAILED -> new Rule(FAILED, IN_FLIGHT);
      case ATTENTION_NEEDED -> new Rule(NEEDS_ATTENTION, IN_FLIGHT);
      case QUARANTINED -> new Rule(NEEDS_ATTENTION, PENDING, IN_FLIGHT);
      case RETRIED -> new Rule(PENDING, NEEDS_ATTENTION);
      case SUPERSEDED -> new Rule(SUPERSEDED, NEEDS_ATTENTION);
    };
  }

  /** Applies {@code event} in {@code from}: a move, or a refusal naming the statuses it needs. */
  public static IntentTransition apply(IntentStatus from, IntentEvent event) {
    Objects.requireNonNull(from, "from == null");
    Rule rule = rule(Objects.requireNonNull(event, "event == null"));
    return rule.from().contains(from)
        ? new IntentTransition.Moved(from, event, rule.to())
        : new IntentTransition.Refused(from, event, rule.from());
  }

  /**
   * The status {@code event} leads to from {@code from}.
   *
   * @throws IllegalStateException if the table refuses it
   */
  public static IntentStatus move(IntentStatus from, IntentEvent event) {
    IntentTransition transition = apply(from, event);
    if (transition instanceof IntentTransition.Moved moved) {
      return moved.to();
    }
    throw new IllegalStateException(((IntentTransition.Refused) transition).reason());
  }

  /** The statuses in which {@code event} is allowed. */
  public static Set<IntentStatus> allowedFrom(IntentEvent event) {
    return rule(Objects.requireNonNull(event, "event == null")).from();
  }

  /**
   * The event that moves {@code from} to {@code to}, if the table has one; for callers that name
   * the target status. {@code IN_FLIGHT → PENDING} is {@link IntentEvent#RELEASED} and {@code
   * NEEDS_ATTENTION → PENDING} is {@link IntentEvent#RETRIED}; {@code IN_FLIGHT → NEEDS_ATTENTION}
   * is {@link IntentEvent#ATTENTION_NEEDED} (a quarantine names its event).
   */
  public static Optional<IntentEvent> eventFor(IntentStatus from, IntentStatus to) {
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(to, "to == null");
    for (IntentEvent event : IntentEvent.values()) {
      if (event != IntentEvent.QUARANTINED
          && apply(from, event) instanceof IntentTransition.Moved moved
          && moved.to() == to) {
        return Optional.of(event);
      }
    }
    return Optional.empty();
  }
}
