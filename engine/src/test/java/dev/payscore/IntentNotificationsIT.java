package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.payscore.engine.internal.IntentWakeUps;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * LISTEN/NOTIFY on the local PostgreSQL, in a database of its own (notifications are per database,
 * and other builds share the server): a notification wakes the callback; a reconnect catches up.
 */
@Tag("postgres")
final class IntentNotificationsIT {
  private static final String DATABASE = "payscore_notify_" + Long.toHexString(System.nanoTime());
  private static final String APPLICATION = "payscore-notify-it-" + ProcessHandle.current().pid();

  @BeforeAll
  static void createDatabase() throws Exception {
    try (Connection c = source("postgres").getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + DATABASE);
    }
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    try (Connection c = source("postgres").getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }
  }

  private static PGSimpleDataSource source(String database) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL("jdbc:postgresql://127.0.0.1:5432/" + database);
    dataSource.setUser("postgres");
    dataSource.setApplicationName(APPLICATION);
    return dataSource;
  }

  private static PGSimpleDataSource postgres() {
    return source(DATABASE);
  }

  @Test
  void aNotificationOnTheChannelRunsTheCallback() throws Exception {
    PGSimpleDataSource dataSource = postgres();
    List<String> events = new CopyOnWriteArrayList<>();
    Semaphore calls = new Semaphore(0);
    try (IntentNotifications listener =
        new IntentNotifications(
            dataSource,
            () -> {
              events.add("woken");
              calls.release();
            })) {
      listener.start();
      assertThat(calls.tryAcquire(10, TimeUnit.SECONDS)).as("catch-up after connecting").isTrue();

      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        events.add("notified");
        s.execute("NOTIFY " + IntentNotifications.CHANNEL + ", 'intent'");
      }

      assertThat(calls.tryAcquire(10, TimeUnit.SECONDS)).as("woken by the NOTIFY").isTrue();
    }
    assertThat(events).containsExactly("woken", "notified", "woken");
  }

  @Test
  void aPooledConnectionListensToo() throws Exception {
    Semaphore calls = new Semaphore(0);
    try (HikariDataSource pool = new HikariDataSource()) {
      pool.setDataSource(postgres());
      pool.setMaximumPoolSize(2);
      try (IntentNotifications listener = new IntentNotifications(pool, calls::release)) {
        listener.start();
        assertThat(calls.tryAcquire(10, TimeUnit.SECONDS)).isTrue();

        try (Connection c = pool.getConnection();
            Statement s = c.createStatement()) {
          s.execute("NOTIFY " + IntentNotifications.CHANNEL);
        }

        assertThat(calls.tryAcquire(10, TimeUnit.SECONDS)).as("woken through the pool").isTrue();
      }
    }
  }

  @Test
  void aBrokenConnectionIsReplacedAndCatchesUp() throws Exception {
    PGSimpleDataSource dataSource = postgres();
    Semaphore calls = new Semaphore(0);
    try (IntentNotifications listener =
        new IntentNotifications(dataSource, calls::release, java.time.Duration.ofMillis(50))) {
      listener.start();
      assertThat(calls.tryAcquire(10, TimeUnit.SECONDS)).isTrue();

      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        s.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE application_name = '"
                + APPLICATION
                + "' AND datname = '"
                + DATABASE
                + "'"
                + " AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()");
      }

      assertThat(calls.tryAcquire(10, TimeUnit.SECONDS)).as("catch-up after reconnecting").isTrue();
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        s.execute("NOTIFY " + IntentNotifications.CHANNEL);
      }
      assertThat(calls.tryAcquire(10, TimeUnit.SECONDS)).as("woken on the new connection").isTrue();
    }
  }

  @Test
  void committedIntentsWakeOtherInstancesWithOneNotifyPerWindow() throws Exception {
    PGSimpleDataSource dataSource = postgres();
    Semaphore remote = new Semaphore(0);
    AtomicInteger local = new AtomicInteger();
    try (IntentNotifications listener = new IntentNotifications(dataSource, remote::release);
        IntentWakeUps wakeUps =
            new IntentWakeUps(
                dataSource,
                IntentNotifications.CHANNEL,
                local::incrementAndGet,
                java.time.Duration.ofMillis(200))) {
      listener.start();
      assertThat(remote.tryAcquire(10, TimeUnit.SECONDS)).as("catch-up after connecting").isTrue();

      for (int i = 0; i < 50; i++) {
        wakeUps.committed();
      }

      assertThat(local).hasValue(50);
      assertThat(remote.tryAcquire(10, TimeUnit.SECONDS)).as("woken by the NOTIFY").isTrue();
      Thread.sleep(600);
      assertThat(remote.availablePermits()).as("one NOTIFY for the whole window").isZero();
    }
  }
}
