package dev.payscore.domain.port.out;

import dev.payscore.domain.OrderLifecycleException;

/**
 * A versioned write lost a race: the row changed since it was read (another dispatcher, a
 * callback). The transaction is rolled back by the exception; the caller reloads and decides again.
 */
public final class StaleWriteException extends OrderLifecycleException {
  private static final long serialVersionUID = 1L;

  public StaleWriteException(String what, long expectedVersion) {
    super(what + " changed since version " + expectedVersion);
  }
}
