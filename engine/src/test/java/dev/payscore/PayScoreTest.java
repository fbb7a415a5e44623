package dev.payscore;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.testing.fakes.ScriptedPayScoreGateway;
import org.junit.jupiter.api.Test;

final class PayScoreTest {

  @Test
  void builderReportsEveryMissingSettingAtOnce() {
    assertThatThrownBy(() -> PayScore.builder().instanceName(" ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dataSource is required")
        .hasMessageContaining("at least one merchant is required")
        .hasMessageContaining("instanceName must have 1..100 characters");
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
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("either a gateway or merchants");
  }
}
