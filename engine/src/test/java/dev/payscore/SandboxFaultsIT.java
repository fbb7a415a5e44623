package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.domain.model.LifecycleState;
import dev.payscore.sandbox.Endpoint;
import dev.payscore.sandbox.FaultKind;
import dev.payscore.sandbox.FaultRule;
import dev.payscore.testing.database.TestDatabase;
import dev.payscore.wechat.WechatPayScoreGateway;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One completion per fault kind of the sandbox, through the facade on real PostgreSQL: the intent
 * succeeds, WeChat's ledger shows the completion applied exactly once with the frozen body, and the
 * local order's state is WeChat's.
 */
@Tag("postgres")
@Tag("http")
@ExtendWith(TestDatabase.class)
final class SandboxFaultsIT {
  private static SandboxWorld world;
  private static PayScore payScore;
  private static WechatPayScoreGateway gateway;

  @BeforeAll
  static void start(DataSource dataSource) {
    world = new SandboxWorld(dataSource, SandboxWorld.config());
    payScore = world.payScore(SandboxWorld.fastOptions()).build();
    payScore.start();
    gateway = world.gateway(java.time.Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    payScore.close();
    gateway.close();
    world.close();
  }

  @ParameterizedTest
  @CsvSource({
    "FAIL_BEFORE_APPLY, SERVER_ERROR",
    "FAIL_AFTER_APPLY, SERVER_ERROR",
    "DROP_AFTER_APPLY, CONNECTION_DROPPED",
    "THROTTLE, FREQUENCY_LIMITED",
    "BROKEN_SIGNATURE, UNVERIFIABLE_RESPONSE",
    "MAIN_HOST_UNAVAILABLE, SERVER_ERROR"
  })
  void completionSettlesExactlyOnceDespite(FaultKind kind, String firstOutcome) {
    String no = "F-" + kind.name().replace('_', '-');
    world.sandbox.addFault(FaultRule.scripted(kind, Endpoint.COMPLETE, no, 1));

    CompletionIntent intent = completeAndSettle(no, 1234);

    assertExactlyOnce(no, intent);
    assertThat(payScore.history().ofOrder(SandboxWorld.MCHID, OutOrderNo.of(no)))
        .filteredOn(e -> e.entry().type() == AuditEventType.COMPLETION_ATTEMPTED)
        .first()
        .satisfies(e -> assertThat(e.entry().wechatCode()).isEqualTo(firstOutcome));
  }

  @Test
  void completionSettlesExactlyOnceDespiteATimeout() {
    String no = "F-TIMEOUT";
    world.sandbox.addFault(
        new FaultRule(FaultKind.DELAY, Endpoint.COMPLETE, no, 1.0, 1, Duration.ofSeconds(4)));

    CompletionIntent intent = completeAndSettle(no, 2345);

    assertExactlyOnce(no, intent);
    assertThat(payScore.history().ofOrder(SandboxWorld.MCHID, OutOrderNo.of(no)))
        .anySatisfy(e -> assertThat(e.entry().wechatCode()).isEqualTo("TIMEOUT"));
  }

  @Test
  void zeroAmountCompletionEndsAsWechatSays() {
    String no = "F-ZERO";

    CompletionIntent intent = completeAndSettle(no, 0);

    assertExactlyOnce(no, intent);
  }

  private CompletionIntent completeAndSettle(String no, long total) {
    world.openOrder(gateway, no);
    world.letTimePass();
    payScore.completions().request(SandboxWorld.command(no, total));
    Await.until(
        no + " settled", Duration.ofSeconds(30), () -> world.intent(no).status().isSettled());
    return world.intent(no);
  }

  private void assertExactlyOnce(String no, CompletionIntent intent) {
    world.assertCompletedExactlyOnce(no);
    assertThat(world.wechatState(no))
        .isIn(LifecycleState.DOING_MCH_COMPLETE, LifecycleState.DONE)
        .isEqualTo(world.localOrder(no).lifecycle());
    assertThat(intent.status()).isEqualTo(IntentStatus.SUCCEEDED);
  }
}
