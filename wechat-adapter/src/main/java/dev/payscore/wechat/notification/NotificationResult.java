package dev.payscore.wechat.notification;

import java.util.Objects;

/**
 * What a callback turned out to be: an {@link Accepted} event to handle (then answer 200 or 204),
 * or a {@link Rejected} one with the HTTP status to answer so that WeChat sends it again.
 */
public sealed interface NotificationResult {

  /** Verified and decrypted: handle it, then answer 2xx. */
  record Accepted(PayScoreNotification notification) implements NotificationResult {
    public Accepted {
      Objects.requireNonNull(notification, "notification == null");
    }
  }

  /** Not accepted: answer {@link #httpStatus()}; {@code detail} says what was wrong, without secrets. */
  record Rejected(Reason reason, String detail) implements NotificationResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason == null");
      Objects.requireNonNull(detail, "detail == null");
    }

    /** The status to answer WeChat with. */
    public int httpStatus() {
      return reason.httpStatus();
    }
  }

  /** Why a callback was rejected. */
  enum Reason {
    /** Signature headers missing or malformed, a SIGNTEST probe, or a signature that does not match. */
    BAD_SIGNATURE(401),
    /** {@code Wechatpay-Timestamp} more than 5 minutes from the clock: a replay or a wrong clock. */
    STALE_TIMESTAMP(401),
    /** Signed by a key we do not hold (after one certificate refresh, if configured). */
    UNKNOWN_SERIAL(401),
    /** The resource did not decrypt: ciphertext, tag, nonce or associated data changed, or another APIv3 key. */
    DECRYPTION_FAILED(400),
    /**
     * The resource decrypted with the APIv3 key of a configured merchant but names another {@code
     * mchid} that no configured merchant with that key has.
     */
    MERCHANT_MISMATCH(400),
    /** The envelope or the decrypted order is not the JSON §8 describes. */
    MALFORMED_JSON(400);

    private final int httpStatus;

    Reason(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }
  }
}
