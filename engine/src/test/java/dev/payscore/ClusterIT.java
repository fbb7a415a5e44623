package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.payscore.sandbox.Endpoint;
import dev.payscore.sandbox.FaultKind;
import dev.payscore.sandbox.FaultRule;
import dev.payscore.testing.database.TestDatabase;
import dev.payscore.wechat.WechatPayScoreGateway;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two engine instances on one database drain many completions against the sandbox with faults
 * injected: no order is completed twice, none is left unsettled, every settled intent has its audit
 * trail, and local states equal WeChat's. A second run kills every database connection several
 * times while draining.
 */
@Tag("postgres")
@Tag("http")
@ExtendWith(TestDatabase.class)
@Timeout(180)
final class ClusterIT {
  private final List<AutoCloseable> closing = new ArrayList<>();
  private SandboxWorld world;
  private HikariDataSource pool;

  @BeforeEach
  void start(DataSource dataSource) {
    TestDatabase.truncateAll();
    pool = new HikariDataSource();
    pool.setDataSource(dataSource);
    pool.setMaximumPoolSize(30);
    pool.setConnectionTimeout(5_000);
    world = new SandboxWorld(pool, SandboxWorld.config());
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    world.close();
    pool.close();
  }

  @Test
  void twoInstancesDrainThousandIntentsWithFaultsExactlyOnce() throws Exception {
    int n = 1000;
    open(n, i -> "K-" + i);
    for (FaultKind kind :
        List.of(
            FaultKind.FAIL_BEFORE_APPLY,
            FaultKind.FAIL_AFTER_APPLY,
            FaultKind.DROP_AFTER_APPLY,
            FaultKind.THROTTLE,
            FaultKind.BROKEN_SIGNATURE)) {
      world.sandbox.addFault(FaultRule.random(kind, Endpoint.COMPLETE, 0.04));
    }
    world.sandbox.addFault(FaultRule.random(FaultKind.FAIL_BEFORE_APPLY, Endpoint.QUERY, 0.05));
    PayScore one = instance("one");
    PayScore two = instance("two");

    requestAll(one, n, i -> "K-" + i);
    awaitAllSettled(n);

    assertExactlyOnceEach(n, i -> "K-" + i);
    Set<String> actors = new HashSet<>();
    for (int i = 0; i < n; i++) {
      history("K-" + i).stream()
          .filter(e -> e.entry().type() == AuditEventType.COMPLETION_ATTEMPTED)
          .forEach(e -> actors.add(e.entry().actor()));
    }
    assertThat(actors)
        .containsExactlyInAnyOrder(
            "dispatcher:" + one.instanceName(), "dispatcher:" + two.instanceName());
  }

  @Test
  void killedDatabaseConnectionsLoseAndDuplicateNothing() throws Exception {
    int n = 300;
    open(n, i -> "L-" + i);
    world.sandbox.addFault(FaultRule.random(FaultKind.FAIL_AFTER_APPLY, Endpoint.COMPLETE, 0.05));
    PayScore one = instance("one");
    PayScore two = instance("two");

    requestAll(one, n, i -> "L-" + i);
    for (int cut : new int[] {n / 5, n / 2, 4 * n / 5}) {
      Await.until(cut + " settled", Duration.ofSeconds(60), () -> world.settled() >= cut);
      assertThat(killConnections()).isPositive();
    }
    awaitAllSettled(n);

    assertExactlyOnceEach(n, i -> "L-" + i);
    assertThat(one.instanceName()).isNotEqualTo(two.instanceName());
  }

  private PayScore instance(String name) {
    DispatcherOptions options =
        SandboxWorld.fastOptions()
            .withLease(Duration.ofSeconds(5))
            .withRateLimit(new RateLimit(2000, 100, 5));
    PayScore payScore =
        world
            .payScore(options)
            .callTimeout(Duration.ofSeconds(2))
            .instanceName(name + "-" + System.nanoTime())
            .build();
    closing.add(payScore);
    payScore.start();
    return payScore;
  }

  private void open(int n, IntFunction<String> name) throws Exception {
    try (WechatPayScoreGateway gateway = world.gateway(Duration.ofSeconds(5))) {
      inParallel(n, i -> world.openOrder(gateway, name.apply(i)));
    }
    world.letTimePass();
  }

  /** Requests all completions from 4 threads, as an application's request threads would. */
  private void requestAll(PayScore payScore, int n, IntFunction<String> name) throws Exception {
    inParallel(
        n,
        i ->
            SandboxWorld.requested(
                payScore.completions().request(SandboxWorld.command(name.apply(i), 100 + i))));
  }

  private static void inParallel(int n, IntConsumer task) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        done.add(threads.submit(() -> task.accept(index)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      threads.shutdown();
    }
  }

  /** How many intents are settled; -1 while the test's own connection is being replaced. */
  private void awaitAllSettled(int n) {
    Await.until("all " + n + " settled", Duration.ofSeconds(120), () -> world.settled() == n);
  }

  private List<AuditEvent> history(String no) {
    return world.transactions.inTransaction(
        repos -> repos.history().ofOrder(SandboxWorld.MCHID, OutOrderNo.of(no)));
  }

  private void assertExactlyOnceEach(int n, IntFunction<String> name) {
    for (int i = 0; i < n; i++) {
      world.assertCompletedExactlyOnce(name.apply(i));
    }
  }

  /** Terminates every other connection to the test database: pools and listeners must recover. */
  private int killConnections() throws Exception {
    try (Connection c = TestDatabase.dataSource().getConnection();
        Statement s = c.createStatement()) {
      try (var rows =
          s.executeQuery(
              "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                  + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }
}
