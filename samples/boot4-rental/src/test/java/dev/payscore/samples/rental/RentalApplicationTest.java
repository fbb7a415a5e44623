package dev.payscore.samples.rental;

import static dev.payscore.samples.support.SandboxMerchant.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payscore.IntentStatus;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScore;
import dev.payscore.RequestCompletionResult;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.samples.support.Actuator;
import dev.payscore.samples.support.FreshDatabase;
import dev.payscore.samples.support.SandboxMerchant;
import dev.payscore.spring.boot.PayScoreBuilderCustomizer;
import dev.payscore.spring.boot.PayScoreEvent;
import dev.payscore.sandbox.Endpoint;
import dev.payscore.sandbox.FaultKind;
import dev.payscore.sandbox.FaultRule;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The rental service on Boot 4 with plain JDBC ({@code JdbcTransactionManager}), on real PostgreSQL
 * and the WeChat sandbox: payscore's schema first, then the application's Flyway V1 (the other order
 * is {@link AppFlywayFirstTest}); a return completes inside {@code @Transactional}, a rollback sends
 * nothing, callbacks arrive at the registered endpoint, health (Boot 4's moved health API) and the
 * payscore endpoint answer through actuator, payscore stops and starts with the lifecycle.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.datasource.hikari.connection-init-sql=SET application_name = 'rental-pool'")
class RentalApplicationTest {
  static final SandboxMerchant WECHAT = SandboxMerchant.start();
  // payscore first; Boot\'s Flyway then runs V1__rentals at start-up
  static final FreshDatabase DATABASE = FreshDatabase.create("boot4_rental").migratedByPayscore();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", DATABASE::url);
    WECHAT.properties().forEach((key, value) -> registry.add(key, () -> value));
  }

  @AfterAll
  static void stopWechat() {
    WECHAT.close();
  }

  /** Our side signs with WeChat's clock, which the test moves on; and it records the events. */
  @TestConfiguration
  static class OnWechatsClock {
    final List<PayScoreEvent> events = new CopyOnWriteArrayList<>();

    @Bean
    PayScoreBuilderCustomizer sandboxClock() {
      return builder -> builder.clock(WECHAT.sandbox().clock());
    }

    @EventListener
    void on(PayScoreEvent event) {
      events.add(event);
    }
  }

  @Autowired PayScore payScore;
  @Autowired RentalService rentals;
  @Autowired JdbcTemplate jdbc;
  @Autowired OnWechatsClock recorder;
  @Autowired List<SmartLifecycle> lifecycles;

  @Value("${local.server.port}")
  int port;


  private void openAndConfirm(String no) {
    rentals.open(no);
    WECHAT.openAndConfirm(payScore, no, "http://127.0.0.1:" + port + "/payscore/notify");
  }

  private JsonNode get(String path) {
    return new Actuator(port).get(path);
  }

  @Test
  void aReturnInTransactionalJdbcIsCompletedOnceAndThePaidCallbackMarksTheRentalPaid() throws Exception {
    openAndConfirm("R4-1");

    RequestCompletionResult result = rentals.returnRental("R4-1", 300);

    assertThat(result).isInstanceOf(RequestCompletionResult.Requested.class);
    await("completed", () -> SandboxMerchant.completion(payScore, "R4-1") == IntentStatus.SUCCEEDED);
    assertThat(WECHAT.completes("R4-1")).hasSize(1);
    await(
        "settled event",
        () ->
            recorder.events.stream()
                .anyMatch(
                    e -> e instanceof PayScoreEvent.IntentSettled s
                        && s.outOrderNo().value().equals("R4-1")));
    assertThat(get("/actuator/metrics/payscore.intents.settled").at("/measurements/0/value").asDouble())
        .isGreaterThanOrEqualTo(1);

    WECHAT.sandbox().pay("R4-1");
    await("paid", () -> "PAID".equals(rentals.status("R4-1")));
    assertThat(SandboxMerchant.state(payScore, "R4-1")).isEqualTo(LifecycleState.DONE);
  }

  @Test
  void aRollbackAfterRequestingLeavesNothingAndSendsNothing() throws Exception {
    openAndConfirm("R4-RB");

    assertThatThrownBy(() -> rentals.returnRentalThenFail("R4-RB", 300))
        .hasMessageContaining("till is closed");

    Thread.sleep(1000); // several polls: an intent that escaped the rollback would be sent by now
    assertThat(SandboxMerchant.completion(payScore, "R4-RB")).isNull();
    assertThat(WECHAT.completes("R4-RB")).isEmpty();
    assertThat(rentals.status("R4-RB")).isEqualTo("OPEN");
    assertThat(
            payScore.history().ofOrder(MerchantId.of(SandboxMerchant.MCHID), OutOrderNo.of("R4-RB")))
        .extracting(e -> e.entry().type().name())
        .doesNotContain("COMPLETION_REQUESTED");
  }

  @Test
  void healthAndThePayscoreEndpointAnswerThroughActuator() throws Exception {
    JsonNode health = get("/actuator/health");
    assertThat(health.at("/status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/payScore/status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/payScore/details/dispatcher").asText()).isEqualTo("running");
    assertThat(health.at("/components/payScore/details/needsAttention").asLong()).isZero();
    JsonNode attention = get("/actuator/payscore");
    assertThat(attention.at("/needsAttention").isArray()).isTrue();
    assertThat(attention.at("/quarantined").isArray()).isTrue();
    JsonNode open = get("/actuator/metrics/payscore.intents.open");
    assertThat(open.at("/name").asText()).isEqualTo("payscore.intents.open");
  }

  @Test
  void theListenConnectionIsPayscoresOwnNotThePools() {
    String listening =
        "FROM pg_stat_activity WHERE query LIKE 'LISTEN payscore_intents%'"
            + " AND datname = current_database()";
    await("listening", () -> jdbc.queryForObject("SELECT count(*) " + listening, Integer.class) == 1);

    assertThat(jdbc.queryForList("SELECT application_name " + listening, String.class))
        .doesNotContain("rental-pool");
  }

  @Test
  void payscoreStopsAndStartsWithTheContextsLifecycle() throws Exception {
    SmartLifecycle lifecycle =
        lifecycles.stream()
            .filter(l -> l.getClass().getSimpleName().equals("PayScoreLifecycle"))
            .findFirst()
            .orElseThrow();
    openAndConfirm("R4-LC");

    lifecycle.stop();
    assertThat(lifecycle.isRunning()).isFalse();
    assertThat(get("/actuator/health").at("/components/payScore/details/dispatcher").asText())
        .isEqualTo("stopped");
    rentals.returnRental("R4-LC", 100);
    lifecycle.start();

    await("completed after the restart", () -> SandboxMerchant.completion(payScore, "R4-LC") == IntentStatus.SUCCEEDED);
    lifecycle.stop();
    lifecycle.start(); // leave it running for the other tests
  }

  @Test
  void stoppingWithACallInFlightTakesNoLongerThanTheShutdownTimeout() throws Exception {
    SmartLifecycle lifecycle =
        lifecycles.stream()
            .filter(l -> l.getClass().getSimpleName().equals("PayScoreLifecycle"))
            .findFirst()
            .orElseThrow();
    openAndConfirm("R4-SLOW");
    WECHAT
        .sandbox()
        .addFault(
            new FaultRule(FaultKind.DELAY, Endpoint.COMPLETE, "R4-SLOW", 1.0, 1, Duration.ofSeconds(40)));
    rentals.returnRental("R4-SLOW", 100);
    await("in flight", () -> SandboxMerchant.completion(payScore, "R4-SLOW") == IntentStatus.IN_FLIGHT);

    long started = System.nanoTime();
    // payscore.shutdown-timeout is 1s here; without it the call would hold the stop until its read
    // timeout (10 s), the engine's default grace being 30 s
    lifecycle.stop();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).isLessThan(Duration.ofSeconds(6));
    WECHAT.sandbox().clearFaults();
    lifecycle.start();
  }

  @Test
  void aCallbackAtAMerchantsOwnPathIsRoutedToThatMerchant() {
    rentals.open("R4-OWN");
    WECHAT.openAndConfirm(
        payScore, "R4-OWN", "http://127.0.0.1:" + port + "/payscore/notify/" + SandboxMerchant.MCHID);

    assertThat(SandboxMerchant.state(payScore, "R4-OWN")).isEqualTo(LifecycleState.DOING_USER_CONFIRM);
  }
}
