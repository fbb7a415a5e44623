package dev.payscore.domain.model;

/**
 * What a state reported by WeChat (a query, a response, a callback) means for the local order: it
 * may only move the order forward along the transition table, possibly past missed events.
 */
public enum Observation {
  /** WeChat's state is reachable from ours: move forward to it. */
  ADVANCE,
  /** WeChat reports the state we already hold. */
  UNCHANGED,
  /** WeChat's state is not reachable from ours (stale or out of order): record it, change nothing. */
  STALE
}
