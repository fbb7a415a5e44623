package dev.payscore.testing;

import dev.payscore.CompletionIntent;
import dev.payscore.IntentStatus;
import java.time.Instant;

/**
 * Intents where a test needs them without running a dispatcher. Status changes still go through
 * the intent transition table: to settle a recorded (PENDING) intent, take it {@link #inFlight}
 * first, as a claim would, then {@code settledAs}.
 */
public final class IntentFixtures {
  private IntentFixtures() {}

  /** {@code intent} as a claim by {@code owner} would lease it (same version: a test shortcut). */
  public static CompletionIntent inFlight(CompletionIntent intent, String owner, Instant until) {
    return new CompletionIntent(
        intent.id(),
        intent.mchid(),
        intent.outOrderNo(),
        intent.kind(),
        intent.generation(),
        intent.supersedes(),
        intent.payload(),
        IntentStatus.IN_FLIGHT,
        intent.attempts(),
        intent.nextAttemptAt(),
        intent.lastOutcome(),
        intent.lastError(),
        owner,
        until,
        intent.requestedBy(),
        intent.createdAt(),
        intent.updatedAt(),
        intent.version());
  }

  /** {@code intent} as if claimed by a test dispatcher ("test") until {@code until}. */
  public static CompletionIntent inFlight(CompletionIntent intent, Instant until) {
    return inFlight(intent, "test", until);
  }
}
