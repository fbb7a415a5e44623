package dev.payscore.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.testing.fakes.ScriptedPayScoreGateway;
import dev.payscore.wechat.WechatKeys;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class PayScoreTest {

  private static PublicKey rsaPublicKey() throws NoSuchAlgorithmException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair().getPublic();
  }

  @Test
  void builderReportsEveryMissingSettingAtOnce() {
    assertThatThrownBy(() -> PayScore.builder().instanceName(" ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dataSource is required")
        .hasMessageContaining("at least one merchant is required")
        .hasMessageContaining("instanceName must have 1..100 characters");
  }

  @Test
  void builderRefusesALeaseShorterThanTwoCalls() throws Exception {
    PublicKey key = rsaPublicKey();
    assertThatThrownBy(
            () ->
                PayScore.builder()
                    .dataSource(new org.postgresql.ds.PGSimpleDataSource())
                    .merchant(
                        SandboxWorld.credentials(), WechatKeys.publicKey("PUB_KEY_ID_0100", key))
                    .callTimeout(Duration.ofSeconds(61))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must outlast a complete and a query call");
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
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("either a gateway or merchants");
  }
}
