package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.payscore.engine.internal.Checkpoints;
import dev.payscore.migrations.PayscoreMigrations;
import dev.payscore.sandbox.Endpoint;
import dev.payscore.sandbox.FaultKind;
import dev.payscore.sandbox.FaultRule;
import dev.payscore.wechat.WechatPayScoreGateway;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL itself is restarted (a PostgreSQL 15 of this test's own, started with Debian's
 * binaries) while two engine instances drain intents against the sandbox: they recover, and every
 * order is completed exactly once. Skipped where those binaries or {@code runuser} are missing.
 */
@Tag("postgres")
@Tag("http")
@Timeout(180)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
final class PostgresRestartIT {
  private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  private static final int ORDERS = 200;

  private static Path dir;
  private static int port;

  @BeforeAll
  static void startPostgres() throws Exception {
    assumeTrue(Files.isExecutable(BIN.resolve("pg_ctl")), "no PostgreSQL 15 binaries");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runuser")), "no runuser");
    dir = Files.createTempDirectory("payscore-pg-restart");
    run("chown", "postgres", dir.toString());
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    asPostgres(BIN.resolve("initdb").toString(), "-D", data(), "-A", "trust", "-U", "postgres");
    pgCtl("start");
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (dir == null) {
      return;
    }
    asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w", "stop");
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  @org.junit.jupiter.api.Order(1) // counts every intent of the database: before the test below
  void aRestartOfPostgresLosesAndDuplicatesNothing() throws Exception {
    PGSimpleDataSource direct = new PGSimpleDataSource();
    direct.setURL("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres");
    PayscoreMigrations.migrate(direct);
    List<AutoCloseable> closing = new ArrayList<>();
    try (HikariDataSource pool = new HikariDataSource()) {
      pool.setDataSource(direct);
      pool.setMaximumPoolSize(20);
      pool.setConnectionTimeout(10_000);
      try (SandboxWorld world = new SandboxWorld(pool, SandboxWorld.config())) {
        try (WechatPayScoreGateway gateway = world.gateway(Duration.ofSeconds(5))) {
          for (int i = 0; i < ORDERS; i++) {
            world.openOrder(gateway, "PG-" + i);
          }
        }
        world.letTimePass();
        world.sandbox.addFault(
            FaultRule.random(FaultKind.FAIL_AFTER_APPLY, Endpoint.COMPLETE, 0.05));
        // Slow enough that the restart lands mid-drain: 4 calls in flight, 20 ms each at least.
        world.sandbox.addFault(FaultRule.delay(Endpoint.COMPLETE, Duration.ofMillis(20)));
        DispatcherOptions options = CrashIT.options().withConcurrency(2).withBatchSize(2);
        for (String name : List.of("one", "two")) {
          PayScore payScore =
              world.payScore(options).callTimeout(Duration.ofSeconds(1)).instanceName(name).build();
          closing.add(payScore);
        }
        Completions completions = ((PayScore) closing.get(0)).completions();
        for (int i = 0; i < ORDERS; i++) {
          SandboxWorld.requested(completions.request(SandboxWorld.command("PG-" + i, 900 + i)));
        }
        closing.forEach(p -> ((PayScore) p).start());

        Await.until("a third settled", Duration.ofSeconds(60), () -> world.settled() >= ORDERS / 3);
        long atRestart = world.settled();
        pgCtl("restart");
        Await.until("all settled", Duration.ofSeconds(120), () -> world.settled() == ORDERS);

        assertThat(atRestart).as("settled when PostgreSQL restarted").isLessThan(ORDERS);
        for (int i = 0; i < ORDERS; i++) {
          world.assertCompletedExactlyOnce("PG-" + i);
        }
      } finally {
        for (AutoCloseable c : closing) {
          c.close();
        }
      }
    }
  }

  /**
   * WeChat's verified answer is kept when PostgreSQL stops right after it arrived and is back two
   * seconds later: the settlement tries again on a fresh connection instead of leaving the intent
   * to its lease (and a second call).
   */
  @Test
  @org.junit.jupiter.api.Order(2)
  void aVerifiedAnswerIsKeptWhenPostgresRestartsWhileSettling() throws Exception {
    PGSimpleDataSource direct = new PGSimpleDataSource(); // a fresh connection every transaction
    direct.setURL("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres");
    direct.setConnectTimeout(2);
    PayscoreMigrations.migrate(direct);
    try (SandboxWorld world = new SandboxWorld(direct, SandboxWorld.config())) {
      try (WechatPayScoreGateway gateway = world.gateway(Duration.ofSeconds(5))) {
        world.openOrder(gateway, "MID-1");
      }
      world.letTimePass();
      Completions completions =
          new Completions(
              world.transactions,
              world.clock(),
              new dev.payscore.domain.completion.CompletionValidator(world.clock()),
              null,
              () -> {});
      SandboxWorld.requested(completions.request(SandboxWorld.command("MID-1", 500)));
      List<Thread> restarts = new ArrayList<>();
      Checkpoints stopAfterTheAnswer =
          (stage, intent) -> {
            if (stage == Checkpoints.Stage.DECIDED) {
              pgCtlUnchecked("stop");
              Thread restart =
                  new Thread(
                      () -> {
                        sleep(Duration.ofSeconds(2));
                        pgCtlUnchecked("start");
                      });
              restart.start();
              restarts.add(restart);
            }
          };
      try (WechatPayScoreGateway gateway = world.gateway(Duration.ofSeconds(5));
          CompletionDispatcher dispatcher =
              CompletionDispatcher.builder(world.transactions, gateway)
                  .merchants(java.util.Set.of(SandboxWorld.MCHID))
                  .options(CrashIT.options())
                  .owner("settler")
                  .checkpoints(stopAfterTheAnswer)
                  .build()) {
        assertThat(dispatcher.runOnce()).isEqualTo(1);
      } finally {
        for (Thread restart : restarts) {
          restart.join();
        }
      }

      assertThat(world.intent("MID-1").status()).isEqualTo(IntentStatus.SUCCEEDED);
      assertThat(world.intent("MID-1").attempts()).isEqualTo(1);
      world.assertCompletedExactlyOnce("MID-1");
    }
  }

  private static void pgCtlUnchecked(String action) {
    try {
      pgCtl(action);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String data() {
    return dir.resolve("data").toString();
  }

  private static void pgCtl(String action) throws Exception {
    asPostgres(
        BIN.resolve("pg_ctl").toString(),
        "-D",
        data(),
        "-l",
        dir.resolve("log").toString(),
        "-m",
        "fast",
        "-w",
        "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
        action);
  }

  private static void asPostgres(String... command) throws Exception {
    List<String> all = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", "postgres", "--"));
    all.addAll(List.of(command));
    run(all.toArray(String[]::new));
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }
}
