package dev.payscore.domain.completion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.AppId;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.ServiceId;
import dev.payscore.TimeRange;
import dev.payscore.domain.model.ConfirmationMode;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class DefaultEndTimeTest {
  // 2026-11-26 16:00:00.400 in Beijing
  private static final Instant CONFIRMED = Instant.parse("2026-11-26T08:00:00.400Z");

  @Test
  void returningInTheSecondTheUserConfirmedEndsInTheNextSecondAndWaitsForIt() {
    Instant now = CONFIRMED.plusMillis(300);

    DefaultEndTime end = DefaultEndTime.of(onAccept(CONFIRMED), now);

    assertThat(end.end().text()).isEqualTo("20261126160001");
    assertThat(end.sendAfter()).isEqualTo(Instant.parse("2026-11-26T08:00:02Z"));
    assertThat(end.heldBack(now)).isTrue();
  }

  @Test
  void returningLaterEndsNowAndIsSentAtOnce() {
    Instant now = CONFIRMED.plusSeconds(90);

    DefaultEndTime end = DefaultEndTime.of(onAccept(CONFIRMED), now);

    assertThat(end.end().text()).isEqualTo("20261126160130");
    assertThat(end.sendAfter()).isEqualTo(now);
    assertThat(end.heldBack(now)).isFalse();
  }

  @Test
  void theNextSecondAfterTheConfirmationIsAlreadyAcceptable() {
    Instant now = Instant.parse("2026-11-26T08:00:01.050Z");

    DefaultEndTime end = DefaultEndTime.of(onAccept(CONFIRMED), now);

    assertThat(end.end().text()).isEqualTo("20261126160001");
    assertThat(end.heldBack(now)).isFalse();
  }

  @Test
  void anUnknownConfirmationTimeLeavesTheEndAtNow() {
    Instant now = CONFIRMED.plusMillis(300);

    DefaultEndTime end = DefaultEndTime.of(onAccept(null), now);

    assertThat(end.end().text()).isEqualTo("20261126160000");
    assertThat(end.heldBack(now)).isFalse();
  }

  @Test
  void aServiceStartingLaterThanNowIsNeverEndedBeforeItsStart() {
    Instant now = CONFIRMED;

    DefaultEndTime seconds = DefaultEndTime.of(created("20261126170000"), now);
    DefaultEndTime days = DefaultEndTime.of(created("20261128"), now);

    assertThat(seconds.end().text()).isEqualTo("20261126170001");
    assertThat(seconds.sendAfter()).isEqualTo(Instant.parse("2026-11-26T09:00:02Z"));
    // a day-precision end may be the start's day
    assertThat(days.end().text()).isEqualTo("20261128");
    assertThat(days.sendAfter()).isEqualTo(Instant.parse("2026-11-27T16:00:01Z"));
  }

  @Test
  void aDayPrecisionServiceStartedEarlierEndsToday() {
    assertThat(DefaultEndTime.of(created("20261120"), CONFIRMED).end().text())
        .isEqualTo("20261126");
  }

  static ServiceOrder onAccept(@Nullable Instant confirmedAt) {
    ServiceOrder order = created("OnAccept");
    return confirmedAt == null ? order : order.withConfirmation(confirmedAt);
  }

  static ServiceOrder created(String start) {
    return new ServiceOrder(
        MerchantId.of("1230000109"),
        OutOrderNo.of("1234323JKHDFE1243252"),
        AppId.of(Requests.APPID),
        ServiceId.of(Requests.SERVICE_ID),
        "充电宝",
        ConfirmationMode.CONFIRM,
        LifecycleState.DOING_USER_CONFIRM,
        RiskFund.of(RiskFundName.DEPOSIT, 9900),
        TimeRange.between(start, null),
        List.of(),
        List.of(),
        null,
        null,
        "https://merchant.example/notify",
        null,
        null,
        null,
        null,
        null, null,
        0);
  }
}
