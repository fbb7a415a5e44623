package dev.payscore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault kind, scripted per order or drawn from the seed. */
final class FaultInjectionTest {
  private PayScoreSandbox sandbox;
  private Flows flows;

  @BeforeEach
  void start() {
    sandbox = PayScoreSandbox.start(Fixture.config().build());
    flows = new Flows(sandbox);
    flows.confirmed("o-1");
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private void fault(FaultKind kind) {
    sandbox.addFault(FaultRule.scripted(kind, Endpoint.COMPLETE, "o-1", 1));
  }

  private long completes() {
    return sandbox.ledger("o-1").stream().filter(e -> e.operation() == Operation.COMPLETE).count();
  }

  @Test
  void failBeforeApplyIs500AndChangesNothing() {
    fault(FaultKind.FAIL_BEFORE_APPLY);

    MerchantClient.Answer answer = flows.complete("o-1", flows.completeBody());

    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.code()).isEqualTo("SYSTEM_ERROR");
    assertThat(completes()).isZero();
    assertThat(flows.state("o-1")).isEqualTo("DOING/USER_CONFIRM");
  }

  @Test
  void failAfterApplyIs500ButTheOrderIsCompleted() {
    fault(FaultKind.FAIL_AFTER_APPLY);

    MerchantClient.Answer answer = flows.complete("o-1", flows.completeBody());

    assertThat(answer.status()).isEqualTo(500);
    assertThat(completes()).isOne();
    assertThat(flows.state("o-1")).isEqualTo("DOING/MCH_COMPLETE");
  }

  @Test
  void dropAfterApplyClosesTheConnectionButTheOrderIsCompleted() {
    fault(FaultKind.DROP_AFTER_APPLY);

    assertThatThrownBy(() -> flows.complete("o-1", flows.completeBody()))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(completes()).isOne();
    assertThat(flows.state("o-1")).isEqualTo("DOING/MCH_COMPLETE");
  }

  @Test
  void aDelayLongerThanTheClientTimeoutTimesOut() {
    sandbox.addFault(
        new FaultRule(FaultKind.DELAY, Endpoint.COMPLETE, "o-1", 1.0, 1, Duration.ofMillis(400)));

    assertThatThrownBy(
            () -> flows.client.timeout(Duration.ofMillis(100)).post(Flows.path("o-1", "complete"), flows.completeBody()))
        .hasCauseInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void throttleIs429AndChangesNothing() {
    fault(FaultKind.THROTTLE);

    MerchantClient.Answer answer = flows.complete("o-1", flows.completeBody());

    assertThat(answer.status()).isEqualTo(429);
    assertThat(answer.code()).isEqualTo("FREQUENCY_LIMITED");
    assertThat(completes()).isZero();
  }

  @Test
  void aBrokenSignatureDoesNotVerifyButTheCallIsApplied() {
    fault(FaultKind.BROKEN_SIGNATURE);

    MerchantClient.Answer answer = flows.complete("o-1", flows.completeBody());

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.signatureValid()).isFalse();
    assertThat(completes()).isOne();
  }

  @Test
  void theMainHostIsUnavailableWhileTheBackupHostServes() {
    sandbox.addFault(FaultRule.random(FaultKind.MAIN_HOST_UNAVAILABLE, null, 1.0));

    MerchantClient.Answer main = flows.complete("o-1", flows.completeBody());
    MerchantClient.Answer backup =
        flows.client.withBaseUrl(sandbox.backupBaseUrl()).post(Flows.path("o-1", "complete"), flows.completeBody());

    assertThat(main.status()).isEqualTo(503);
    assertThat(main.code()).isEqualTo("SERVICE_UNAVAILABLE");
    assertThat(backup.status()).isEqualTo(200);
    assertThat(completes()).isOne();
  }

  @Test
  void deductingIsABusyRefusal() {
    fault(FaultKind.DEDUCTING);

    MerchantClient.Answer answer = flows.complete("o-1", flows.completeBody());

    assertThat(answer.code()).isEqualTo("INVALID_REQUEST");
    assertThat(answer.message()).isEqualTo("单据正在扣款中，请稍后再试");
  }

  @Test
  void aScriptedFaultFiresOnlyTheGivenNumberOfTimes() {
    sandbox.addFault(FaultRule.scripted(FaultKind.FAIL_BEFORE_APPLY, Endpoint.COMPLETE, "o-1", 2));

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      statuses.add(flows.complete("o-1", flows.completeBody()).status());
    }

    assertThat(statuses).containsExactly(500, 500, 200);
  }

  @Test
  void aFaultForAnotherOrderOrEndpointDoesNotFire() {
    sandbox.addFault(FaultRule.scripted(FaultKind.THROTTLE, Endpoint.COMPLETE, "o-2", 1));
    sandbox.addFault(FaultRule.scripted(FaultKind.THROTTLE, Endpoint.CANCEL, "o-1", 1));

    assertThat(flows.query("o-1").status()).isEqualTo(200);
    assertThat(flows.complete("o-1", flows.completeBody()).status()).isEqualTo(200);
  }

  @Test
  void probabilisticFaultsRepeatForTheSameSeed() {
    List<Integer> first = throttledQueries(42);
    List<Integer> second = throttledQueries(42);

    assertThat(first).isEqualTo(second).contains(404, 429);
  }

  private static List<Integer> throttledQueries(long seed) {
    try (PayScoreSandbox own =
        PayScoreSandbox.start(
            Fixture.config().seed(seed).fault(FaultRule.random(FaultKind.THROTTLE, Endpoint.QUERY, 0.5)).build())) {
      Flows flows = new Flows(own);
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        statuses.add(flows.query("nope").status());
      }
      return statuses;
    }
  }
}
