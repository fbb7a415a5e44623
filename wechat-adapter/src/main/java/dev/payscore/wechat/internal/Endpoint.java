package dev.payscore.wechat.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Per-endpoint rules on {@link PayScoreService} methods, read by the interceptors from Retrofit's
 * {@code Invocation} tag (never from the URL).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Endpoint {
  /** The name logged for the call. */
  String value();

  /**
   * The caller verifies the response itself: {@code /v3/certificates}, whose signing key may be
   * one of the certificates in its own body.
   */
  boolean verifiedByCaller() default false;
}
