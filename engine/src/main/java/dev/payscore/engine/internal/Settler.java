package dev.payscore.engine.internal;

import dev.payscore.CompletionIntent;
import dev.payscore.DispatcherOptions;
import dev.payscore.IntentStatus;
import dev.payscore.PayScoreListener;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.CompletionIntents;
import dev.payscore.domain.port.out.OrderKey;
import dev.payscore.domain.port.out.Repositories;
import dev.payscore.domain.port.out.StaleWriteException;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.domain.settlement.Settlement;
import dev.payscore.domain.settlement.SettlementPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies settlement plans: plans an attempt with {@link Settlement} from what is stored, writes
 * the plan (intent fenced by the version taken at claim, order, audit entries) and tells the
 * listener after the commit.
 *
 * <p>Group settlement: the attempts that are ready at one moment (up to {@link #GROUP}) are applied
 * in one transaction, with one statement per table for all of them ({@link #applyAll}): one commit
 * (one WAL flush) instead of one per attempt. While groups are being written (up to {@link
 * #WRITERS} at once, so that one forms and writes while another waits for its commit), the
 * attempts that finish meanwhile queue up and form the next group, so groups grow with the load
 * and an attempt alone is written at once. Each member stays fenced by its own claim: a member whose claim was
 * lost meanwhile is left out of its group and retried alone, and a group whose transaction fails
 * is settled member by member, so no member ever fails another.
 */
public final class Settler {
  private static final Logger LOG = LoggerFactory.getLogger(Settler.class);
  private static final int SETTLE_TRIES = 5;
  private static final long FIRST_PAUSE_MS = 100;
  private static final long MAX_PAUSE_MS = 2_000;

  /** The most attempts settled in one transaction. */
  static final int GROUP = 64;

  private final Transactions transactions;
  private final Clock clock;
  private final Settlement.Rules rules;
  private final String actor;
  private final PayScoreListener listener;
  private final Duration storageWindow;

  /** How many groups are written at once: one can form and write while another commits. */
  static final int WRITERS = 4;

  /** Attempts waiting to be settled; a thread holding one of {@link #writers} takes a group. */
  private final ConcurrentLinkedQueue<Waiting> ready = new ConcurrentLinkedQueue<>();

  private final Semaphore writers = new Semaphore(WRITERS);

  /** Signalled when a group was written: its members are done, and a writer is free. */
  private final ReentrantLock written = new ReentrantLock();

  private final Condition groupWritten = written.newCondition();

  /** An attempt in {@link #ready}, and what became of it once its group was written. */
  private static final class Waiting {
    final Settlement.Attempt attempt;
    volatile boolean taken;
    volatile AttemptRunner.@Nullable Processed processed;

    Waiting(Settlement.Attempt attempt) {
      this.attempt = attempt;
    }
  }

  public Settler(
      Transactions transactions,
      Clock clock,
      RandomGenerator random,
      DispatcherOptions options,
      String owner,
      PayScoreListener listener) {
    this.transactions = Objects.requireNonNull(transactions, "transactions == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    Objects.requireNonNull(random, "random == null");
    this.rules =
        new Settlement.Rules(
            options.retry().maxAttempts(),
            options.retry().maxAge(),
            options.deductingWait(),
            attempts -> options.retry().delay(attempts, random));
    this.actor = "dispatcher:" + Objects.requireNonNull(owner, "owner == null");
    this.listener = PayScoreListener.guarded(listener);
    this.storageWindow = options.settleWindow();
  }

  /** What a plan stored: the intent as committed, or null when only the attempt was recorded. */
  public record Applied(SettlementPlan plan, @Nullable CompletionIntent intent) {}

  /**
   * Writes {@code plan} in {@code repos}' transaction: the intent fenced by its claim, the order,
   * the audit entries.
   *
   * @throws StaleWriteException if the claim was lost or the order changed meanwhile
   */
  public static Applied apply(Repositories repos, SettlementPlan plan) {
    CompletionIntent stored = null;
    CompletionIntent intent = plan.intent();
    if (intent != null) {
      stored = repos.intents().settle(intent, plan.dueIn());
    }
    ServiceOrder order = plan.order();
    if (order != null) {
      repos.orders().update(order);
    }
    repos.audit().appendAll(plan.audit());
    return new Applied(plan, stored);
  }

  /**
   * Settles {@code attempt}. The first try trusts the claimed copy; after a stale write (the order
   * changed meanwhile, or the claim was lost) it is planned again from fresh reads, where the fence
   * is checked first: a lost claim records only the attempt.
   *
   * <p>A database error that may pass (a connection broken by a restart, a terminated backend) is
   * tried again on a fresh connection, backing off from {@value #FIRST_PAUSE_MS} ms to {@value
   * #MAX_PAUSE_MS} ms, for up to {@code storageWindow}: WeChat's verified answer is kept as long as
   * the database comes back within it, instead of being thrown away and sent again after the
   * lease. Since a broken commit may have committed, a try after one first looks whether the
   * intent was already settled under this claim.
   */
  AttemptRunner.Processed settle(Settlement.Attempt attempt) {
    CompletionIntent claimed = attempt.claimed();
    long deadline = System.nanoTime() + storageWindow.toNanos();
    long pause = FIRST_PAUSE_MS;
    int stale = 0;
    boolean reread = false;
    SettlementPlan[] planned = new SettlementPlan[1];
    boolean mayHaveCommitted = false;
    while (true) {
      boolean fresh = reread;
      boolean checkCommitted = mayHaveCommitted;
      try {
        Applied applied =
            transactions.inTransaction(
                repos -> {
                  if (checkCommitted && planned[0] != null) {
                    Optional<CompletionIntent> mine = settledByThisClaim(repos, claimed);
                    if (mine.isPresent()) {
                      return new Applied(planned[0], mine.get());
                    }
                  }
                  CompletionIntent current =
                      fresh ? fenced(repos, claimed).orElse(null) : claimed;
                  ServiceOrder order =
                      repos.orders().find(claimed.mchid(), claimed.outOrderNo()).orElse(null);
                  SettlementPlan plan = plan(attempt, current, order, clock.instant());
                  planned[0] = plan;
                  return apply(repos, plan);
                });
        return after(applied);
      } catch (StaleWriteException e) {
        if (++stale >= SETTLE_TRIES) {
          LOG.warn(
              "intent {} ({}) still contended after {} tries; its lease will expire",
              claimed.id(),
              claimed.outOrderNo(),
              stale);
          return AttemptRunner.Processed.of(AttemptRunner.Result.LOST);
        }
        LOG.debug(
            "stale write settling intent {} ({}); reloading", claimed.id(), claimed.outOrderNo());
        reread = true;
      } catch (RuntimeException e) {
        if (!StorageTrouble.isTransient(e)
            || System.nanoTime() + pause * 1_000_000 > deadline) {
          // Nothing more to do here: the lease expires and the next attempt's query settles it.
          LOG.warn(
              "could not settle intent {} ({}); its lease will expire: {}",
              claimed.id(),
              claimed.outOrderNo(),
              e.toString());
          return AttemptRunner.Processed.of(AttemptRunner.Result.LOST);
        }
        LOG.debug(
            "settling intent {} ({}) met a database error; trying again in {} ms: {}",
            claimed.id(),
            claimed.outOrderNo(),
            pause,
            e.toString());
        if (!sleep(pause)) {
          return AttemptRunner.Processed.of(AttemptRunner.Result.LOST);
        }
        pause = Math.min(MAX_PAUSE_MS, pause * 2);
        reread = true;
        mayHaveCommitted = true;
      }
    }
  }

  /**
   * The intent as this claim's own settlement left it, if an earlier try committed although its
   * connection broke: one version past the claim and out of IN_FLIGHT. Nobody else moves an
   * IN_FLIGHT row that way (a takeover keeps it IN_FLIGHT).
   */
  private static Optional<CompletionIntent> settledByThisClaim(
      Repositories repos, CompletionIntent claimed) {
    return repos
        .intents()
        .find(claimed.id())
        .filter(i -> i.version() == claimed.version() + 1 && i.status() != IntentStatus.IN_FLIGHT);
  }

  private static boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Writes {@code plans} in {@code repos}' transaction, one statement per table for all of them:
   * the intents, each fenced by its own claim; then the orders of the plans whose intent was
   * written (the caller holds their row locks, {@code ServiceOrders.lockAll}); then the audit
   * entries of those plans and of the plans that only record an attempt.
   *
   * @return per plan, in order, what it stored; null where the intent was at another version (the
   *     claim was lost): nothing of that plan was written
   * @throws StaleWriteException if an order changed meanwhile (the caller did not lock it); the
   *     transaction must be rolled back
   */
  public static List<@Nullable Applied> applyAll(Repositories repos, List<SettlementPlan> plans) {
    List<CompletionIntents.Settle> settles = new ArrayList<>();
    for (SettlementPlan plan : plans) {
      CompletionIntent intent = plan.intent();
      if (intent != null) {
        settles.add(new CompletionIntents.Settle(intent, plan.dueIn()));
      }
    }
    Iterator<Optional<CompletionIntent>> stored =
        repos.intents().settleAll(settles).iterator();
    List<@Nullable Applied> applied = new ArrayList<>(plans.size());
    List<ServiceOrder> orders = new ArrayList<>();
    List<AuditEntry> audit = new ArrayList<>();
    for (SettlementPlan plan : plans) {
      CompletionIntent intent = null;
      if (plan.intent() != null) {
        intent = stored.next().orElse(null);
        if (intent == null) {
          applied.add(null);
          continue;
        }
      }
      if (plan.order() != null) {
        orders.add(plan.order());
      }
      audit.addAll(plan.audit());
      applied.add(new Applied(plan, intent));
    }
    repos.orders().updateAll(orders);
    repos.audit().appendAll(audit);
    return applied;
  }

  /**
   * Settles {@code attempt} together with whatever other attempts are ready at this moment (one
   * transaction for the group), and returns what became of it. Blocks while an earlier group is
   * being written; the thread that gets to write next writes for everybody waiting.
   */
  AttemptRunner.Processed settleInGroup(Settlement.Attempt attempt) {
    Waiting mine = new Waiting(attempt);
    ready.add(mine);
    while (true) {
      AttemptRunner.Processed processed = mine.processed;
      if (processed != null) {
        return processed;
      }
      // Only an attempt still queued needs a writer; one a writer took waits for its group.
      if (!mine.taken && writers.tryAcquire()) {
        boolean wrote = false;
        try {
          List<Waiting> group = new ArrayList<>();
          for (Waiting w; group.size() < GROUP && (w = ready.poll()) != null; ) {
            w.taken = true;
            group.add(w);
          }
          if (!group.isEmpty()) {
            List<AttemptRunner.Processed> results =
                settleAll(group.stream().map(w -> w.attempt).toList());
            for (int i = 0; i < group.size(); i++) {
              group.get(i).processed = results.get(i);
            }
            wrote = true;
          }
        } finally {
          writers.release();
          if (wrote) {
            signalWritten();
          }
        }
      } else {
        awaitWritten(mine);
      }
    }
  }

  private void signalWritten() {
    written.lock();
    try {
      groupWritten.signalAll();
    } finally {
      written.unlock();
    }
  }

  /**
   * Waits until a group was written: {@code mine}, or another one, so that a writer is free for
   * {@code mine} if it is still queued (checked at least every 10 ms).
   */
  private void awaitWritten(Waiting mine) {
    written.lock();
    try {
      if (mine.processed == null && (mine.taken || writers.availablePermits() == 0)) {
        groupWritten.await(10, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // its group is written all the same; keep the flag
    } finally {
      written.unlock();
    }
  }

  /**
   * Settles {@code attempts} in one transaction: locks their orders (in key order), plans each from
   * its claimed copy and its order, and applies all plans with {@link #applyAll}. A member whose
   * claim was lost meanwhile is then settled alone ({@link #settle}, which finds the claim lost
   * and records only the attempt); if the group's transaction fails, nothing of it was written
   * and every member is settled alone.
   */
  List<AttemptRunner.Processed> settleAll(List<Settlement.Attempt> attempts) {
    if (attempts.size() == 1) {
      return List.of(settle(attempts.get(0)));
    }
    List<@Nullable Applied> applied;
    try {
      applied =
          transactions.inTransaction(
              repos -> {
                Map<OrderKey, ServiceOrder> orders = new HashMap<>();
                repos
                    .orders()
                    .lockAll(attempts.stream().map(a -> key(a.claimed())).toList())
                    .forEach(o -> orders.put(new OrderKey(o.mchid(), o.outOrderNo()), o));
                Instant now = clock.instant();
                List<SettlementPlan> plans = new ArrayList<>(attempts.size());
                for (Settlement.Attempt a : attempts) {
                  plans.add(plan(a, a.claimed(), orders.get(key(a.claimed())), now));
                }
                return applyAll(repos, plans);
              });
    } catch (RuntimeException e) {
      // Nothing of the group was written: a member the database refused, or storage trouble.
      // Each member alone, so that one member's trouble stays its own.
      LOG.debug(
          "settling a group of {} failed; settling each alone: {}", attempts.size(), e.toString());
      return attempts.stream().map(this::settle).toList();
    }
    List<AttemptRunner.Processed> processed = new ArrayList<>(attempts.size());
    for (int i = 0; i < attempts.size(); i++) {
      Applied one = applied.get(i);
      processed.add(one != null ? after(one) : settle(attempts.get(i)));
    }
    return processed;
  }

  /** The plan for {@code attempt}; an intent without its local order is a defect worth an ERROR. */
  private SettlementPlan plan(
      Settlement.Attempt attempt,
      @Nullable CompletionIntent current,
      @Nullable ServiceOrder order,
      Instant now) {
    CompletionIntent claimed = attempt.claimed();
    if (order == null) {
      LOG.error("no local order {} for intent {}", claimed.outOrderNo(), claimed.id());
    }
    return Settlement.plan(attempt, current, order, rules, actor, now);
  }

  private static OrderKey key(CompletionIntent intent) {
    return new OrderKey(intent.mchid(), intent.outOrderNo());
  }

  /** Gives {@code claimed} back unsent (shutdown): due at once, no attempt; fenced by the claim. */
  AttemptRunner.Processed release(CompletionIntent claimed) {
    try {
      transactions.inTransaction(
          repos -> apply(repos, Settlement.release(claimed, clock.instant())));
      LOG.debug("intent {} ({}) released at shutdown", claimed.id(), claimed.outOrderNo());
      return new AttemptRunner.Processed(AttemptRunner.Result.RELEASED, clock.instant());
    } catch (RuntimeException e) {
      LOG.debug("could not release intent {}; its lease will expire", claimed.id(), e);
      return AttemptRunner.Processed.of(AttemptRunner.Result.LOST);
    }
  }

  /** The intent as claimed, if the claim still stands: IN_FLIGHT at the version taken at claim. */
  private static Optional<CompletionIntent> fenced(Repositories repos, CompletionIntent claimed) {
    return repos
        .intents()
        .find(claimed.id())
        .filter(i -> i.status() == IntentStatus.IN_FLIGHT && i.version() == claimed.version());
  }

  /** Logs and tells the listener what a committed plan did. */
  private AttemptRunner.Processed after(Applied applied) {
    SettlementPlan plan = applied.plan();
    CompletionIntent stored = applied.intent();
    if (stored == null) {
      LOG.debug("an intent was taken over during its call; only the attempt was recorded");
      return AttemptRunner.Processed.of(AttemptRunner.Result.LOST);
    }
    SettlementPlan.Transition transition = plan.transition();
    if (transition != null) {
      listener.orderTransitioned(
          stored.mchid(), stored.outOrderNo(), transition.from(), transition.to(), transition.cause());
    }
    switch (stored.status()) {
      case SUCCEEDED -> {
        LOG.debug("{} of {} succeeded (intent {})", stored.kind(), stored.outOrderNo(), stored.id());
        listener.intentSettled(stored);
      }
      case FAILED -> {
        LOG.warn(
            "{} of {} failed for good: {} (intent {})",
            stored.kind(),
            stored.outOrderNo(),
            stored.lastError(),
            stored.id());
        listener.intentSettled(stored);
      }
      case NEEDS_ATTENTION -> {
        String reason = Objects.requireNonNullElse(plan.attention(), "needs attention");
        LOG.warn(
            "{} of {} needs attention: {} (intent {})",
            stored.kind(),
            stored.outOrderNo(),
            reason,
            stored.id());
        listener.intentNeedsAttention(stored, reason);
      }
      case PENDING -> {
        Instant next = clock.instant().plus(Objects.requireNonNull(plan.dueIn()));
        LOG.debug(
            "{} of {} retries in {} ms: {} (intent {})",
            stored.kind(),
            stored.outOrderNo(),
            plan.dueIn().toMillis(),
            stored.lastError(),
            stored.id());
        return new AttemptRunner.Processed(AttemptRunner.Result.RETRY_SCHEDULED, next);
      }
      default -> {
        // IN_FLIGHT or SUPERSEDED cannot come out of a plan.
      }
    }
    return AttemptRunner.Processed.of(AttemptRunner.Result.SETTLED);
  }
}
