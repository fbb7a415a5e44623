package dev.payscore.engine;

import dev.payscore.domain.intent.CompletionIntent;
import dev.payscore.domain.port.out.PayScoreGateway;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.engine.internal.Checkpoints;
import dev.payscore.engine.internal.IntentWorker;
import dev.payscore.engine.internal.MerchantRateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives recorded completion intents to WeChat: claims due intents in batches under a lease, sends
 * each frozen payload through the {@link PayScoreGateway} with up to {@code concurrency} calls in
 * flight, and settles every outcome in one transaction (see {@link IntentWorker}). Several
 * instances may run against one database: claims skip each other's rows, and an instance that dies
 * leaves leases that expire and are taken over.
 *
 * <pre>{@code
 * CompletionDispatcher dispatcher =
 *     new CompletionDispatcher(transactions, gateway, Clock.systemUTC(), new SecureRandom(),
 *         DispatcherOptions.defaults());
 * dispatcher.start();   // a claim loop thread and a pool of senders
 * dispatcher.wakeUp();  // e.g. from a NOTIFY: look for due intents now
 * dispatcher.close();   // finishes calls in flight, gives back what was not sent
 * }</pre>
 *
 * <p>{@link #runOnce()} claims and processes one batch in the calling thread, for tests and tools.
 */
public final class CompletionDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CompletionDispatcher.class);

  private final Transactions transactions;
  private final Clock clock;
  private final DispatcherOptions options;
  private final String owner;
  private final IntentWorker worker;
  private final Semaphore slots;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wakeUps = lock.newCondition();
  private final AtomicInteger inFlight = new AtomicInteger();
  private boolean woken;
  private volatile boolean stopping;
  private @Nullable Thread loop;
  private @Nullable ExecutorService senders;
  private @Nullable ScheduledExecutorService timer;

  public CompletionDispatcher(
      Transactions transactions,
      PayScoreGateway gateway,
      Clock clock,
      RandomGenerator random,
      DispatcherOptions options) {
    this(
        transactions,
        gateway,
        clock,
        random,
        options,
        "payscore-" + UUID.randomUUID(),
        Checkpoints.NONE);
  }

  /**
   * With the name it holds leases under: unique per instance, at most 100 characters (e.g. host and
   * process id).
   */
  public CompletionDispatcher(
      Transactions transactions,
      PayScoreGateway gateway,
      Clock clock,
      RandomGenerator random,
      DispatcherOptions options,
      String owner) {
    this(transactions, gateway, clock, random, options, owner, Checkpoints.NONE);
  }

  /** With recovery-point hooks: tests stop a dispatcher at an exact point of an attempt. */
  CompletionDispatcher(
      Transactions transactions,
      PayScoreGateway gateway,
      Clock clock,
      RandomGenerator random,
      DispatcherOptions options,
      String owner,
      Checkpoints checkpoints) {
    this.transactions = Objects.requireNonNull(transactions, "transactions == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.options = Objects.requireNonNull(options, "options == null");
    this.owner = Objects.requireNonNull(owner, "owner == null");
    this.worker =
        new IntentWorker(
            transactions,
            gateway,
            clock,
            random,
            options,
            new MerchantRateLimiter(options.rateLimit()),
            owner,
            checkpoints);
    this.slots = new Semaphore(options.concurrency());
  }

  /** The name this instance claims leases under. */
  public String owner() {
    return owner;
  }

  /** Starts the claim loop and the senders. */
  public synchronized void start() {
    if (loop != null) {
      throw new IllegalStateException("already started");
    }
    AtomicInteger threads = new AtomicInteger();
    senders =
        Executors.newFixedThreadPool(
            options.concurrency(), r -> daemon(r, "payscore-sender-" + threads.incrementAndGet()));
    timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "payscore-dispatcher-timer"));
    Thread thread = daemon(this::loop, "payscore-dispatcher");
    loop = thread;
    thread.start();
  }

  /** Asks the loop to look for due intents now (a NOTIFY arrived, an intent was just recorded). */
  public void wakeUp() {
    lock.lock();
    try {
      woken = true;
      wakeUps.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Claims one batch of due intents and processes each in the calling thread.
   *
   * @return how many intents were claimed
   */
  public int runOnce() {
    List<CompletionIntent> claimed = claim(options.batchSize());
    for (CompletionIntent intent : claimed) {
      worker.process(intent, stopping);
    }
    return claimed.size();
  }

  /**
   * Stops claiming, lets calls in flight finish within {@code shutdownGrace}, and gives back the
   * intents that were claimed but not sent, so another instance takes them at once.
   */
  @Override
  public void close() {
    Thread thread;
    ExecutorService pool;
    synchronized (this) {
      stopping = true;
      thread = loop;
      pool = senders;
    }
    wakeUp();
    if (thread == null || pool == null) {
      return;
    }
    thread.interrupt(); // it waits only for a free slot or a wake-up
    try {
      thread.join(options.shutdownGrace().toMillis() + 1);
      pool.shutdown();
      if (!pool.awaitTermination(options.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("{} calls still in flight at shutdown; their leases will expire", inFlight.get());
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    } finally {
      Objects.requireNonNull(timer).shutdownNow();
    }
  }

  private void loop() {
    ExecutorService pool = Objects.requireNonNull(senders);
    while (!stopping) {
      try {
        slots.acquire();
        int want = 1 + Math.min(options.batchSize() - 1, slots.drainPermits());
        List<CompletionIntent> claimed;
        try {
          claimed = stopping ? List.of() : claim(want);
        } catch (RuntimeException e) {
          slots.release(want);
          LOG.warn("claiming due intents failed; trying again after {}", options.pollInterval(), e);
          awaitWakeUp(options.pollInterval());
          continue;
        }
        slots.release(want - claimed.size());
        for (CompletionIntent intent : claimed) {
          inFlight.incrementAndGet();
          pool.execute(() -> processClaimed(intent));
        }
        if (claimed.size() < want) {
          awaitWakeUp(options.pollInterval());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("dispatcher loop error", e);
      }
    }
  }

  private void processClaimed(CompletionIntent intent) {
    try {
      IntentWorker.Processed processed = worker.process(intent, stopping);
      Instant due = processed.dueAgain();
      if (due != null && !stopping) {
        scheduleWakeUp(Duration.between(clock.instant(), due));
      }
    } catch (RuntimeException e) {
      LOG.error(
          "processing intent {} ({}) failed; its lease will expire",
          intent.id(),
          intent.outOrderNo(),
          e);
    } finally {
      inFlight.decrementAndGet();
      slots.release();
    }
  }

  private void scheduleWakeUp(Duration after) {
    ScheduledExecutorService scheduler = timer;
    if (scheduler != null) {
      try {
        scheduler.schedule(this::wakeUp, Math.max(1, after.toMillis()), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // closing: nothing needs waking any more
      }
    }
  }

  private List<CompletionIntent> claim(int limit) {
    return transactions.inTransaction(
        repos -> repos.intents().claimDue(clock.instant(), owner, options.lease(), limit));
  }

  private void awaitWakeUp(Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      long nanos = timeout.toNanos();
      while (!woken && !stopping && nanos > 0) {
        nanos = wakeUps.awaitNanos(nanos);
      }
      woken = false;
    } finally {
      lock.unlock();
    }
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }
}
