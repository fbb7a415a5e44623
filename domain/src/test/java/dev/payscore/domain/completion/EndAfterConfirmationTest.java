package dev.payscore.domain.completion;

import static dev.payscore.domain.completion.DefaultEndTimeTest.onAccept;
import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.CompleteOrder;
import dev.payscore.PostPayment;
import dev.payscore.Rule;
import dev.payscore.TimeRange;
import dev.payscore.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An {@code OnAccept} order's service starts when the user confirms: an explicit end at or before
 * that second is refused locally, as WeChat refuses it ({@code 真实结束时间小于预计开始时间}).
 */
final class EndAfterConfirmationTest {
  // confirmed 2026-11-26 16:00:00.400 in Beijing; validated a minute later
  private static final Instant CONFIRMED = Instant.parse("2026-11-26T08:00:00.400Z");
  private final CompletionValidator validator =
      new CompletionValidator(Clock.fixed(CONFIRMED.plusSeconds(60), ZoneOffset.UTC));

  @Test
  void anEndBeforeOrInTheSecondOfTheConfirmationIsRefusedWithItsRule() {
    assertThat(validator.validate(ending("20261126155959"), onAccept(CONFIRMED)))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("time_range.end_time");
              assertThat(v.rule()).isEqualTo(Rule.END_TIME_BEFORE_CONFIRMATION);
              assertThat(v.value()).isEqualTo("20261126155959");
              assertThat(v.message()).contains("20261126160000");
            });
    assertThat(rules(validator.validate(ending("20261126160000"), onAccept(CONFIRMED))))
        .containsExactly(Rule.END_TIME_BEFORE_CONFIRMATION);
  }

  @Test
  void anEndAfterTheConfirmationPasses() {
    assertThat(validator.validate(ending("20261126160001"), onAccept(CONFIRMED))).isEmpty();
  }

  @Test
  void withoutAKnownConfirmationTimeTheRuleIsNotApplied() {
    assertThat(validator.validate(ending("20261126155959"), onAccept(null))).isEmpty();
  }

  @Test
  void anExplicitStartAtCompleteIsWhatTheEndIsComparedWith() {
    assertThat(
            rules(
                validator.validate(
                    ending(TimeRange.between("20261126155950", "20261126155959")),
                    onAccept(CONFIRMED))))
        .isEmpty();
  }

  private static CompleteOrder ending(String end) {
    return ending(TimeRange.between(null, end));
  }

  private static CompleteOrder ending(TimeRange range) {
    return new CompleteOrder(
        Requests.APPID,
        Requests.SERVICE_ID,
        List.of(new PostPayment("费用", 1L, null, null)),
        List.of(),
        1,
        range,
        null,
        null,
        null,
        null);
  }

  private static List<Rule> rules(List<Violation> violations) {
    return violations.stream().map(Violation::rule).toList();
  }
}
