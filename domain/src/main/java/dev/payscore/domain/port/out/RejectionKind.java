package dev.payscore.domain.port.out;

/**
 * What kind of refusal a {@link GatewayOutcome.Rejected} is, decided once by the gateway from the
 * HTTP status and WeChat's code (payscore-api.md §6.2), so that nothing downstream reads WeChat's
 * message text. WeChat's {@code code} and {@code message} stay on the outcome for diagnostics.
 */
public enum RejectionKind {
  /**
   * The order's state does not allow the operation: {@code INVALID_ORDER_STATE}, {@code
   * ORDER_DONE}, {@code ORDER_CANCELED}, {@code INVALID_REQUEST 当前订单状态不合法}, the old {@code
   * PARAM_ERROR 完结订单状态不合法}. The request may already have been applied: query the order.
   */
  STATE,
  /**
   * {@code 订单重入参数校验失败}: WeChat already applied a request for this order with other
   * parameters. Sending the same bytes again never helps; a person looks.
   */
  REENTRY_MISMATCH,
  /** {@code 单据正在扣款中，请稍后再试}: WeChat is deducting; the same request later (about 3 min). */
  BUSY,
  /**
   * Our side is misconfigured and a person can fix it: 401 ({@code SIGN_ERROR}: key, serial or
   * clock), 403 ({@code NO_AUTH}: service not bound, appid/mchid mismatch), an unknown merchant
   * ({@code MCH_NOT_EXISTS}, {@code APPID_MCHID_NOT_MATCH}). Not a verdict on the request.
   */
  AUTH_CONFIG,
  /** 404 {@code ORDER_NOT_EXIST}: WeChat does not know the order under this mchid/service_id. */
  NOT_FOUND,
  /**
   * {@code PARAM_ERROR} (other than the above): the request itself is wrong (amount formula, times,
   * lengths). Sending it again never helps; a corrected request may.
   */
  PARAMETER,
  /** Any other 4xx refusal: WeChat's code and message say what. */
  OTHER
}
