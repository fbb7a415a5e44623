package dev.payscore.engine.internal;

import dev.payscore.CompletionIntent;
import dev.payscore.DispatcherOptions;
import dev.payscore.IntentStatus;
import dev.payscore.PayScoreListener;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.Repositories;
import dev.payscore.domain.port.out.StaleWriteException;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.domain.settlement.Settlement;
import dev.payscore.domain.settlement.SettlementPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies settlement plans: plans an attempt with {@link Settlement} from what is stored, writes
 * the plan in one transaction (intent fenced by the version taken at claim, order, audit entries)
 * and tells the listener after the commit. {@link #apply} writes one plan in the caller's
 * transaction and names only the plan's own rows, so that many plans can be applied in one
 * transaction.
 */
public final class Settler {
  private static final Logger LOG = LoggerFactory.getLogger(Settler.class);
  private static final int SETTLE_TRIES = 5;
  private static final long FIRST_PAUSE_MS = 100;
  private static final long MAX_PAUSE_MS = 2_000;

  private final Transactions transactions;
  private final Clock clock;
  private final Settlement.Rules rules;
  private final String actor;
  private final PayScoreListener listener;
  private final Duration storageWindow;

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
                  if (order == null) {
                    LOG.error("no local order {} for intent {}", claimed.outOrderNo(), claimed.id());
                  }
                  SettlementPlan plan =
                      Settlement.plan(attempt, current, order, rules, actor, clock.instant());
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
