package dev.payscore.domain.model;

/** The Pay Score product mode of a {@code service_id} (§1). */
public enum ConfirmationMode {
  /** 需确认模式: the user confirms on WeChat's page before the service starts. */
  CONFIRM,
  /** 免确认模式: created with the user's openid, directly DOING/USER_CONFIRM. */
  NO_CONFIRM
}
