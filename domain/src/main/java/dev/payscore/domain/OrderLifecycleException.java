package dev.payscore.domain;

/**
 * The root of the infrastructure failures payscore throws (storage, WeChat plumbing). Business
 * refusals are values, never exceptions; {@code IOException} and driver exceptions never cross a
 * port: adapters translate them into a subclass of this.
 */
public abstract class OrderLifecycleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected OrderLifecycleException(String message) {
    super(message);
  }

  protected OrderLifecycleException(String message, Throwable cause) {
    super(message, cause);
  }
}
