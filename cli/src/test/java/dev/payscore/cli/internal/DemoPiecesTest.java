package dev.payscore.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.sandbox.Endpoint;
import dev.payscore.sandbox.FaultKind;
import dev.payscore.sandbox.FaultRule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The demo's arithmetic and output pieces: skipped clock time, percentiles, progress, faults. */
final class DemoPiecesTest {
  private static final Instant T = Instant.parse("2026-11-26T08:00:00Z");

  @Test
  void aSkipInsideAnIntervalIsLeftOutAndOneOutsideIsNot() {
    List<ClockSkip> skips =
        List.of(new ClockSkip(T.plusSeconds(1), Duration.ofMinutes(3)),
            new ClockSkip(T.plusSeconds(500), Duration.ofMinutes(3)));

    assertThat(ClockSkip.elapsed(T, T.plusSeconds(182), skips)).isEqualTo(Duration.ofSeconds(2));
    assertThat(ClockSkip.elapsed(T.plusSeconds(2), T.plusSeconds(190), skips))
        .isEqualTo(Duration.ofSeconds(188));
  }

  @Test
  void percentilesAreNearestRank() {
    List<Long> sorted = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 100L);

    assertThat(DemoVerdict.percentile(sorted, 0.50)).isEqualTo(5);
    assertThat(DemoVerdict.percentile(sorted, 0.99)).isEqualTo(100);
    assertThat(DemoVerdict.percentile(List.of(), 0.99)).isZero();
  }

  @Test
  void progressIsABarOnATerminalAndPlainLinesOtherwise() {
    StringWriter bar = new StringWriter();
    StringWriter lines = new StringWriter();
    Progress terminal = new Progress(new PrintWriter(bar), true, 10);
    Progress log = new Progress(new PrintWriter(lines), false, 10);

    terminal.update(5, 2);
    terminal.finish();
    log.update(10, 2);
    log.update(10, 2);

    assertThat(bar.toString()).startsWith("\r[###############...............] 5/10 settled");
    assertThat(lines.toString().lines()).singleElement().asString()
        .startsWith("demo: 10/10 settled").endsWith("2 retries");
  }

  @Test
  void theFaultRulesFireAtTheFaultRateTogetherAndTheLatencyRuleComesLast() {
    Progress quiet = new Progress(new PrintWriter(new StringWriter()), false, 10);
    Demo demo = new Demo(new DemoSettings(10, 0.3, 20, 1, null), quiet);

    List<FaultRule> rules = demo.faults();

    double none = 1;
    for (FaultRule rule : rules) {
      if (rule.endpoint() == Endpoint.COMPLETE) {
        none *= 1 - rule.probability();
      }
    }
    assertThat(1 - none).isCloseTo(0.3, Offset.offset(1e-9));
    assertThat(rules.get(rules.size() - 1).delay()).isEqualTo(Duration.ofMillis(20));
    assertThat(rules).extracting(FaultRule::kind).contains(FaultKind.values());
  }
}
