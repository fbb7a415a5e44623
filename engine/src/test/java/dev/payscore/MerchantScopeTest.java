package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An instance claims only the intents of merchants it holds credentials for (a rolling deploy,
 * merchants split across services on one database): another merchant's intent is not attempted,
 * uses no attempt, and waits for an instance that can send it.
 */
final class MerchantScopeTest {
  private static final MerchantId OTHER = MerchantId.of("1900009999");

  private final EngineHarness h = new EngineHarness();

  @Test
  void anInstanceWithoutAMerchantsKeysLeavesItsIntentUntouched() {
    CompletionIntent recorded = h.requested("M1", 300);
    CompletionDispatcher withoutKeys =
        CompletionDispatcher.builder(h.transactions, h.wechat)
            .merchants(Set.of(OTHER))
            .clock(h.clock)
            .random(new Random(1))
            .options(h.options)
            .owner("other-service")
            .build();

    for (int i = 0; i < 3; i++) {
      assertThat(withoutKeys.runOnce()).isZero();
    }

    CompletionIntent untouched = h.intent("M1");
    assertThat(untouched.status()).isEqualTo(IntentStatus.PENDING);
    assertThat(untouched.attempts()).isZero();
    assertThat(untouched.version()).isEqualTo(recorded.version());
    assertThat(h.wechat.calls()).isEmpty();
    assertThat(h.auditTypes("M1")).containsExactly(AuditEventType.COMPLETION_REQUESTED);

    assertThat(h.dispatcher("with-keys").runOnce()).isEqualTo(1);
    assertThat(h.intent("M1").status()).isEqualTo(IntentStatus.SUCCEEDED);
  }
}
