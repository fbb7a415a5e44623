package dev.payscore.domain.intent;

import dev.payscore.IntentStatus;

/**
 * What moves an intent from one {@link IntentStatus} to another; {@link IntentTransitionTable}
 * says where each is allowed and where it leads.
 */
public enum IntentEvent {
  /** A dispatcher leased it: due PENDING, or IN_FLIGHT whose lease expired (a takeover). */
  CLAIMED,
  /** Given back undecided (an ambiguous outcome to retry, a rate wait, a shutdown): due again later. */
  RELEASED,
  /** WeChat applied it with exactly the frozen bytes. */
  SUCCEEDED,
  /** WeChat refused it for good. */
  FAILED,
  /** A person must decide (parameters differ at WeChat, attempts or age exhausted, config errors). */
  ATTENTION_NEEDED,
  /** Its row could not be read inside a claim (digest mismatch, unknown value, bad payload). */
  QUARANTINED,
  /** An operator put it back in line. */
  RETRIED,
  /** A corrected request of the same kind replaced it (only a quarantined one can be replaced). */
  SUPERSEDED
}
