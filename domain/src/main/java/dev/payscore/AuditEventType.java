package dev.payscore;

/** What an audit event records. Stored by name: add constants, never rename them. */
public enum AuditEventType {
  ORDER_CREATED,
  /** A lifecycle event was applied (a callback, a response, an operator). */
  TRANSITION_APPLIED,
  /** WeChat's reported state moved the order forward past missed events. */
  STATE_OBSERVED,
  /** A stale or out-of-order state or event arrived; recorded, otherwise ignored. */
  STALE_EVENT_IGNORED,
  COMPLETION_REQUESTED,
  /** One call of complete: its outcome is in code/message. */
  COMPLETION_ATTEMPTED,
  /** A query made to settle an ambiguous outcome. */
  COMPLETION_QUERIED,
  COMPLETION_RETRY_SCHEDULED,
  COMPLETION_SUCCEEDED,
  COMPLETION_FAILED,
  COMPLETION_NEEDS_ATTENTION,
  /** A person put an intent that needed attention back in line. */
  OPERATOR_RETRY,
  CALLBACK_RECEIVED,
  /** A reconciliation sweep found something and reports it. */
  SWEEP_FINDING,
  /** A cancel was requested (a CANCEL intent recorded). */
  CANCEL_REQUESTED,
  /** An amount modification was requested (a MODIFY intent recorded). */
  MODIFY_REQUESTED,
  /** One call of a cancel or modify intent; its outcome is in code/message. */
  INTENT_ATTEMPTED,
  /** A query made to settle a cancel or modify intent. */
  INTENT_QUERIED,
  INTENT_RETRY_SCHEDULED,
  INTENT_SUCCEEDED,
  INTENT_FAILED,
  INTENT_NEEDS_ATTENTION,
  /** A claim set an unreadable intent row aside (NEEDS_ATTENTION); the reason is in detail. */
  INTENT_QUARANTINED,
  /** A request with a corrected body replaced a FAILED or quarantined intent: the next generation. */
  INTENT_SUPERSEDED,
  /**
   * WeChat sent values this version does not understand (an unknown enum value, an empty one, an
   * out-of-range number): kept raw in the detail; the order never moves on them.
   */
  ODD_VALUES_RECORDED
}
