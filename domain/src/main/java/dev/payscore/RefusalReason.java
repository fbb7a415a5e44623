package dev.payscore;

/**
 * Why payscore refused an operation locally, before anything was sent to WeChat or written: what
 * the caller does next depends on it.
 */
public enum RefusalReason {
  /** No local order has this mchid and out_order_no: create it first, or check the number. */
  UNKNOWN_ORDER,
  /**
   * The order's state does not allow the operation (e.g. a collection of an order already paid):
   * refresh it ({@code orders().refresh}) if WeChat may know more, otherwise nothing to do.
   */
  WRONG_STATE,
  /** The input breaks rules, every one listed in the refusal's violations: fix it and send again. */
  INVALID
}
