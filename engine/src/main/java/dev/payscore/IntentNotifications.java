package dev.payscore;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on PostgreSQL channel {@value #CHANNEL} (an instance that committed intents notifies it,
 * debounced and outside every merchant transaction) on a connection of its own, and runs {@code onNotify} for
 * each batch of notifications, so that a committed intent is sent at once instead of at the next
 * poll. {@code onNotify} also runs after every (re)connect, since notifications sent while no one
 * listened are lost; polling stays the fallback.
 *
 * <pre>{@code
 * IntentNotifications wakeUps = new IntentNotifications(dataSource, dispatcher::wakeUp);
 * wakeUps.start();
 * }</pre>
 */
public final class IntentNotifications implements AutoCloseable {
  /** The channel instances notify when intents became due. */
  public static final String CHANNEL = "payscore_intents";

  private static final Logger LOG = LoggerFactory.getLogger(IntentNotifications.class);
  private static final int WAIT_MILLIS = 500;

  private final DataSource dataSource;
  private final Runnable onNotify;
  private final Duration reconnectDelay;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean closed;
  private @Nullable Thread thread;

  public IntentNotifications(DataSource dataSource, Runnable onNotify) {
    this(dataSource, onNotify, Duration.ofSeconds(2));
  }

  /** With the pause between reconnection attempts after the connection broke. */
  public IntentNotifications(DataSource dataSource, Runnable onNotify, Duration reconnectDelay) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
    this.onNotify = Objects.requireNonNull(onNotify, "onNotify == null");
    this.reconnectDelay = Objects.requireNonNull(reconnectDelay, "reconnectDelay == null");
  }

  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    Thread listener = new Thread(this::run, "payscore-notify-listener");
    listener.setDaemon(true);
    thread = listener;
    listener.start();
  }

  private void run() {
    try {
      while (!closed) {
        try (Connection c = dataSource.getConnection()) {
          c.setAutoCommit(true);
          try (Statement statement = c.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
          }
          LOG.debug("listening on {}", CHANNEL);
          onNotify.run(); // catch up with whatever was notified while no one listened
          PGConnection pg = c.unwrap(PGConnection.class);
          while (!closed) {
            PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
            if (notifications != null && notifications.length > 0) {
              onNotify.run();
            }
          }
          try (Statement statement = c.createStatement()) {
            statement.execute("UNLISTEN *"); // a pooled connection goes back clean
          }
        } catch (SQLException | RuntimeException e) {
          if (closed) {
            return;
          }
          LOG.warn(
              "listening on {} failed; reconnecting after {}: {}",
              CHANNEL,
              reconnectDelay,
              e.toString());
          if (stopped.await(reconnectDelay.toMillis(), TimeUnit.MILLISECONDS)) {
            return;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops listening; the connection is closed within half a second (the wait for notifications).
   */
  @Override
  public void close() {
    closed = true;
    stopped.countDown();
    Thread listener;
    synchronized (this) {
      listener = thread;
    }
    if (listener != null) {
      try {
        listener.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
