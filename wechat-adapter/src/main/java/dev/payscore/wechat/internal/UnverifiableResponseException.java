package dev.payscore.wechat.internal;

import dev.payscore.wechat.SignatureFailure;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A response whose signature did not verify. It is an {@link IOException} because OkHttp
 * interceptors may only throw those; the gateway turns it into an unknown outcome.
 */
public final class UnverifiableResponseException extends IOException {
  private final SignatureFailure failure;
  private final int status;
  private final @Nullable String requestId;

  public UnverifiableResponseException(SignatureFailure failure, int status, @Nullable String requestId) {
    super("response signature not accepted: " + failure + " (HTTP " + status + ")");
    this.failure = Objects.requireNonNull(failure, "failure == null");
    this.status = status;
    this.requestId = requestId;
  }

  public SignatureFailure failure() {
    return failure;
  }

  public int status() {
    return status;
  }

  public @Nullable String requestId() {
    return requestId;
  }
}
