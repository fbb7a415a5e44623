package dev.payscore.wechat.sandbox;

import static dev.payscore.wechat.sandbox.SandboxedGateway.MCHID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payscore.OutOrderNo;
import dev.payscore.WechatKeys;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.port.out.GatewayOutcome.UnknownCause;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.sandbox.Endpoint;
import dev.payscore.sandbox.FaultKind;
import dev.payscore.sandbox.FaultRule;
import dev.payscore.sandbox.Operation;
import dev.payscore.wechat.WechatPayScoreGateway;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every fault kind of the sandbox on complete, and what our gateway makes of it. Each fault is
 * scripted for two firings on one order, so that the one left over proves exactly one request
 * reached the sandbox (the gateway never resends by itself).
 */
final class GatewayFaultsAgainstSandboxTest {
  @RegisterExtension
  static final SandboxedGateway wechat =
      SandboxedGateway.start(
          config -> config, client -> client.readTimeout(Duration.ofMillis(300)));

  private static OutOrderNo faulty(FaultKind kind) {
    OutOrderNo outOrderNo = wechat.confirmedAndUsed();
    wechat.sandbox.addFault(FaultRule.scripted(kind, Endpoint.COMPLETE, outOrderNo.value(), 2));
    return outOrderNo;
  }

  private static GatewayOutcome<ObservedOrder> complete(OutOrderNo outOrderNo) {
    return wechat.gateway.complete(MCHID, outOrderNo, wechat.completeBody());
  }

  /** How often the order's fault can still fire, from the sandbox's admin path. */
  private static int firingsLeft(SandboxedGateway sandboxed, OutOrderNo outOrderNo)
      throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(sandboxed.sandbox.baseUrl() + "/sandbox/faults"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    for (JsonNode rule : new ObjectMapper().readTree(response.body())) {
      if (rule.path("out_order_no").asText().equals(outOrderNo.value())) {
        return rule.path("times").asInt();
      }
    }
    return 0;
  }

  private static long completes(SandboxedGateway sandboxed, OutOrderNo outOrderNo) {
    return sandboxed.operations(outOrderNo).stream().filter(o -> o == Operation.COMPLETE).count();
  }

  @Test
  void failBeforeApplyIsAServerErrorAndNothingIsApplied() throws Exception {
    OutOrderNo outOrderNo = faulty(FaultKind.FAIL_BEFORE_APPLY);

    assertThat(complete(outOrderNo))
        .isInstanceOfSatisfying(
            GatewayOutcome.Unknown.class,
            unknown -> {
              assertThat(unknown.cause()).isEqualTo(UnknownCause.SERVER_ERROR);
              assertThat(unknown.status()).isEqualTo(500);
              assertThat(unknown.description()).isEqualTo("HTTP 500 SYSTEM_ERROR");
            });
    assertThat(firingsLeft(wechat, outOrderNo)).isOne();
    assertThat(completes(wechat, outOrderNo)).isZero();
    assertThat(wechat.query(outOrderNo).lifecycle()).isEqualTo(LifecycleState.DOING_USER_CONFIRM);
  }

  @Test
  void applyThenFailIsAServerErrorButTheCompletionHappened() throws Exception {
    OutOrderNo outOrderNo = faulty(FaultKind.FAIL_AFTER_APPLY);

    assertThat(complete(outOrderNo))
        .extracting("cause", "status")
        .containsExactly(UnknownCause.SERVER_ERROR, 500);
    assertThat(firingsLeft(wechat, outOrderNo)).isOne();
    assertThat(completes(wechat, outOrderNo)).isOne();
    assertThat(wechat.query(outOrderNo).totalAmount()).isEqualTo(40_00L);
  }

  @Test
  void applyThenDropIsAConnectionDroppedButTheCompletionHappened() throws Exception {
    OutOrderNo outOrderNo = faulty(FaultKind.DROP_AFTER_APPLY);

    assertThat(complete(outOrderNo))
        .extracting("cause", "status")
        .containsExactly(UnknownCause.CONNECTION_DROPPED, 0);
    assertThat(firingsLeft(wechat, outOrderNo)).isOne();
    assertThat(completes(wechat, outOrderNo)).isOne();
    assertThat(wechat.query(outOrderNo).lifecycle()).isEqualTo(LifecycleState.DOING_MCH_COMPLETE);
  }

  @Test
  void aDelayBeyondTheReadTimeoutIsATimeoutAfterExactlyOneRequest() throws Exception {
    OutOrderNo outOrderNo = wechat.confirmedAndUsed();
    wechat.sandbox.addFault(
        new FaultRule(
            FaultKind.DELAY, Endpoint.COMPLETE, outOrderNo.value(), 1.0, 2, Duration.ofSeconds(2)));

    assertThat(complete(outOrderNo))
        .extracting("cause", "status")
        .containsExactly(UnknownCause.TIMEOUT, 0);
    assertThat(firingsLeft(wechat, outOrderNo)).isOne();
  }

  @Test
  void throttleIsThrottledAndNothingIsApplied() throws Exception {
    OutOrderNo outOrderNo = faulty(FaultKind.THROTTLE);

    assertThat(complete(outOrderNo))
        .isInstanceOf(GatewayOutcome.Throttled.class)
        .extracting("code", "message")
        .containsExactly("FREQUENCY_LIMITED", "频率超限");
    assertThat(firingsLeft(wechat, outOrderNo)).isOne();
    assertThat(completes(wechat, outOrderNo)).isZero();
  }

  @Test
  void aBrokenResponseSignatureIsUnverifiableThoughTheCompletionHappened() throws Exception {
    OutOrderNo outOrderNo = faulty(FaultKind.BROKEN_SIGNATURE);

    assertThat(complete(outOrderNo))
        .extracting("cause", "description", "status")
        .containsExactly(UnknownCause.UNVERIFIABLE_RESPONSE, "SIGNATURE_MISMATCH", 200);
    assertThat(firingsLeft(wechat, outOrderNo)).isOne();
    assertThat(completes(wechat, outOrderNo)).isOne();
  }

  @Test
  void a503OnTheMainHostIsAServerErrorAndIsNotSentToTheBackup() throws Exception {
    OutOrderNo outOrderNo = faulty(FaultKind.MAIN_HOST_UNAVAILABLE);
    try (WechatPayScoreGateway gateway = withBackup(wechat.sandbox.baseUrl())) {

      GatewayOutcome<ObservedOrder> outcome =
          gateway.complete(MCHID, outOrderNo, wechat.completeBody());

      // §9: the backup host is for an unreachable primary, never for an HTTP error answer
      assertThat(outcome)
          .extracting("cause", "description", "status")
          .containsExactly(UnknownCause.SERVER_ERROR, "HTTP 503 SERVICE_UNAVAILABLE", 503);
      assertThat(firingsLeft(wechat, outOrderNo)).isOne();
      assertThat(completes(wechat, outOrderNo)).isZero();
    }
  }

  @Test
  void aRefusedConnectionOnTheMainHostIsSentToTheBackup() throws Exception {
    OutOrderNo outOrderNo = wechat.confirmedAndUsed();
    try (WechatPayScoreGateway gateway = withBackup("http://127.0.0.1:" + closedPort())) {

      GatewayOutcome<ObservedOrder> outcome =
          gateway.complete(MCHID, outOrderNo, wechat.completeBody());

      assertThat(outcome).isInstanceOf(GatewayOutcome.Accepted.class);
      assertThat(completes(wechat, outOrderNo)).isOne();
    }
  }

  /** A second gateway on the same sandbox: main host {@code mainUrl}, backup the sandbox's api2. */
  private static WechatPayScoreGateway withBackup(String mainUrl) {
    return WechatPayScoreGateway.builder()
        .baseUrl(mainUrl + "/")
        .backupUrl(wechat.sandbox.backupBaseUrl() + "/")
        .merchant(
            SandboxedGateway.credentials(SandboxedGateway.SERIAL),
            WechatKeys.publicKey(wechat.sandbox.publicKeyId(), wechat.sandbox.publicKey()))
        .clock(wechat.clock)
        .build();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
