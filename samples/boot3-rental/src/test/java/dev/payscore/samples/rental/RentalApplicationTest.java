package dev.payscore.samples.rental;

import static dev.payscore.samples.support.SandboxMerchant.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.AuditEventType;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The rental service as a merchant runs it, on real PostgreSQL and the WeChat sandbox: payscore's
 * schema was there before the application's Flyway ran its own V1 (the other order is {@link
 * AppFlywayFirstTest}); returns complete orders inside {@code @Transactional} (JPA and JDBC), a
 * rollback sends nothing, WeChat's callbacks arrive at the registered endpoint, health and the
 * payscore endpoint answer through actuator, and payscore stops and starts with the context.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.datasource.hikari.connection-init-sql=SET application_name = 'rental-pool'")
class RentalApplicationTest {
  static final SandboxMerchant WECHAT = SandboxMerchant.start();
  // payscore first; Boot\'s Flyway then runs V1__rentals at start-up
  static final FreshDatabase DATABASE = FreshDatabase.create("boot3_rental").migratedByPayscore();

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
  @Autowired Rentals rentalRows;
  @Autowired JdbcTemplate jdbc;
  @Autowired OnWechatsClock recorder;
  @Autowired List<SmartLifecycle> lifecycles;
  @LocalServerPort int port;


  private void openAndConfirm(String no) {
    rentals.open(no);
    WECHAT.openAndConfirm(payScore, no, "http://127.0.0.1:" + port + "/payscore/notify");
  }

  private IntentStatus intentStatus(String no) {
    return SandboxMerchant.completion(payScore, no);
  }

  private JsonNode get(String path) {
    return new Actuator(port).get(path);
  }

  @Test
  void aReturnInTransactionalJpaIsCompletedOnceAndThePaidCallbackMarksTheRentalPaid() throws Exception {
    openAndConfirm("R-JPA-1");

    RequestCompletionResult result = rentals.returnRental("R-JPA-1", 300);

    assertThat(result).isInstanceOf(RequestCompletionResult.Requested.class);
    await("completed", () -> intentStatus("R-JPA-1") == IntentStatus.SUCCEEDED);
    assertThat(WECHAT.completes("R-JPA-1")).hasSize(1);
    await(
        "settled event",
        () ->
            recorder.events.stream()
                .anyMatch(
                    e -> e instanceof PayScoreEvent.IntentSettled s
                        && s.outOrderNo().value().equals("R-JPA-1")));
    assertThat(get("/actuator/metrics/payscore.intents.settled").at("/measurements/0/value").asDouble())
        .isGreaterThanOrEqualTo(1);

    WECHAT.sandbox().pay("R-JPA-1"); // USER_PAID callback → DONE → OrderPaid → rental PAID
    await("paid", () -> "PAID".equals(rentalRows.findById("R-JPA-1").orElseThrow().getStatus()));
    assertThat(SandboxMerchant.state(payScore, "R-JPA-1")).isEqualTo(LifecycleState.DONE);
  }

  @Test
  void aReturnInTransactionalJdbcIsCompletedToo() {
    openAndConfirm("R-SQL-1");

    rentals.returnRentalWithSql("R-SQL-1", 200);

    await("completed", () -> intentStatus("R-SQL-1") == IntentStatus.SUCCEEDED);
    assertThat(jdbc.queryForObject("SELECT status FROM rental WHERE out_order_no = 'R-SQL-1'", String.class))
        .isEqualTo("RETURNED");
  }

  @Test
  void aRollbackAfterRequestingLeavesNothingAndSendsNothing() throws Exception {
    openAndConfirm("R-RB-1");

    assertThatThrownBy(() -> rentals.returnRentalThenFail("R-RB-1", 300))
        .hasMessageContaining("till is closed");

    Thread.sleep(1000); // several polls: an intent that escaped the rollback would be sent by now
    assertThat(intentStatus("R-RB-1")).isNull();
    assertThat(payScore.history().ofOrder(MerchantId.of(SandboxMerchant.MCHID), OutOrderNo.of("R-RB-1")))
        .extracting(e -> e.entry().type())
        .doesNotContain(AuditEventType.COMPLETION_REQUESTED);
    assertThat(WECHAT.completes("R-RB-1")).isEmpty();
    assertThat(rentalRows.findById("R-RB-1").orElseThrow().getStatus()).isEqualTo("OPEN");
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
    await(
        "listening",
        () ->
            jdbc.queryForObject(
                    "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN payscore_intents%'"
                        + " AND datname = current_database()",
                    Integer.class)
                == 1);

    assertThat(
            jdbc.queryForList(
                "SELECT application_name FROM pg_stat_activity"
                    + " WHERE query LIKE 'LISTEN payscore_intents%' AND datname = current_database()",
                String.class))
        .doesNotContain("rental-pool");
  }

  @Test
  void payscoreStopsAndStartsWithTheContextsLifecycle() throws Exception {
    SmartLifecycle lifecycle =
        lifecycles.stream()
            .filter(l -> l.getClass().getSimpleName().equals("PayScoreLifecycle"))
            .findFirst()
            .orElseThrow();
    openAndConfirm("R-LC-1");

    lifecycle.stop();
    assertThat(lifecycle.isRunning()).isFalse();
    assertThat(get("/actuator/health").at("/components/payScore/details/dispatcher").asText())
        .isEqualTo("stopped");
    rentals.returnRental("R-LC-1", 100);
    lifecycle.start();
    assertThat(lifecycle.isRunning()).isTrue();

    await("completed after the restart", () -> intentStatus("R-LC-1") == IntentStatus.SUCCEEDED);
    lifecycle.stop();
    lifecycle.start(); // leave it running for the other tests
  }
}
