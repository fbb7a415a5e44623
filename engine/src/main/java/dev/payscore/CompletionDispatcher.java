package dev.payscore;

import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.intent.ClaimedIntent;
import dev.payscore.domain.port.out.ClaimBatch;
import dev.payscore.domain.port.out.PayScoreGateway;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.engine.internal.AttemptRunner;
import dev.payscore.engine.internal.BorrowedExecutor;
import dev.payscore.engine.internal.Checkpoints;
import dev.payscore.engine.internal.LeaseHeartbeat;
import dev.payscore.engine.internal.MerchantRateLimiter;
import dev.payscore.engine.internal.Settler;
import dev.payscore.domain.settlement.Settlement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
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
 * Drives recorded completion intents to WeChat: claims due intents of the merchants it can send for
 * in batches under a lease, sends each frozen payload through the {@link PayScoreGateway} with up
 * to {@code concurrency} calls in flight, renews the lease while a call is in flight, and settles
 * every outcome in one transaction fenced by the claim (see {@link AttemptRunner}). Several
 * instances may run against one database: claims skip each other's rows, due times and leases are
 * the database's time, and an instance that dies leaves leases that expire and are taken over.
 *
 * <pre>{@code
 * CompletionDispatcher dispatcher =
 *     CompletionDispatcher.builder(transactions, gateway)
 *         .merchants(Set.of(mchid))        // the merchants this instance has credentials for
 *         .options(DispatcherOptions.defaults())
 *         .build();
 * dispatcher.start();   // a claim loop thread and a pool of senders
 * dispatcher.wakeUp();  // e.g. from a NOTIFY: look for due intents now
 * dispatcher.close();   // finishes calls in flight, gives back what was not sent
 * }</pre>
 *
 * <p>An intent of a merchant this instance has no credentials for is never claimed here: it waits,
 * unattempted, for an instance that has them. The send rate is taken before claiming: a claim takes
 * at most as many intents of a merchant as its rate allows now ({@link RateLimit}, per instance).
 *
 * <p>{@link #runOnce()} claims and processes one batch in the calling thread, for tests and tools.
 *
 * <p>Thread-safe: {@link #wakeUp()} may be called from any thread; {@link #start()} and {@link
 * #close()} once each. {@link PayScore} builds and runs one; build one yourself only to assemble
 * payscore without the facade.
 */
public final class CompletionDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CompletionDispatcher.class);

  private final Transactions transactions;
  private final Clock clock;
  private final DispatcherOptions options;
  private final String owner;
  private final List<MerchantId> merchants;
  private final MerchantRateLimiter limiter;
  private final PayScoreListener listener;
  private final AttemptRunner worker;
  private final ScheduledExecutorService timer;
  private final Semaphore slots;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wakeUps = lock.newCondition();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final String actor;
  private boolean woken;
  private int claimFailures; // in a row; the loop thread's own
  private volatile boolean stopping;
  private @Nullable Thread loop;
  private @Nullable ExecutorService senders;
  private final @Nullable Executor callersExecutor;

  private CompletionDispatcher(Builder b) {
    this.callersExecutor = b.executor;
    this.transactions = b.transactions;
    this.clock = b.clock;
    this.options = b.options;
    this.owner = b.owner;
    this.merchants = List.copyOf(b.merchants);
    this.actor = "dispatcher:" + owner;
    this.limiter = new MerchantRateLimiter(options.rateLimit());
    this.timer =
        Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "payscore-dispatcher-timer"));
    this.worker =
        new AttemptRunner(
            b.gateway,
            clock,
            limiter,
            b.checkpoints,
            new LeaseHeartbeat(transactions, timer, options.lease(), options.heartbeat()),
            new Settler(transactions, clock, b.random, options, owner, b.listener),
            b.listener);
    this.listener = PayScoreListener.guarded(b.listener);
    this.slots = new Semaphore(options.concurrency());
  }

  /** A dispatcher sending through {@code gateway}, storing through {@code transactions}. */
  public static Builder builder(Transactions transactions, PayScoreGateway gateway) {
    return new Builder(transactions, gateway);
  }

  /** Configures a {@link CompletionDispatcher}; set at least its merchants. */
  public static final class Builder {
    private final Transactions transactions;
    private final PayScoreGateway gateway;
    private Set<MerchantId> merchants = Set.of();
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = new Random();
    private DispatcherOptions options = DispatcherOptions.defaults();
    private String owner = "payscore-" + UUID.randomUUID();
    private PayScoreListener listener = PayScoreListener.NONE;
    private Checkpoints checkpoints = Checkpoints.NONE;
    private @Nullable Executor executor;

    private Builder(Transactions transactions, PayScoreGateway gateway) {
      this.transactions = Objects.requireNonNull(transactions, "transactions == null");
      this.gateway = Objects.requireNonNull(gateway, "gateway == null");
    }

    /** The merchants whose intents this instance claims: those it holds credentials for. */
    public Builder merchants(Set<MerchantId> value) {
      Objects.requireNonNull(value, "merchants == null");
      this.merchants = Set.copyOf(value);
      return this;
    }

    /** Stamps audit events and paces the rate limit; default the system clock (UTC). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock == null");
      return this;
    }

    /** The randomness of the back-off jitter (thread-safe); default {@link Random}. */
    public Builder random(RandomGenerator value) {
      this.random = Objects.requireNonNull(value, "random == null");
      return this;
    }

    public Builder options(DispatcherOptions value) {
      this.options = Objects.requireNonNull(value, "options == null");
      return this;
    }

    /**
     * The name it holds leases under: unique per instance, at most 100 characters (e.g. host and
     * process id).
     */
    public Builder owner(String value) {
      this.owner = Objects.requireNonNull(value, "owner == null");
      return this;
    }

    /** Told of every settlement after it committed; default none. */
    public Builder listener(PayScoreListener value) {
      this.listener = Objects.requireNonNull(value, "listener == null");
      return this;
    }

    /**
     * Runs the calls to WeChat (each a blocking call and its settlement), at most {@link
     * DispatcherOptions#concurrency()} at a time: e.g. virtual threads, or an executor that carries
     * a tracing context. The caller owns it: {@link #close()} waits for this dispatcher's calls and
     * never shuts it down. Default: a fixed pool of {@code concurrency} daemon threads ({@code
     * payscore-sender-N}) of the dispatcher's own.
     */
    public Builder executor(Executor value) {
      this.executor = Objects.requireNonNull(value, "executor == null");
      return this;
    }

    /** Recovery-point hooks: tests stop a dispatcher at an exact point of an attempt. */
    Builder checkpoints(Checkpoints value) {
      this.checkpoints = Objects.requireNonNull(value, "checkpoints == null");
      return this;
    }

    /** A dispatcher given no merchants claims nothing. */
    public CompletionDispatcher build() {
      return new CompletionDispatcher(this);
    }
  }

  /** The merchants whose intents this instance claims. */
  public List<MerchantId> merchants() {
    return merchants;
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
        callersExecutor != null
            ? new BorrowedExecutor(callersExecutor, slots, options.concurrency())
            : Executors.newFixedThreadPool(
                options.concurrency(), r -> daemon(r, "payscore-sender-" + threads.incrementAndGet()));
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
    close(options.shutdownGrace());
  }

  /**
   * As {@link #close()}, within {@code timeout} all told: the claim loop's exit and the calls in
   * flight share it, so a stop never takes longer (a call still in flight then keeps its lease until
   * it expires).
   */
  public void close(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout == null");
    long deadline = System.nanoTime() + timeout.toNanos();
    Thread thread;
    ExecutorService pool;
    synchronized (this) {
      stopping = true;
      thread = loop;
      pool = senders;
    }
    wakeUp();
    if (thread == null || pool == null) {
      timer.shutdownNow();
      return;
    }
    thread.interrupt(); // it waits only for a free slot or a wake-up
    try {
      thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      pool.shutdown();
      if (!pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        LOG.warn("{} calls still in flight at shutdown; their leases will expire", inFlight.get());
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    } finally {
      timer.shutdownNow();
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
          // One line when the database goes away, one when it is back: a restart is expected.
          if (claimFailures++ == 0) {
            LOG.warn("claiming due intents failed; trying again every {}: {}", poll(), e.toString());
          } else {
            LOG.debug("claiming due intents failed again: {}", e.toString());
          }
          awaitWakeUp(poll());
          continue;
        }
        if (claimFailures > 0) {
          LOG.info("claiming works again after {} failed tries", claimFailures);
          claimFailures = 0;
        }
        slots.release(want - claimed.size());
        for (CompletionIntent intent : claimed) {
          inFlight.incrementAndGet();
          try {
            pool.execute(() -> processClaimed(intent));
          } catch (RejectedExecutionException e) {
            // a caller's executor refused it (or we are stopping): the lease expires, nobody waits
            inFlight.decrementAndGet();
            slots.release();
            LOG.warn("the executor refused intent {}; its lease will expire", intent.id());
          }
        }
        if (claimed.size() < want) {
          // Polling is the floor, at least every heartbeat: nothing wakes anyone when a lease
          // expires, so this finds an expired lease within one heartbeat. When the send rate is
          // what stopped the claim, the next permit.
          Duration permit = limiter.untilNextPermit(merchants, clock.instant());
          awaitWakeUp(permit.isZero() ? poll() : min(permit, poll()));
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
      AttemptRunner.Processed processed = worker.process(intent, stopping);
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
    try {
      timer.schedule(this::wakeUp, Math.max(1, after.toMillis()), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing: nothing needs waking any more
    }
  }

  /**
   * Claims at most {@code limit} due intents, and of each merchant at most the permits its send
   * rate has now: permits are taken first and what the claim did not use is given back, so an
   * intent is never claimed only to be released for want of a permit. In the claim's transaction,
   * the attempts that dispatchers left without an outcome (their leases expired) are audited, and so
   * are the intents set aside for being claimed too often; the listener hears of those after the
   * commit.
   */
  private List<CompletionIntent> claim(int limit) {
    Instant now = clock.instant();
    Map<MerchantId, Integer> permits = limiter.reserve(merchants, limit, now);
    permits.forEach(
        (mchid, n) -> {
          if (n == 0) {
            listener.rateLimited(mchid, limiter.untilNextPermit(List.of(mchid), now));
          }
        });
    ClaimBatch batch;
    try {
      batch =
          permits.values().stream().allMatch(n -> n == 0)
              ? ClaimBatch.EMPTY
              : transactions.inTransaction(
                  repos -> {
                    ClaimBatch claimed =
                        repos
                            .intents()
                            .claimDue(owner, options.lease(), permits, limit, options.maxClaims());
                    List<AuditEntry> entries = new ArrayList<>();
                    claimed.leased().forEach(c -> entries.addAll(Settlement.claimed(c, false, actor)));
                    claimed.setAside().forEach(c -> entries.addAll(Settlement.claimed(c, true, actor)));
                    repos.audit().appendAll(entries);
                    return claimed;
                  });
    } catch (RuntimeException e) {
      permits.forEach(limiter::refund);
      throw e;
    }
    List<CompletionIntent> claimed = batch.intents();
    Map<MerchantId, Integer> unused = new HashMap<>(permits);
    claimed.forEach(i -> unused.merge(i.mchid(), -1, Integer::sum));
    unused.forEach(limiter::refund);
    for (ClaimedIntent aside : batch.setAside()) {
      CompletionIntent intent = aside.intent();
      LOG.warn(
          "{} of {} needs attention: {} (intent {})",
          intent.kind(),
          intent.outOrderNo(),
          intent.lastError(),
          intent.id());
      listener.intentNeedsAttention(intent, Objects.requireNonNullElse(intent.lastError(), ""));
    }
    return claimed;
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

  /** The polling floor: the poll interval, or the heartbeat if that is shorter. */
  private Duration poll() {
    return min(options.pollInterval(), options.heartbeat());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }
}
