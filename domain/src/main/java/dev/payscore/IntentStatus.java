package dev.payscore;

import dev.payscore.domain.intent.IntentTransitionTable;
import java.util.Set;

/**
 * Where an intent stands; {@link IntentTransitionTable} says how it moves. Stored by name: add
 * constants, never rename them.
 *
 * <p><b>Open</b> statuses (PENDING, IN_FLIGHT, NEEDS_ATTENTION) hold the order: at most one intent
 * per order is open, whatever its kind (the database enforces it), because a NEEDS_ATTENTION
 * intent may have reached WeChat and a person decides what happens next. SUCCEEDED, FAILED and
 * SUPERSEDED are final.
 */
public enum IntentStatus {
  /** Waiting for its next attempt ({@code nextAttemptAt}). */
  PENDING,
  /** Claimed by a dispatcher under a lease; an expired lease makes it claimable again. */
  IN_FLIGHT,
  /** WeChat applied it with exactly the frozen bytes. */
  SUCCEEDED,
  /** WeChat refused it for good; a corrected request supersedes it with a new generation. */
  FAILED,
  /**
   * Something a person must look at (WeChat holds different parameters, attempts exhausted, an
   * unreadable row set aside): {@code retry} puts it back in line.
   */
  NEEDS_ATTENTION,
  /** A quarantined intent replaced by a corrected request of the same kind (the next generation). */
  SUPERSEDED;

  /** The statuses that hold an order (see the class comment); the database's list is the same. */
  public static final Set<IntentStatus> OPEN = Set.of(PENDING, IN_FLIGHT, NEEDS_ATTENTION);

  /** No dispatcher takes it: SUCCEEDED, FAILED, NEEDS_ATTENTION, SUPERSEDED. */
  public boolean isSettled() {
    return this != PENDING && this != IN_FLIGHT;
  }

  /** It holds its order: no intent of another kind can be recorded meanwhile. */
  public boolean isOpen() {
    return OPEN.contains(this);
  }

  /** Nothing moves it any more. */
  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == SUPERSEDED;
  }
}
