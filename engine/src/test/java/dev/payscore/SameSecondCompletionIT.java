package dev.payscore;

import static dev.payscore.domain.model.LifecycleState.DOING_MCH_COMPLETE;
import static dev.payscore.domain.model.LifecycleState.DOING_USER_CONFIRM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payscore.domain.model.ServiceTime;
import dev.payscore.testing.MutableClock;
import dev.payscore.testing.database.TestDatabase;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user who confirms an {@code OnAccept} order and returns it within the same second: the
 * confirmation time comes with the USER_CONFIRM callback into the mirror, the defaulted end is the
 * next second (WeChat refuses an end that is not after the start) and the completion waits for it.
 * The sandbox and our side share a clock that moves only when the test moves it.
 */
@Tag("postgres")
@Tag("http")
@ExtendWith(TestDatabase.class)
final class SameSecondCompletionIT {
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void completingInTheSecondTheUserConfirmedSucceedsWithAnEndAfterTheConfirmation(
      DataSource dataSource) throws IOException {
    Instant second = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(5);
    MutableClock clock = MutableClock.at(second.plusMillis(100));
    try (LifecycleWorld world =
        new LifecycleWorld(dataSource, SweepOptions.defaults().disabled(), clock)) {
      world.payScore.start();
      String no = "SAME-SECOND-1";
      world.create(no, true);
      world.world.sandbox.confirm(no);
      Await.until(
          "confirmed locally", BOUND, () -> world.localState(no) == DOING_USER_CONFIRM);
      // the USER_CONFIRM callback's create_time, in WeChat's whole seconds
      assertThat(world.local(no).confirmedAt()).isNotNull();
      assertThat(world.local(no).confirmedAt().truncatedTo(ChronoUnit.SECONDS)).isEqualTo(second);

      clock.advance(Duration.ofMillis(500)); // the rental comes back in the same second
      CompletionIntent intent =
          SandboxWorld.requested(
              world.payScore.completions().request(SandboxWorld.command(no, 2_00)));

      String end = ServiceTime.ofSeconds(second.plusSeconds(1)).text();
      assertThat(JSON.readTree(intent.payload().json()).path("time_range").path("end_time").asText())
          .isEqualTo(end);
      assertThat(intent.attempts()).isZero(); // held back until the end has passed

      clock.advance(Duration.ofSeconds(2)); // WeChat's "now" passes the end
      Await.until("completion settled", BOUND, () -> world.world.intent(no).status().isSettled());
      CompletionIntent settled = world.world.intent(no);
      assertThat(settled.status()).as(settled.lastError()).isEqualTo(IntentStatus.SUCCEEDED);
      assertThat(world.localState(no)).isEqualTo(DOING_MCH_COMPLETE);
      assertThat(world.world.completes(no)).singleElement();
    }
  }
}
