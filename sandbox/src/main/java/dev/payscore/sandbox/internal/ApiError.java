package dev.payscore.sandbox.internal;

import org.jspecify.annotations.Nullable;

/** A refusal WeChat would answer: HTTP status, {@code code}, {@code message}, optional field. */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final @Nullable String field;

  public ApiError(int status, String code, String message, @Nullable String field) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public static ApiError param(@Nullable String field, String message) {
    return new ApiError(400, "PARAM_ERROR", message, field);
  }

  public static ApiError invalidRequest(String message) {
    return new ApiError(400, "INVALID_REQUEST", message, null);
  }

  public static ApiError noAuth(String message) {
    return new ApiError(403, "NO_AUTH", message, null);
  }

  public static ApiError notFound() {
    return new ApiError(404, "ORDER_NOT_EXIST", "订单不存在", null);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public @Nullable String field() {
    return field;
  }
}
