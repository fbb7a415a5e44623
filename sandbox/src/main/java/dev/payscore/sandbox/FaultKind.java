package dev.payscore.sandbox;

/** The ways the sandbox misbehaves on purpose, each the way WeChat or the network can. */
public enum FaultKind {
  /** 500 {@code SYSTEM_ERROR}; nothing applied. */
  FAIL_BEFORE_APPLY,
  /** The call is applied (state changed, ledger written), then 500 {@code SYSTEM_ERROR}. */
  FAIL_AFTER_APPLY,
  /** The call is applied, then the connection is closed with no response. */
  DROP_AFTER_APPLY,
  /** The answer is held back for the rule's delay (a slow round trip; a client timeout). */
  DELAY,
  /** 429 {@code FREQUENCY_LIMITED}; nothing applied. */
  THROTTLE,
  /** The call is applied and answered, but the response signature does not verify. */
  BROKEN_SIGNATURE,
  /** 503 {@code SERVICE_UNAVAILABLE} on the main host only; the backup host answers normally. */
  MAIN_HOST_UNAVAILABLE,
  /** 400 {@code INVALID_REQUEST} {@code 单据正在扣款中，请稍后再试}; nothing applied. */
  DEDUCTING
}
