package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.CompletionIntent;
import dev.payscore.LifecycleResult;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.engine.internal.LogContext;
import dev.payscore.testing.database.TestDatabase;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;

/**
 * The facade on real PostgreSQL against the sandbox over real HTTP tells its listener of every
 * WeChat call it makes (create, then the completion's call), of the attempt, and handles callbacks
 * and attempts with the order in the MDC, putting the caller's MDC back afterwards.
 */
@Tag("postgres")
@Tag("http")
@ExtendWith(TestDatabase.class)
final class ObservabilityIT {
  private static final Duration BOUND = Duration.ofSeconds(20);

  private final List<String> heard = new CopyOnWriteArrayList<>();

  private final PayScoreListener listener =
      new PayScoreListener() {
        @Override
        public void wechatCallFinished(
            MerchantId mchid, String endpoint, GatewayOutcome<?> outcome, Duration duration) {
          heard.add("call " + endpoint + " " + outcome.getClass().getSimpleName());
        }

        @Override
        public void attemptStarted(CompletionIntent intent) {
          heard.add("attempt " + intent.outOrderNo() + " " + Mdc.now());
        }

        @Override
        public void intentSettled(CompletionIntent intent) {
          heard.add("settled " + intent.outOrderNo() + " " + intent.status() + " " + Mdc.now());
        }

        @Override
        public void callbackApplied(
            MerchantId mchid, OutOrderNo outOrderNo, String eventType, boolean duplicate) {
          heard.add("callback " + outOrderNo + " " + duplicate + " " + Mdc.now());
        }
      };

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }


  @Test
  void callsAttemptsAndCallbacksAreToldWithTheOrderInTheMdc(DataSource dataSource)
      throws IOException {
    try (LifecycleWorld world =
        new LifecycleWorld(
            dataSource, SweepOptions.defaults().disabled(), Clock.systemUTC(), listener)) {
      world.payScore.start();
      String no = "OBS-1";
      String order = SandboxWorld.MCHID + "/" + no;

      assertThat(world.create(no, true)).isInstanceOf(LifecycleResult.Applied.class);
      world.world.sandbox.confirm(no);
      Await.until(
          "confirmed locally",
          BOUND,
          () -> world.localState(no) == LifecycleState.DOING_USER_CONFIRM);
      LifecycleWorld.Callback confirm = world.received(no, "PAYSCORE.USER_CONFIRM").get(0);
      MDC.put(LogContext.MCHID, "the application's");
      world.payScore.notifications().handle(confirm.headers(), confirm.body());
      String callerMdcAfterTheCallback = Mdc.now();
      MDC.clear();
      world.world.letTimePass();
      SandboxWorld.requested(world.payScore.completions().request(SandboxWorld.command(no, 300)));
      Await.until(
          "completed", BOUND, () -> heard.stream().anyMatch(line -> line.startsWith("settled")));

      assertThat(callerMdcAfterTheCallback).isEqualTo("the application's/null/-");
      assertThat(heard)
          .containsExactly(
              "call create Accepted",
              "callback " + no + " false " + order + "/-",
              "callback " + no + " true " + order + "/-",
              "attempt " + no + " " + order + "/intent",
              "call complete Accepted",
              "settled " + no + " SUCCEEDED " + order + "/intent");
    }
  }
}
