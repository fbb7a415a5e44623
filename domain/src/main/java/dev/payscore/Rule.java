package dev.payscore;

/**
 * The rules a completion is checked against, each with a stable code for machines ({@link #code()},
 * e.g. {@code TOTAL_FORMULA}). Codes never change meaning once released; new rules get new codes.
 * The first group is WeChat's documented rules (§4.1–4.5 of the API notes), then the checks against
 * the order being completed, then the industry billing conventions (§5).
 */
public enum Rule {
  /** A required field is absent or empty. */
  REQUIRED,
  /** {@code appid} is not 1..32 visible ASCII characters. */
  APPID_FORMAT,
  /** {@code service_id} is not 1..32 visible ASCII characters. */
  SERVICE_ID_FORMAT,
  /** {@code post_payments} must have 1..100 entries. */
  POST_PAYMENTS_SIZE,
  /** {@code post_discounts} must have at most 30 entries. */
  POST_DISCOUNTS_SIZE,
  /** An item name must have at most 20 characters. */
  NAME_LENGTH,
  /** Item names are unique within their list, except {@code 商品信息} among payments. */
  NAME_DUPLICATE,
  /** A description must have at most 30 characters. */
  DESCRIPTION_LENGTH,
  /** A discount needs a description at complete. */
  DESCRIPTION_REQUIRED,
  /** A discount needs an amount at complete. */
  AMOUNT_REQUIRED,
  /** A payment carries neither amount nor description (old wiki: one of them is required). */
  ITEM_EMPTY,
  /** Amounts are fen, never negative. */
  AMOUNT_NEGATIVE,
  /** {@code count} must be in 1..100. */
  COUNT_RANGE,
  /** {@code total_amount} is negative. */
  TOTAL_NEGATIVE,
  /** {@code total_amount} is not Σ payment amounts − Σ discount amounts. */
  TOTAL_FORMULA,
  /** A 先免 order (DEPOSIT, ADVANCE, CASH_DEPOSIT) cannot complete above its risk fund. */
  TOTAL_OVER_RISK_FUND,
  /** A 先享 order (ESTIMATE_ORDER_COST) cannot complete above its service's risk cap (§4.2). */
  TOTAL_OVER_SERVICE_RISK_CAP,
  /**
   * A text is not well-formed Unicode (a lone surrogate, which reaches the wire as {@code ?}), or
   * an input file is not UTF-8.
   */
  TEXT_MALFORMED,
  /** {@code time_range.end_time} is required because the order was created without one. */
  END_TIME_REQUIRED,
  /** A time is neither {@code yyyyMMddHHmmss} nor {@code yyyyMMdd}. */
  TIME_FORMAT,
  /** A time does not use the precision the order was created with. */
  PRECISION_MISMATCH,
  /** The end is not after the start. */
  END_TIME_BEFORE_START,
  /**
   * The end is not after the moment the user confirmed an order created with {@code start_time:
   * OnAccept}, which is the service's start (WeChat: {@code 真实结束时间小于预计开始时间}).
   */
  END_TIME_BEFORE_CONFIRMATION,
  /** The end is later than now: WeChat refuses an actual end in the future. */
  END_TIME_IN_FUTURE,
  /** A {@code time_range} remark must have at most 20 characters. */
  REMARK_LENGTH,
  /** {@code goods_tag} must have at most 32 characters. */
  GOODS_TAG_LENGTH,
  /** A {@code location} text is longer than the configured limit. */
  LOCATION_LENGTH,
  /** A {@code device} text is longer than the configured limit. */
  DEVICE_LENGTH,
  /** The order is not DOING/USER_CONFIRM, the only state WeChat completes. */
  ORDER_STATE,
  /** {@code appid} differs from the order's. */
  APPID_MISMATCH,
  /** {@code service_id} differs from the order's. */
  SERVICE_ID_MISMATCH,
  /** The billing convention requires an item name that is missing. */
  CONVENTION_ITEM_MISSING,
  /** The billing convention does not allow this item name. */
  CONVENTION_ITEM_NOT_ALLOWED,
  /** The billing convention requires an amount on this item. */
  CONVENTION_AMOUNT_REQUIRED,
  /** The billing convention forbids an amount on this item. */
  CONVENTION_AMOUNT_FORBIDDEN,
  /** The billing convention requires a description on this item. */
  CONVENTION_DESCRIPTION_REQUIRED,
  /** The billing convention forbids a description on this item. */
  CONVENTION_DESCRIPTION_FORBIDDEN,
  /** The billing convention forbids a count on this item. */
  CONVENTION_COUNT_FORBIDDEN,
  /** Car rental's 0-yuan form ({@code 租车相关费用}/{@code 本次无扣款}) is used but not kept. */
  CONVENTION_ZERO_FORM;

  /**
   * The stable code, as printed by {@code payscore validate} and stored in audit records: the
   * constant's name, so a constant is never renamed.
   */
  public String code() {
    return name();
  }
}
