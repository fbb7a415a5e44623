package dev.payscore.domain.model;

/** WeChat's {@code collection.state} after a non-zero completion. */
public enum CollectionState {
  /** 待支付: WeChat is still deducting. */
  USER_PAYING,
  /** 已支付. */
  USER_PAID
}
