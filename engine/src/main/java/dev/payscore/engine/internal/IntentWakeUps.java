package dev.payscore.engine.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes dispatchers when intents become due, without serializing anyone's commits: the dispatcher
 * in this JVM at once, the others by one {@code NOTIFY} per {@code debounce} window, sent on a
 * connection of its own outside every merchant transaction. (A NOTIFY inside a transaction takes
 * PostgreSQL's global notification lock at its commit and holds it through the WAL flush, so
 * transactions that notify commit one at a time.) Polling stays the floor: a lost wake-up delays an
 * intent by at most one poll interval.
 *
 * <p>An intent recorded in the caller's own transaction becomes visible only when the caller
 * commits, which we do not see: the local dispatcher is woken shortly after the request returns
 * (after {@link #CHASE}), and the NOTIFY goes out after the last of those.
 */
public final class IntentWakeUps implements AutoCloseable {
  /** When the local dispatcher looks again after a request in the caller's transaction. */
  public static final List<Duration> CHASE = List.of(Duration.ofMillis(20), Duration.ofMillis(200));

  private static final Logger LOG = LoggerFactory.getLogger(IntentWakeUps.class);

  private final DataSource dataSource;
  private final String channel;
  private final Runnable local;
  private final Duration debounce;
  private final ScheduledExecutorService timer;
  private final AtomicBoolean notifyPending = new AtomicBoolean();
  private final AtomicBoolean warned = new AtomicBoolean();

  public IntentWakeUps(DataSource dataSource, String channel, Runnable local, Duration debounce) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
    this.channel = Objects.requireNonNull(channel, "channel == null");
    this.local = Objects.requireNonNull(local, "local == null");
    this.debounce = Objects.requireNonNull(debounce, "debounce == null");
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "payscore-wake-ups");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Intents were committed (recorded, retried or given back): wake dispatchers. */
  public void committed() {
    local.run();
    notifyOthers(debounce);
  }

  /** An intent was recorded in a transaction the caller commits later. */
  public void recordedInCallerTransaction() {
    for (Duration after : CHASE) {
      schedule(local, after);
    }
    notifyOthers(CHASE.get(CHASE.size() - 1).plus(debounce));
  }

  private void notifyOthers(Duration after) {
    if (notifyPending.compareAndSet(false, true)) {
      schedule(this::sendNotify, after);
    }
  }

  private void sendNotify() {
    notifyPending.set(false);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, '')")) {
        s.setString(1, channel);
        s.execute();
      }
      warned.set(false);
    } catch (SQLException | RuntimeException e) {
      // Other instances find the intents at their next poll.
      if (warned.compareAndSet(false, true)) {
        LOG.warn("could not notify other dispatchers ({}); they poll", e.toString());
      }
    }
  }

  private void schedule(Runnable task, Duration after) {
    try {
      timer.schedule(task, Math.max(1, after.toMillis()), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closed
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
