package dev.payscore;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition that other threads bring about, failing after a generous bound. */
public final class Await {
  private Await() {}

  public static void until(String what, Duration bound, BooleanSupplier condition) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within " + bound + ": " + what);
      }
      LockSupport.parkNanos(5_000_000); // re-check the condition; never a timing assumption
    }
  }
}
