package dev.payscore.domain.intent;

import dev.payscore.IntentStatus;
import java.util.Objects;
import java.util.Set;

/** The answer of the {@link IntentTransitionTable}: a move, or a refusal saying what would allow it. */
public sealed interface IntentTransition {
  IntentStatus from();

  IntentEvent event();

  /** The event is allowed in {@code from} and leads to {@code to}. */
  record Moved(IntentStatus from, IntentEvent event, IntentStatus to) implements IntentTransition {
    public Moved {
      Objects.requireNonNull(from, "from == null");
      Objects.requireNonNull(event, "event == null");
      Objects.requireNonNull(to, "to == null");
    }
  }

  /** The event is not allowed in {@code from}; {@code allowedFrom} lists where it would be. */
  record Refused(IntentStatus from, IntentEvent event, Set<IntentStatus> allowedFrom)
      implements IntentTransition {
    public Refused {
      Objects.requireNonNull(from, "from == null");
      Objects.requireNonNull(event, "event == null");
      allowedFrom = Set.copyOf(allowedFrom);
    }

    /** A sentence for logs and the audit history. */
    public String reason() {
      return event + " is not allowed for an intent " + from + "; allowed in " + allowedFrom;
    }
  }
}
