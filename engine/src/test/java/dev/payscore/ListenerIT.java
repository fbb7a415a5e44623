package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.testing.database.TestDatabase;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The listener hears, after each commit, what the facade's create, the callbacks and their
 * redeliveries and refusals did; a listener that throws every time changes nothing of it.
 */
@Tag("postgres")
@Tag("http")
@ExtendWith(TestDatabase.class)
final class ListenerIT {
  private static final Duration BOUND = Duration.ofSeconds(20);

  @Test
  void aThrowingListenerHearsCreateAndCallbacksAndChangesNothing(DataSource dataSource)
      throws IOException {
    List<String> heard = new CopyOnWriteArrayList<>();
    PayScoreListener throwing =
        new PayScoreListener() {
          @Override
          public void orderTransitioned(
              MerchantId mchid,
              OutOrderNo outOrderNo,
              @Nullable LifecycleState from,
              LifecycleState to,
              AuditCause cause) {
            heard.add("moved " + outOrderNo.value() + " " + name(from) + "->" + name(to) + " " + cause);
            throw new IllegalStateException("a listener bug");
          }

          @Override
          public void callbackApplied(
              MerchantId mchid, OutOrderNo outOrderNo, String eventType, boolean duplicate) {
            heard.add("applied " + outOrderNo.value() + " " + eventType + " " + duplicate);
            throw new IllegalStateException("a listener bug");
          }

          @Override
          public void callbackRejected(int status, String reason) {
            heard.add("rejected " + status);
            throw new IllegalStateException("a listener bug");
          }
        };
    try (LifecycleWorld world =
        new LifecycleWorld(
            dataSource, SweepOptions.defaults().disabled(), Clock.systemUTC(), throwing)) {
      world.payScore.start();
      String no = "LISTEN-1";

      assertThat(world.create(no, true)).isInstanceOf(LifecycleResult.Applied.class);
      world.world.sandbox.confirm(no);
      Await.until(
          "confirmed locally",
          BOUND,
          () -> world.localState(no) == LifecycleState.DOING_USER_CONFIRM);
      LifecycleWorld.Callback confirm = world.received(no, "PAYSCORE.USER_CONFIRM").get(0);
      Notifications.Answer redelivered =
          world.payScore.notifications().handle(confirm.headers(), confirm.body());
      byte[] tampered = confirm.body().clone();
      tampered[tampered.length / 2] ^= 1;
      Notifications.Answer forged =
          world.payScore.notifications().handle(confirm.headers(), tampered);

      assertThat(redelivered.status()).isEqualTo(200);
      assertThat(forged.status()).isEqualTo(401);
      assertThat(heard)
          .containsExactly(
              "moved LISTEN-1 null->CREATED API_CALL",
              "applied LISTEN-1 PAYSCORE.USER_CONFIRM false",
              "moved LISTEN-1 CREATED->DOING_USER_CONFIRM CALLBACK",
              "applied LISTEN-1 PAYSCORE.USER_CONFIRM true",
              "rejected 401");
      assertThat(world.localState(no)).isEqualTo(LifecycleState.DOING_USER_CONFIRM);
    }
  }

  private static String name(@Nullable LifecycleState state) {
    return state == null ? "null" : state.name();
  }
}
