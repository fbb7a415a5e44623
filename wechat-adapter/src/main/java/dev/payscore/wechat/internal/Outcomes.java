package dev.payscore.wechat.internal;

import com.fasterxml.jackson.core.JacksonException;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.GatewayOutcome.UnknownCause;
import dev.payscore.domain.port.out.RejectionKind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The classification table of §6.2: one HTTP exchange (or its failure) to one {@link
 * GatewayOutcome}. Responses reach it only after the verifying interceptor passed them, so a
 * response here is either verified or a non-2xx without any signature header.
 */
public final class Outcomes {
  private Outcomes() {}

  /** Reads a verified 2xx body. */
  @FunctionalInterface
  public interface BodyReader<T> {
    T read(int status, byte[] body) throws IOException;
  }

  /** The outcome of a response that arrived. */
  public static <T> GatewayOutcome<T> ofResponse(
      int status, boolean signed, @Nullable String requestId, byte[] body, BodyReader<T> reader) {
    if (status == 200 || status == 204) {
      try {
        return new GatewayOutcome.Accepted<>(reader.read(status, body), requestId);
      } catch (IOException | RuntimeException e) {
        return new GatewayOutcome.Unknown<>(
            UnknownCause.MALFORMED_RESPONSE, "unreadable " + status + " body: " + reason(e), status, requestId);
      }
    }
    if (status == 429) {
      Wire.ErrorBody error = errorBody(body);
      return new GatewayOutcome.Throttled<>(
          text(error == null ? null : error.code(), "FREQUENCY_LIMITED"),
          text(error == null ? null : error.message(), "too many requests"),
          requestId);
    }
    if (status >= 500 && status <= 599) {
      Wire.ErrorBody error = errorBody(body);
      String code = error == null ? null : error.code();
      return new GatewayOutcome.Unknown<>(
          UnknownCause.SERVER_ERROR, "HTTP " + status + (code == null ? "" : " " + code), status, requestId);
    }
    if (status >= 400 && status <= 499) {
      if (!signed) {
        // a refusal only counts when WeChat signed it: a proxy's 4xx says nothing about the order
        return new GatewayOutcome.Unknown<>(
            UnknownCause.UNVERIFIABLE_RESPONSE, "unsigned HTTP " + status, status, requestId);
      }
      Wire.ErrorBody error = errorBody(body);
      if (error == null || error.code() == null) {
        return new GatewayOutcome.Unknown<>(
            UnknownCause.MALFORMED_RESPONSE, "HTTP " + status + " without an error code", status, requestId);
      }
      String message = text(error.message(), "");
      return new GatewayOutcome.Rejected<>(
          status,
          error.code(),
          kind(status, error.code(), message),
          message,
          error.detail() == null || error.detail().isNull() ? null : error.detail().toString(),
          requestId);
    }
    // 1xx, 3xx (redirects are not followed), 201, 202 "processing": not an answer to act on
    return new GatewayOutcome.Unknown<>(
        UnknownCause.MALFORMED_RESPONSE, "unexpected HTTP " + status, status, requestId);
  }

  /** WeChat's text when a repeat carries parameters other than the applied ones (no code of its own). */
  static final String REENTRY_MISMATCH_TEXT = "订单重入参数校验失败";
  /** WeChat's text while it deducts the user (no code of its own). */
  static final String DEDUCTING_TEXT = "正在扣款中";
  /** WeChat's text of a state refusal under a code that also means other things. */
  static final String STATE_TEXT = "状态";

  private static final Set<String> STATE_CODES =
      Set.of("INVALID_ORDER_STATE", "ORDER_DONE", "ORDER_CANCELED");
  private static final Set<String> AUTH_CONFIG_CODES =
      Set.of("SIGN_ERROR", "NO_AUTH", "MCH_NOT_EXISTS", "APPID_MCHID_NOT_MATCH");

  /**
   * The kind of a signed 4xx refusal (§6.2), keyed on the HTTP status and WeChat's code. WeChat's
   * message is read in exactly three cases, because WeChat gives them no code of their own: {@code
   * 订单重入参数校验失败} and {@code 单据正在扣款中} arrive under {@code INVALID_REQUEST} or {@code
   * PARAM_ERROR} alike, and a state refusal under those two codes is told from a bad parameter or
   * another business rule only by its text ({@code 当前订单状态不合法}, the old {@code 完结订单状态不合法}).
   */
  public static RejectionKind kind(int status, String code, String message) {
    if (status == 401 || status == 403 || AUTH_CONFIG_CODES.contains(code)) {
      return RejectionKind.AUTH_CONFIG;
    }
    if ("ORDER_NOT_EXIST".equals(code)) {
      return RejectionKind.NOT_FOUND;
    }
    if (STATE_CODES.contains(code)) {
      return RejectionKind.STATE;
    }
    boolean generic = "INVALID_REQUEST".equals(code) || "PARAM_ERROR".equals(code);
    if (generic && message.contains(REENTRY_MISMATCH_TEXT)) {
      return RejectionKind.REENTRY_MISMATCH;
    }
    if (generic && message.contains(DEDUCTING_TEXT)) {
      return RejectionKind.BUSY;
    }
    if (generic && message.contains(STATE_TEXT)) {
      return RejectionKind.STATE;
    }
    if ("PARAM_ERROR".equals(code)) {
      return RejectionKind.PARAMETER;
    }
    return RejectionKind.OTHER;
  }

  /** The outcome of a call that failed without a usable response. */
  public static <T> GatewayOutcome<T> ofFailure(Throwable failure) {
    if (failure instanceof UnverifiableResponseException unverifiable) {
      return new GatewayOutcome.Unknown<>(
          UnknownCause.UNVERIFIABLE_RESPONSE,
          unverifiable.failure().name(),
          unverifiable.status(),
          unverifiable.requestId());
    }
    if (failure instanceof RequestNotSentException) {
      return new GatewayOutcome.Unknown<>(UnknownCause.NOT_SENT, reason(failure), 0, null);
    }
    if (failure instanceof InterruptedIOException) {
      // SocketTimeoutException (read/write) and OkHttp's call timeout both land here
      return new GatewayOutcome.Unknown<>(UnknownCause.TIMEOUT, reason(failure), 0, null);
    }
    return new GatewayOutcome.Unknown<>(UnknownCause.CONNECTION_DROPPED, reason(failure), 0, null);
  }

  private static Wire.@Nullable ErrorBody errorBody(byte[] body) {
    try {
      return body.length == 0 ? null : Wire.JSON.readValue(body, Wire.ErrorBody.class);
    } catch (IOException e) {
      return null;
    }
  }

  private static String text(@Nullable String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static String reason(Throwable failure) {
    // Jackson's message quotes the offending input, which may carry user data: keep only its kind
    if (failure instanceof JacksonException) {
      return failure.getClass().getSimpleName();
    }
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
