package dev.payscore;

import dev.payscore.domain.OrderLifecycleException;

/**
 * Storage refused or failed a write or read (a constraint, a lost connection). The transaction it
 * happened in is rolled back: nothing is half-written.
 */
public final class StorageException extends OrderLifecycleException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
