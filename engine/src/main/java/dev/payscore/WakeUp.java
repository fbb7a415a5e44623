package dev.payscore;

/**
 * How a request that recorded an intent wakes dispatchers (see {@code IntentWakeUps}): at once
 * when the intent is committed, shortly after when the caller commits it later.
 */
@FunctionalInterface
interface WakeUp {
  /** An intent was committed: due now. */
  void committed();

  /** An intent was recorded in the caller's transaction, which commits after this returns. */
  default void recordedInCallerTransaction() {}
}
