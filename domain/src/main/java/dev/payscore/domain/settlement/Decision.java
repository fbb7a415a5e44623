package dev.payscore.domain.settlement;

import dev.payscore.domain.model.ObservedOrder;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one attempt means for an intent. {@code view} is WeChat's view of the order learnt on the
 * way (the complete response or the query), which the local order is refreshed from whatever the
 * decision: the local state follows WeChat's, forward only.
 */
public sealed interface Decision {
  @Nullable ObservedOrder view();

  /** WeChat holds the completion with exactly the frozen parameters. */
  record Succeeded(ObservedOrder view) implements Decision {
    public Succeeded {
      Objects.requireNonNull(view, "view == null");
    }
  }

  /** A person must look: {@code reason} says why, {@code detail} shows both sides. */
  record NeedsAttention(String reason, String detail, @Nullable ObservedOrder view)
      implements Decision {
    public NeedsAttention {
      Objects.requireNonNull(reason, "reason == null");
      Objects.requireNonNull(detail, "detail == null");
    }
  }

  /** WeChat refused for good and did not complete the order. */
  record Failed(String code, String message, @Nullable ObservedOrder view) implements Decision {
    public Failed {
      Objects.requireNonNull(code, "code == null");
      Objects.requireNonNull(message, "message == null");
    }
  }

  /** Send the same payload again after a back-off of at least {@code atLeast}. */
  record Retry(String reason, Duration atLeast, @Nullable ObservedOrder view) implements Decision {
    public Retry {
      Objects.requireNonNull(reason, "reason == null");
      Objects.requireNonNull(atLeast, "atLeast == null");
    }
  }
}
