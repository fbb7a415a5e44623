package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.RecoveryTest.SimulatedCrash;
import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.ClaimBatch;
import dev.payscore.domain.port.out.Repositories;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.domain.usecase.RequestCompletionHandler;
import dev.payscore.engine.internal.Checkpoints.Stage;
import dev.payscore.engine.internal.Checkpoints;
import dev.payscore.engine.internal.IntentWakeUps;
import dev.payscore.testing.database.TestDatabase;
import dev.payscore.wechat.WechatPayScoreGateway;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The recovery points against the sandbox on real PostgreSQL (a dispatcher stopped after claiming,
 * after sending, after deciding; another one finishes exactly once), and the prompt wake-up of a
 * dispatcher by the NOTIFY of a commit in the caller's own transaction.
 */
@Tag("postgres")
@Tag("http")
@ExtendWith(TestDatabase.class)
final class SandboxRecoveryIT {
  private static SandboxWorld world;
  private static WechatPayScoreGateway gateway;

  @BeforeAll
  static void start(DataSource dataSource) {
    world = new SandboxWorld(dataSource, SandboxWorld.config());
    gateway = world.gateway(Duration.ofSeconds(2));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    world.close();
  }

  private CompletionDispatcher dispatcher(String owner, Clock clock, Checkpoints checkpoints) {
    return CompletionDispatcher.builder(world.transactions, gateway)
            .merchants(Set.of(SandboxWorld.MCHID))
            .clock(clock)
            .random(new Random(1))
            .options(SandboxWorld.fastOptions())
            .owner(owner)
            .checkpoints(checkpoints)
            .build();
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void anotherDispatcherFinishesExactlyOnceAfterAStopAt(Stage stage) {
    String no = "R-" + stage;
    world.openOrder(gateway, no);
    world.letTimePass();
    CompletionIntent intent =
        SandboxWorld.requested(
            world.transactions.inTransaction(
                repos ->
                    new RequestCompletionHandler(
                            repos, world.clock(), new CompletionValidator(world.clock()))
                        .request(SandboxWorld.command(no, 4321))));
    CompletionDispatcher first =
        dispatcher(
            "first",
            world.clock(),
            (reached, claimed) -> {
              if (reached == stage) {
                throw new SimulatedCrash(stage);
              }
            });
    assertThatThrownBy(first::runOnce).isInstanceOf(SimulatedCrash.class);
    assertThat(world.intent(no).status()).isEqualTo(IntentStatus.IN_FLIGHT);

    // The second instance runs after the first one's lease ran out (database time: a clock of the
    // dispatcher's own cannot hurry it).
    Clock later = Clock.offset(world.clock(), SandboxWorld.fastOptions().lease().plusSeconds(1));
    assertThat(dispatcher("second", later, Checkpoints.NONE).runOnce())
        .as("lease held")
        .isZero();
    expireLeases();
    assertThat(dispatcher("second", world.clock(), Checkpoints.NONE).runOnce()).isEqualTo(1);

    world.assertCompletedExactlyOnce(no);
    assertThat(world.intent(no).payload()).isEqualTo(intent.payload());
  }

  @Test
  void aRequestInTheCallersTransactionWakesOtherInstancesThroughANotifyAfterItsCommit()
      throws Exception {
    String no = "W-1";
    world.openOrder(gateway, no);
    world.letTimePass();
    List<String> events = new CopyOnWriteArrayList<>();
    Semaphore listening = new Semaphore(0);
    ForwardingGateway watched =
        new ForwardingGateway(gateway) {
          @Override
          public GatewayOutcome<ObservedOrder> complete(
              MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
            events.add("sent " + outOrderNo);
            return super.complete(mchid, outOrderNo, body);
          }
        };
    // Polling every 10 minutes (and a heartbeat as rare): only a wake-up can start the send.
    DispatcherOptions options =
        SandboxWorld.fastOptions()
            .withPollInterval(Duration.ofMinutes(10))
            .withLease(Duration.ofMinutes(30));
    Semaphore claims = new Semaphore(0);
    Transactions observed =
        new Transactions() {
          @Override
          public <T> T inTransaction(Function<Repositories, T> work) {
            T result = world.transactions.inTransaction(work);
            if (result instanceof ClaimBatch claimed) {
              events.add("claimed " + claimed.leased().size());
              claims.release();
            }
            return result;
          }
        };
    try (CompletionDispatcher dispatcher =
            CompletionDispatcher.builder(observed, watched)
            .merchants(Set.of(SandboxWorld.MCHID))
            .clock(world.clock())
            .random(new Random(1))
            .options(options)
            .owner("notified")
            .build();
        IntentNotifications notifications =
            new IntentNotifications(
                world.dataSource,
                () -> {
                  events.add("woken");
                  dispatcher.wakeUp();
                  listening.release();
                })) {
      dispatcher.start();
      notifications.start();
      assertThat(listening.tryAcquire(10, TimeUnit.SECONDS)).as("listening").isTrue();
      // The start-up claim and the one the listener's catch-up asked for: the loop is idle now.
      assertThat(claims.tryAcquire(2, 10, TimeUnit.SECONDS)).as("idle").isTrue();

      try (Connection connection = world.dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try (PreparedStatement own = connection.prepareStatement("SELECT 1")) {
          own.execute(); // the merchant's own work in the same transaction
        }
        // Only the NOTIFY of other instances can wake this dispatcher: no local wake-up.
        IntentWakeUps toOthers =
            new IntentWakeUps(
                world.dataSource, IntentNotifications.CHANNEL, () -> {}, Duration.ofMillis(20));
        closing.add(toOthers);
        RequestCompletionResult result =
            new Completions(
                    world.transactions,
                    world.clock(),
                    new CompletionValidator(world.clock()),
                    null,
                    new WakeUp() {
                      @Override
                      public void committed() {
                        toOthers.committed();
                      }

                      @Override
                      public void recordedInCallerTransaction() {
                        toOthers.recordedInCallerTransaction();
                      }
                    })
                .request(connection, SandboxWorld.command(no, 555));
        assertThat(result).isInstanceOf(RequestCompletionResult.Requested.class);
        events.add("committing");
        connection.commit();
      }

      Await.until(
          no + " settled", Duration.ofSeconds(30), () -> world.intent(no).status().isSettled());
    }

    assertThat(events)
        .containsSubsequence("woken", "committing", "woken", "claimed 1", "sent " + no);
    assertThat(events.subList(0, events.indexOf("committing")))
        .doesNotContain("claimed 1", "sent " + no);
    assertThat(events.indexOf("sent " + no)).isGreaterThan(events.indexOf("committing"));
    assertThat(world.intent(no).status()).isEqualTo(IntentStatus.SUCCEEDED);
  }

  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  /** Lets the leases run out, as time passing would on the database's clock. */
  private static void expireLeases() {
    try (Connection c = world.dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE payscore.completion_intent SET lease_expires_at = now() - interval '1 s'"
                    + " WHERE status = 'IN_FLIGHT'")) {
      s.executeUpdate();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
