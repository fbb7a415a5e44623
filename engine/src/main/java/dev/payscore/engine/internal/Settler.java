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

  private final Transactions transactions;
  private final Clock clock;
  private final Settlement.Rules rules;
  private final String actor;
  private final PayScoreListener listener;

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
   */
  AttemptRunner.Processed settle(Settlement.Attempt attempt) {
    CompletionIntent claimed = attempt.claimed();
    for (int tries = 1; ; tries++) {
      boolean reread = tries > 1;
      try {
        Applied applied =
            transactions.inTransaction(
                repos -> {
                  CompletionIntent current =
                      reread ? fenced(repos, claimed).orElse(null) : claimed;
                  ServiceOrder order =
                      repos.orders().find(claimed.mchid(), claimed.outOrderNo()).orElse(null);
                  if (order == null) {
                    LOG.error("no local order {} for intent {}", claimed.outOrderNo(), claimed.id());
                  }
                  return apply(
                      repos,
                      Settlement.plan(attempt, current, order, rules, actor, clock.instant()));
                });
        return after(applied);
      } catch (StaleWriteException e) {
        if (tries >= SETTLE_TRIES) {
          LOG.warn(
              "intent {} ({}) still contended after {} tries; its lease will expire",
              claimed.id(),
              claimed.outOrderNo(),
              tries);
          return AttemptRunner.Processed.of(AttemptRunner.Result.LOST);
        }
        LOG.debug(
            "stale write settling intent {} ({}); reloading", claimed.id(), claimed.outOrderNo());
      } catch (RuntimeException e) {
        // Storage trouble: nothing was written. The lease expires and the next attempt's query
        // settles it.
        LOG.warn(
            "could not settle intent {} ({}); its lease will expire: {}",
            claimed.id(),
            claimed.outOrderNo(),
            e.toString());
        return AttemptRunner.Processed.of(AttemptRunner.Result.LOST);
      }
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
