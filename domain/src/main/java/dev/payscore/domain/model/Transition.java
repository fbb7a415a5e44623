package dev.payscore.domain.model;

import java.util.Objects;
import java.util.Set;

/** The answer of the transition table: a move, or a refusal that says what would have allowed it. */
public sealed interface Transition {
  LifecycleState from();

  LifecycleEvent event();

  /** The event is allowed in {@code from} and leads to {@code to}. */
  record Moved(LifecycleState from, LifecycleEvent event, LifecycleState to) implements Transition {
    public Moved {
      Objects.requireNonNull(from, "from == null");
      Objects.requireNonNull(event, "event == null");
      Objects.requireNonNull(to, "to == null");
    }
  }

  /** The event is not allowed in {@code from}; {@code allowedFrom} lists where it would be. */
  record Refused(LifecycleState from, LifecycleEvent event, Set<LifecycleState> allowedFrom)
      implements Transition {
    public Refused {
      Objects.requireNonNull(from, "from == null");
      Objects.requireNonNull(event, "event == null");
      allowedFrom = Set.copyOf(allowedFrom);
    }

    /** A sentence for logs and the audit history. */
    public String reason() {
      return event + " is not allowed in " + from + "; allowed in " + allowedFrom;
    }
  }
}
