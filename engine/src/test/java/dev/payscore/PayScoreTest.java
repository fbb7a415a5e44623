package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.testing.fakes.ScriptedPayScoreGateway;
import org.junit.jupiter.api.Test;

final class PayScoreTest {

  @Test
  void builderReportsEveryMissingSettingAtOnce() {
    assertThatThrownBy(() -> PayScore.builder().instanceName(" ").build())
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.path() + " " + v.rule())
                    .containsExactly(
                        "dataSource REQUIRED", "merchant REQUIRED", "instanceName SETTING_RANGE"));
  }

  @Test
  void builderReportsTheWechatClientsSettingsWithItsOwn() throws Exception {
    java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    java.security.KeyPair keys = rsa.generateKeyPair();
    assertThatThrownBy(
            () ->
                PayScore.builder()
                    .merchant(
                        new MerchantCredentials(MerchantId.of("1900000109"), "5157F0", keys.getPrivate()),
                        WechatKeys.publicKey("PUB_KEY_ID_0114", keys.getPublic()))
                    .endpoint("ftp://nowhere")
                    .callTimeout(java.time.Duration.ZERO)
                    .build())
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.path() + " " + v.rule())
                    .containsExactlyInAnyOrder(
                        "dataSource REQUIRED", "endpoint URL_FORMAT", "callTimeout SETTING_RANGE"));
  }

  @Test
  void aGatewayOfOurOwnWithoutMerchantIdsCannotStartSendingForAnyone() {
    try (PayScore payScore =
        PayScore.builder()
            .dataSource(new org.postgresql.ds.PGSimpleDataSource())
            .gateway(new ScriptedPayScoreGateway())
            .listen(false)
            .build()) {
      assertThatThrownBy(payScore::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("merchantIds");
    }
  }

  @Test
  void builderRefusesAGatewayBesideMerchants() {
    assertThatThrownBy(
            () ->
                PayScore.builder()
                    .dataSource(new org.postgresql.ds.PGSimpleDataSource())
                    .gateway(new ScriptedPayScoreGateway())
                    .endpoint("http://127.0.0.1:1/")
                    .build())
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.path() + " " + v.rule())
                    .containsExactly("gateway SETTING_CONFLICT"));
  }
}
