package dev.payscore;

import dev.payscore.domain.intent.CancelPayload;
import dev.payscore.domain.intent.IntentPayload;
import dev.payscore.domain.intent.ModifyPayload;

/** Which call an intent drives. Stored by name: add constants, never rename them. */
public enum IntentKind {
  /** {@code …/complete} with a {@code CompletionPayload}. */
  COMPLETE,
  /** {@code …/cancel} with a {@link CancelPayload}. */
  CANCEL,
  /** {@code …/modify} with a {@link ModifyPayload}. */
  MODIFY;

  /** Whether {@code payload} is the kind of body this call sends. */
  public boolean carries(IntentPayload payload) {
    return switch (this) {
      case COMPLETE -> payload instanceof dev.payscore.domain.completion.CompletionPayload;
      case CANCEL -> payload instanceof CancelPayload;
      case MODIFY -> payload instanceof ModifyPayload;
    };
  }
}
