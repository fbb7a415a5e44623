package dev.payscore.wechat.internal;

import java.io.IOException;

/**
 * The request provably never reached WeChat: the connection to every host failed before a byte was
 * written, or it could not even be signed.
 */
public final class RequestNotSentException extends IOException {
  public RequestNotSentException(String message, Throwable cause) {
    super(message, cause);
  }
}
