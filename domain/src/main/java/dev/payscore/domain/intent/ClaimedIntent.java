package dev.payscore.domain.intent;

import dev.payscore.CompletionIntent;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An intent as one claim took it: leased to the claimer (IN_FLIGHT, its attempt already counted),
 * or set aside for a person (NEEDS_ATTENTION: claimed too often without settling). {@code
 * takenOverFrom} names the dispatcher whose lease had expired on it, null when it was PENDING: that
 * dispatcher's attempt left no outcome, and may have reached WeChat.
 */
public record ClaimedIntent(CompletionIntent intent, @Nullable String takenOverFrom) {
  public ClaimedIntent {
    Objects.requireNonNull(intent, "intent == null");
  }
}
