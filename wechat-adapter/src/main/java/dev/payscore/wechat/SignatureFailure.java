package dev.payscore.wechat;

/**
 * Why a response or callback signature (§7.2) was not accepted. Every value means the bytes
 * cannot be trusted; none of them is retried silently.
 */
public enum SignatureFailure {
  /** A {@code Wechatpay-Timestamp}, {@code -Nonce}, {@code -Signature} or {@code -Serial} is missing. */
  MISSING_HEADERS,
  /** {@code Wechatpay-Timestamp} is not epoch seconds. */
  MALFORMED_TIMESTAMP,
  /** {@code Wechatpay-Timestamp} is more than 5 minutes away from the clock. */
  STALE_TIMESTAMP,
  /** A {@code WECHATPAY/SIGNTEST/} probe: WeChat expects it to fail. */
  SIGNATURE_PROBE,
  /** {@code Wechatpay-Signature-Type} is not {@code WECHATPAY2-SHA256-RSA2048}. */
  UNSUPPORTED_SIGNATURE_TYPE,
  /** No key is held for {@code Wechatpay-Serial} (after one certificate refresh, if configured). */
  UNKNOWN_SERIAL,
  /** {@code Wechatpay-Signature} is not Base64. */
  MALFORMED_SIGNATURE,
  /** The signature does not match the timestamp, nonce and body. */
  SIGNATURE_MISMATCH
}
