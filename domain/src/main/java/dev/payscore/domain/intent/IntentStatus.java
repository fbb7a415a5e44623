package dev.payscore.domain.intent;

/** Where an intent stands. SUCCEEDED, FAILED and NEEDS_ATTENTION are settled: no dispatcher takes them. */
public enum IntentStatus {
  /** Waiting for its next attempt ({@code nextAttemptAt}). */
  PENDING,
  /** Claimed by a dispatcher under a lease; an expired lease makes it claimable again. */
  IN_FLIGHT,
  /** WeChat applied it with exactly the frozen parameters. */
  SUCCEEDED,
  /** WeChat refused it for good (e.g. the order was cancelled); the reason is recorded. */
  FAILED,
  /** Something a person must look at (WeChat holds different parameters, attempts exhausted). */
  NEEDS_ATTENTION;

  public boolean isSettled() {
    return this == SUCCEEDED || this == FAILED || this == NEEDS_ATTENTION;
  }
}
