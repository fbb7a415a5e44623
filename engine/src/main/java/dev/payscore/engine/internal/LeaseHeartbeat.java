package dev.payscore.engine.internal;

import dev.payscore.CompletionIntent;
import dev.payscore.domain.port.out.Transactions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the lease of a claimed intent while its call or query is in flight, every {@code every},
 * so that a lease can be short (another instance takes over a dead dispatcher's intents soon) and
 * still never expire under a slow call. Each renewal is fenced by the version taken at claim: once
 * another dispatcher took the intent over, renewing fails and the beat reports the claim lost.
 */
public final class LeaseHeartbeat {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseHeartbeat.class);

  private final Transactions transactions;
  private final ScheduledExecutorService timer;
  private final Duration lease;
  private final Duration every;

  public LeaseHeartbeat(
      Transactions transactions, ScheduledExecutorService timer, Duration lease, Duration every) {
    this.transactions = Objects.requireNonNull(transactions, "transactions == null");
    this.timer = Objects.requireNonNull(timer, "timer == null");
    this.lease = Objects.requireNonNull(lease, "lease == null");
    this.every = Objects.requireNonNull(every, "every == null");
  }

  /** Starts renewing {@code claimed}'s lease; close the beat when the call and query are done. */
  public Beat start(CompletionIntent claimed) {
    return new Beat(claimed);
  }

  /** The renewals of one claim. */
  public final class Beat implements AutoCloseable {
    private final CompletionIntent claimed;
    private final AtomicBoolean lost = new AtomicBoolean();
    private final ScheduledFuture<?> renewals;

    private Beat(CompletionIntent claimed) {
      this.claimed = claimed;
      long millis = Math.max(1, every.toMillis());
      this.renewals =
          timer.scheduleWithFixedDelay(this::renew, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void renew() {
      if (lost.get()) {
        return;
      }
      try {
        if (!transactions.inTransaction(repos -> repos.intents().renewLease(claimed, lease))) {
          lost.set(true);
          LOG.debug(
              "lease of intent {} ({}) lost during its call", claimed.id(), claimed.outOrderNo());
        }
      } catch (RuntimeException e) {
        // The database is away (the claim loop says so once): the lease may run out; fencing
        // keeps a late settlement out.
        LOG.debug(
            "could not renew the lease of intent {} ({}): {}",
            claimed.id(),
            claimed.outOrderNo(),
            e.toString());
      }
    }

    /** Whether a renewal found the claim gone (taken over or settled by someone else). */
    public boolean lost() {
      return lost.get();
    }

    @Override
    public void close() {
      renewals.cancel(false);
    }
  }
}
