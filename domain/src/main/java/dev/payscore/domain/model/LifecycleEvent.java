package dev.payscore.domain.model;

/** What can happen to an existing order; {@link TransitionTable} says from where and to where. */
public enum LifecycleEvent {
  /** PAYSCORE.USER_CONFIRM, or WeChat reports the user confirmed. */
  USER_CONFIRMED,
  /** WeChat accepted a completion with an amount to collect. */
  COMPLETED,
  /** WeChat accepted a 0-amount completion and closed the order at once (§3.3). */
  COMPLETED_WITHOUT_CHARGE,
  /** WeChat accepted a lower amount (modify). */
  AMOUNT_MODIFIED,
  /** WeChat accepted a request to collect again (催收, {@code pay}). */
  COLLECTION_REQUESTED,
  /** The user paid through Pay Score (PAYSCORE.USER_PAID). */
  PAID,
  /** The merchant told WeChat the user paid elsewhere ({@code sync}, {@code Order_Paid}). */
  SYNCED_PAID,
  /** The merchant cancelled the order. */
  CANCELLED,
  /** An unconfirmed order reached 30 days. */
  EXPIRED
}
