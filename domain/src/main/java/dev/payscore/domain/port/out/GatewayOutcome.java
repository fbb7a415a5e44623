package dev.payscore.domain.port.out;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one call to WeChat. Exactly one attempt stands behind it: retrying is the
 * engine's decision, never the gateway's.
 *
 * @param <T> the verified response body
 */
public sealed interface GatewayOutcome<T> {

  /** A short text of this outcome for logs and audit details (never a body). */
  default String summary() {
    if (this instanceof Accepted) {
      return "accepted";
    }
    if (this instanceof Rejected<T> rejected) {
      return "rejected "
          + rejected.status()
          + " "
          + rejected.code()
          + " ("
          + rejected.kind()
          + ") "
          + rejected.message();
    }
    if (this instanceof Throttled<T> throttled) {
      return "throttled " + throttled.code();
    }
    Unknown<T> unknown = (Unknown<T>) this;
    return "unknown "
        + unknown.cause()
        + (unknown.status() > 0 ? " " + unknown.status() : "")
        + ": "
        + unknown.description();
  }

  /** WeChat answered 2xx and the response signature verified. */
  record Accepted<T>(T body, @Nullable String requestId) implements GatewayOutcome<T> {
    public Accepted {
      Objects.requireNonNull(body, "body == null");
    }
  }

  /**
   * A definitive refusal (4xx other than 429): WeChat did not apply this request. {@code kind} is
   * the gateway's classification of {@code status} and {@code code}; act on it, never on {@code
   * message}, which is WeChat's text for people.
   */
  record Rejected<T>(
      int status,
      String code,
      RejectionKind kind,
      String message,
      @Nullable String detail,
      @Nullable String requestId)
      implements GatewayOutcome<T> {
    public Rejected {
      Objects.requireNonNull(code, "code == null");
      Objects.requireNonNull(kind, "kind == null");
      Objects.requireNonNull(message, "message == null");
    }
  }

  /** 429 {@code FREQUENCY_LIMITED} / {@code RATELIMIT_EXCEEDED}: slow down and send again. */
  record Throttled<T>(String code, String message, @Nullable String requestId)
      implements GatewayOutcome<T> {
    public Throttled {
      Objects.requireNonNull(code, "code == null");
      Objects.requireNonNull(message, "message == null");
    }
  }

  /**
   * WeChat may or may not have applied the request: a timeout, a 5xx, a dropped connection, an
   * unverifiable or malformed response. Settle it by a query, never by guessing. {@code status} is
   * 0 when no HTTP status was received.
   */
  record Unknown<T>(
      UnknownCause cause, String description, int status, @Nullable String requestId)
      implements GatewayOutcome<T> {
    public Unknown {
      Objects.requireNonNull(cause, "cause == null");
      Objects.requireNonNull(description, "description == null");
    }
  }

  /** Why an outcome is unknown. */
  enum UnknownCause {
    /** The request provably never reached WeChat (DNS or connect failure on every host). */
    NOT_SENT,
    /** No answer in time after the request was sent. */
    TIMEOUT,
    /** The connection broke after the request was sent. */
    CONNECTION_DROPPED,
    /** 5xx, e.g. {@code SYSTEM_ERROR}: WeChat says retry later with the same parameters. */
    SERVER_ERROR,
    /** The response signature did not verify (forged, tampered, or a key we do not hold). */
    UNVERIFIABLE_RESPONSE,
    /** The response verified but its body could not be read. */
    MALFORMED_RESPONSE
  }
}
