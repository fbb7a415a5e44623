package dev.payscore.engine.internal;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A caller's executor seen as the dispatcher's sender pool: shutting it down only stops handing it
 * work, and termination is "every task holding one of the dispatcher's slots has released it" (each
 * call in flight holds one). The caller's executor itself is never shut down or interrupted.
 */
public final class BorrowedExecutor extends AbstractExecutorService {
  private final Executor delegate;
  private final Semaphore slots;
  private final int permits;
  private volatile boolean shutdown;

  public BorrowedExecutor(Executor delegate, Semaphore slots, int permits) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
    this.slots = Objects.requireNonNull(slots, "slots == null");
    this.permits = permits;
  }

  @Override
  public void execute(Runnable task) {
    if (shutdown) {
      throw new RejectedExecutionException("the dispatcher is stopping");
    }
    delegate.execute(task);
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  /** Stops handing out work; tasks already handed over run to their end on the caller's threads. */
  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown && slots.availablePermits() == permits;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    if (!slots.tryAcquire(permits, timeout, unit)) {
      return false;
    }
    slots.release(permits);
    return true;
  }
}
