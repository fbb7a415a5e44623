package dev.payscore.engine.internal;

import dev.payscore.CompletionIntent;

/**
 * The recovery points of one attempt. The dispatcher reports each; tests use them to stop a
 * dispatcher at an exact point (by throwing) and prove another one finishes the work exactly once.
 */
@FunctionalInterface
public interface Checkpoints {
  Checkpoints NONE = (stage, intent) -> {};

  /** Where an attempt is. */
  enum Stage {
    /** Claimed and about to be sent. */
    CLAIMED,
    /** Sent, and WeChat's answer (or the lack of one) is in hand. */
    CALLED,
    /** Decided (after any settling query), not yet settled in the database. */
    DECIDED
  }

  void reached(Stage stage, CompletionIntent intent);
}
