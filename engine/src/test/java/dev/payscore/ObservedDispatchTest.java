package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.CompletionIntent;
import dev.payscore.MerchantId;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.engine.internal.LogContext;
import dev.payscore.engine.internal.ObservedGateway;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * What a dispatcher tells the listener as it works, and the MDC it works under: the attempt, the
 * WeChat call (endpoint, outcome, duration) and the settlement, each with the merchant, the order
 * and the intent in the MDC, and the thread's own MDC back as it was afterwards; a claim that
 * finds the merchant's send rate spent says how long until the next permit.
 */
final class ObservedDispatchTest {
  private final EngineHarness h = new EngineHarness();
  private final List<String> heard = new CopyOnWriteArrayList<>();

  private final PayScoreListener listener =
      new PayScoreListener() {
        @Override
        public void attemptStarted(CompletionIntent intent) {
          heard.add("attempt " + intent.outOrderNo() + " " + intent.attempts() + " " + Mdc.now());
        }

        @Override
        public void wechatCallFinished(
            MerchantId mchid, String endpoint, GatewayOutcome<?> outcome, Duration duration) {
          heard.add(
              "call "
                  + endpoint
                  + " "
                  + outcome.getClass().getSimpleName()
                  + " "
                  + !duration.isNegative()
                  + " "
                  + Mdc.now());
        }

        @Override
        public void intentSettled(CompletionIntent intent) {
          heard.add("settled " + intent.outOrderNo() + " " + intent.status() + " " + Mdc.now());
        }

        @Override
        public void rateLimited(MerchantId mchid, Duration wait) {
          heard.add("rate limited " + mchid + " " + wait.toMillis() + " ms");
        }
      };

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }


  private CompletionDispatcher dispatcher() {
    return CompletionDispatcher.builder(h.transactions, ObservedGateway.of(h.wechat, listener))
        .merchants(Set.of(Fixtures.MCHID))
        .clock(h.clock)
        .random(new Random(EngineHarness.SEED))
        .options(h.options)
        .owner("d1")
        .listener(listener)
        .build();
  }

  @Test
  void anAttemptIsToldWithTheOrderInTheMdcAndTheThreadsOwnMdcComesBack() {
    CompletionIntent intent = h.requested("O1", 300);
    MDC.put(LogContext.MCHID, "the application's");

    dispatcher().runOnce();

    String during = Fixtures.MCHID + "/O1/intent";
    assertThat(heard)
        .containsExactly(
            "attempt O1 1 " + during,
            "call complete Accepted true " + during,
            "settled O1 SUCCEEDED " + during);
    assertThat(MDC.get(LogContext.MCHID)).isEqualTo("the application's");
    assertThat(MDC.get(LogContext.OUT_ORDER_NO)).isNull();
    assertThat(MDC.get(LogContext.INTENT_ID)).isNull();
    assertThat(h.intent(intent.outOrderNo().value()).attempts()).isEqualTo(1);
  }

  @Test
  void aClaimThatFindsTheSendRateSpentSaysHowLongUntilTheNextPermit() {
    h.options = h.options.withRateLimit(new RateLimit(2, 1, 0));
    for (int i = 0; i < 3; i++) {
      h.requested("R" + i, 100);
    }
    CompletionDispatcher dispatcher = dispatcher();

    assertThat(dispatcher.runOnce()).isEqualTo(2);
    assertThat(heard).noneMatch(line -> line.startsWith("rate limited"));
    assertThat(dispatcher.runOnce()).isZero();
    h.advance(Duration.ofMillis(500));
    assertThat(dispatcher.runOnce()).isEqualTo(1);

    // one token of a 2/s bucket: 500 ms, and only the claim that found none says so
    assertThat(heard.stream().filter(line -> line.startsWith("rate limited")))
        .containsExactly("rate limited " + Fixtures.MCHID + " 500 ms");
  }
}
