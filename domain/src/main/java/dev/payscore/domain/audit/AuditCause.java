package dev.payscore.domain.audit;

/** How the news behind an audit event arrived. */
public enum AuditCause {
  /** The merchant's application asked (a use case). */
  REQUEST,
  /** A call we made to WeChat and its answer. */
  API_CALL,
  /** A WeChat callback. */
  CALLBACK,
  /** A query of WeChat's state. */
  QUERY,
  /** A person, through the operator commands. */
  OPERATOR,
  /** A stored row failed a check when it was read (a claim quarantined it). */
  STORAGE
}
