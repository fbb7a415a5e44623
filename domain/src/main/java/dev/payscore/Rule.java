package dev.payscore;

/**
 * The rules a create, complete, modify or cancel request is checked against, each with a stable
 * code for machines ({@link #code()}, e.g. {@code TOTAL_FORMULA}). A rule is one field's rule in
 * every request that has the field. Codes never change meaning once released; new rules get new
 * codes. The first group is WeChat's documented rules (§2.1–2.4, §4.1–4.5 of the API notes), then
 * the checks against the order, then the industry billing conventions (§5), then the rules of the
 * fields that only create, cancel or modify carry. The builders' settings ({@code PayScore.Builder}
 * and the others) use {@link #REQUIRED}, {@link #SETTING_RANGE}, {@link #SETTING_CONFLICT} and
 * {@link #URL_FORMAT}.
 */
public enum Rule {
  /** A required field is absent or empty. */
  REQUIRED,
  /** A builder setting is outside its range (a count, a size, a duration). */
  SETTING_RANGE,
  /** Two builder settings exclude each other, or one is given twice. */
  SETTING_CONFLICT,
  /** A URL setting is not an http(s) URL ending in {@code /}. */
  URL_FORMAT,
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
  /** {@code risk_fund.amount} must be more than 0 fen. */
  AMOUNT_NOT_POSITIVE,
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
  /** The end is later than now: WeChat refuses an actual end in the future (complete). */
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
  CONVENTION_ZERO_FORM,
  /** {@code out_order_no} is not 1..32 of digits, letters, {@code _ - |} (create). */
  OUT_ORDER_NO_FORMAT,
  /** {@code service_introduction} must have at most 20 characters (create). */
  SERVICE_INTRODUCTION_LENGTH,
  /**
   * A second-precision expected start is not after now, or a day-precision one is before today
   * (create: {@code 预计服务开始时间必须晚于当前时间}).
   */
  START_TIME_PASSED,
  /** A second-precision expected end is not a minute after now (create). */
  END_TIME_TOO_SOON,
  /** {@code location.end_location} is given at create without {@code start_location}. */
  LOCATION_START_REQUIRED,
  /** {@code risk_fund.amount} is above the service's risk cap (create, §2.1). */
  RISK_FUND_OVER_SERVICE_RISK_CAP,
  /** {@code attach} must have at most 256 characters (create). */
  ATTACH_LENGTH,
  /** {@code notify_url} must have at most 255 characters (create). */
  NOTIFY_URL_LENGTH,
  /**
   * {@code notify_url} is not an https URL with a host and no query (plain http is taken for a
   * loopback host only, for the sandbox).
   */
  NOTIFY_URL_FORMAT,
  /** A modified total is above the order's current one: modify only lowers it (§2.4). */
  TOTAL_ABOVE_CURRENT,
  /** {@code reason} (cancel, modify) must have at most 50 characters (the 2020 wiki said 30). */
  REASON_LENGTH,
  /**
   * {@code risk_fund.name} is not DEPOSIT, ADVANCE, CASH_DEPOSIT or ESTIMATE_ORDER_COST (create; a
   * wire body only: {@code RiskFundName} cannot hold another).
   */
  RISK_FUND_NAME,
  /** {@code risk_fund.amount} is not above 0 fen (create; a wire body only, as above). */
  RISK_FUND_AMOUNT;

  /**
   * The stable code, as printed by {@code payscore validate} and stored in audit records: the
   * constant's name, so a constant is never renamed.
   */
  public String code() {
    return name();
  }
}
