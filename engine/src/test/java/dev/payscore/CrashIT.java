package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.sandbox.Endpoint;
import dev.payscore.sandbox.FaultKind;
import dev.payscore.sandbox.FaultRule;
import dev.payscore.testing.database.TestDatabase;
import dev.payscore.wechat.WechatPayScoreGateway;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dispatcher in a separate JVM is killed ({@code kill -9}) again and again while it drains
 * intents against the sandbox; a survivor finishes. Every order is completed exactly once, with the
 * frozen body, and every intent succeeds.
 */
@Tag("postgres")
@Tag("http")
@ExtendWith(TestDatabase.class)
@Timeout(180)
final class CrashIT {
  private static final int ORDERS = 180;
  private static final int KILLS = 3;

  /** Short leases and calls, so a killed instance's intents come back within seconds. */
  static DispatcherOptions options() {
    return SandboxWorld.fastOptions()
        .withLease(Duration.ofSeconds(3))
        .withRateLimit(new RateLimit(2000, 100, 5));
  }

  @Test
  void killedDispatchersLeaveEveryOrderCompletedExactlyOnce(
      DataSource dataSource, @TempDir Path dir) throws Exception {
    TestDatabase.truncateAll();
    try (SandboxWorld world = new SandboxWorld(dataSource, SandboxWorld.config())) {
      world.sandbox.addFault(FaultRule.random(FaultKind.FAIL_AFTER_APPLY, Endpoint.COMPLETE, 0.05));
      world.sandbox.addFault(FaultRule.random(FaultKind.DROP_AFTER_APPLY, Endpoint.COMPLETE, 0.05));
      try (WechatPayScoreGateway gateway = world.gateway(Duration.ofSeconds(5))) {
        for (int i = 0; i < ORDERS; i++) {
          world.openOrder(gateway, "X-" + i);
        }
      }
      world.letTimePass();
      Completions completions =
          new Completions(
              world.transactions,
              world.clock(),
              new dev.payscore.domain.completion.CompletionValidator(world.clock()),
              null,
              () -> {});
      for (int i = 0; i < ORDERS; i++) {
        SandboxWorld.requested(completions.request(SandboxWorld.command("X-" + i, 700 + i)));
      }
      List<String> command = childCommand(world, dir);

      for (int kill = 1; kill <= KILLS; kill++) {
        long before = world.settled();
        Process child =
            new ProcessBuilder(with(command, "victim-" + kill))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("victim-" + kill + ".log").toFile())
                .start();
        Await.until(
            "progress of victim " + kill,
            Duration.ofSeconds(60),
            () -> world.settled() >= before + ORDERS / (KILLS + 2));
        child.destroyForcibly(); // SIGKILL: no shutdown hook, leases left behind
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
      }
      try (PayScore survivor =
          world
              .payScore(options())
              .callTimeout(Duration.ofSeconds(1))
              .instanceName("survivor")
              .build()) {
        survivor.start();
        Await.until("all settled", Duration.ofSeconds(90), () -> world.settled() == ORDERS);
      }

      for (int i = 0; i < ORDERS; i++) {
        world.assertCompletedExactlyOnce("X-" + i);
      }
    }
  }

  private static List<String> childCommand(SandboxWorld world, Path dir) throws Exception {
    Path wechatKey = secret(dir.resolve("wechat.pem"), world.sandbox.publicKeyPem());
    Path merchantKey =
        secret(
            dir.resolve("merchant.pem"),
            "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(SandboxWorld.credentials().privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(
        java,
        "-Xmx256m",
        "-XX:TieredStopAtLevel=1",
        "-cp",
        System.getProperty("java.class.path"),
        DispatcherProcess.class.getName(),
        TestDatabase.jdbcUrl(),
        world.sandbox.baseUrl() + "/",
        world.sandbox.backupBaseUrl() + "/",
        world.sandbox.publicKeyId(),
        wechatKey.toString(),
        merchantKey.toString());
  }

  private static Path secret(Path file, String text) throws Exception {
    Files.writeString(file, text, StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private static List<String> with(List<String> command, String name) {
    List<String> all = new java.util.ArrayList<>(command);
    all.add(name);
    return all;
  }
}
