package dev.payscore.domain.model;

/** WeChat's {@code state_description}, meaningful only while the order is {@code DOING}. */
public enum StateDescription {
  /** The user confirmed (or no-confirm mode): the service is running. */
  USER_CONFIRM,
  /** The merchant completed the order; collection is pending. */
  MCH_COMPLETE
}
