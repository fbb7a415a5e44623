package dev.payscore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class SandboxConfigTest {
  @Test
  void buildReportsEveryProblemAtOnce() {
    assertThatThrownBy(
            () ->
                SandboxConfig.builder()
                    .publicKeyId("KEY_1")
                    .platformCertificates(3)
                    .callbackTimeScale(0)
                    .port(70000)
                    .autoPayDelay(Duration.ofSeconds(-1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no merchant")
        .hasMessageContaining("publicKeyId")
        .hasMessageContaining("platformCertificates")
        .hasMessageContaining("callbackTimeScale")
        .hasMessageContaining("port")
        .hasMessageContaining("autoPayDelay");
  }

  @Test
  void aMerchantReportsEveryProblemAtOnce() {
    assertThatThrownBy(
            () ->
                new SandboxConfig.Merchant(
                    "", "", Fixture.MERCHANT_KEYS.getPublic(), "short", Set.of(), List.of()))
        .hasMessageContaining("mchid")
        .hasMessageContaining("serialNo")
        .hasMessageContaining("apiV3Key")
        .hasMessageContaining("appids")
        .hasMessageContaining("services");
  }

  @Test
  void aMerchantKeepsItsApiV3KeyOutOfToString() {
    assertThat(Fixture.merchant().toString()).doesNotContain(Fixture.API_V3_KEY).contains(Fixture.MCHID);
  }

  @Test
  void duplicateMerchantsAreRefused() {
    assertThatThrownBy(() -> SandboxConfig.builder().merchant(Fixture.merchant()).merchant(Fixture.merchant()).build())
        .hasMessageContaining("duplicate mchid");
  }

  @Test
  void aDelayRuleNeedsADelay() {
    assertThatThrownBy(() -> new FaultRule(FaultKind.DELAY, null, null, 1.0, -1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FaultRule.random(FaultKind.THROTTLE, null, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theClockOnlyMovesForward() {
    SandboxClock clock = SandboxClock.of(java.time.Clock.fixed(Fixture.START, java.time.ZoneOffset.UTC));

    clock.advance(Duration.ofSeconds(5));

    assertThat(clock.instant()).isEqualTo(Fixture.START.plusSeconds(5));
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pemRoundTrips() {
    byte[] der = Fixture.MERCHANT_KEYS.getPublic().getEncoded();

    assertThat(Pem.decode(Pem.encode("PUBLIC KEY", der))).isEqualTo(der);
    assertThatThrownBy(() -> Pem.decode("nothing")).isInstanceOf(IllegalArgumentException.class);
  }
}
