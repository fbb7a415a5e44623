package dev.payscore.testing.fakes;

import dev.payscore.domain.port.out.Repositories;
import dev.payscore.domain.port.out.Transactions;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Transactions over an in-memory store: each runs alone (under one lock, so concurrent callers are
 * serialized, and calls through {@link #committed()} from other threads wait) on a copy of the
 * committed state, which replaces the committed state only when the work returns. Work that throws
 * leaves nothing behind.
 *
 * <p>{@link #committed()} reads and writes the committed state directly (one call, one
 * "transaction"), for arranging a test and asserting its outcome; don't use it from inside {@link
 * #inTransaction}, whose commit would overwrite such writes.
 */
public final class InMemoryTransactions implements Transactions {
  private final ReentrantLock lock = new ReentrantLock();
  private final InMemoryState committedState = new InMemoryState();
  private final Clock clock;
  private final InMemoryRepositories committed;

  public InMemoryTransactions(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.committed = new InMemoryRepositories(committedState, clock);
  }

  @Override
  public <T> T inTransaction(Function<Repositories, T> work) {
    Objects.requireNonNull(work, "work == null");
    if (lock.isHeldByCurrentThread()) {
      // A nested call would commit on its own and then be overwritten by the outer commit.
      throw new IllegalStateException("inTransaction called inside a transaction");
    }
    lock.lock();
    try {
      // Holding the committed state's monitor throughout keeps direct writes through committed()
      // from other threads out of the window between the copy and the swap.
      synchronized (committedState) {
        InMemoryState working = committedState.copy();
        T result = work.apply(new InMemoryRepositories(working, clock));
        committedState.replaceWith(working);
        return result;
      }
    } finally {
      lock.unlock();
    }
  }

  /** The committed state, outside any transaction. */
  public Repositories committed() {
    return committed;
  }
}
