package dev.payscore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

final class MutableClockTest {
  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

  @Test
  void standsStillUntilMoved() {
    MutableClock clock = MutableClock.at(T0);
    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.millis()).isEqualTo(T0.toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
  }

  @Test
  void advanceAndSetMoveIt() {
    MutableClock clock = MutableClock.at(T0);
    assertThat(clock.advance(Duration.ofSeconds(90))).isEqualTo(T0.plusSeconds(90));
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(90));
    clock.set(T0.minusSeconds(1));
    assertThat(clock.instant()).isEqualTo(T0.minusSeconds(1));
  }

  @Test
  void zoneViewsShareTheTime() {
    MutableClock clock = MutableClock.at(T0);
    MutableClock utc = clock.withZone(ZoneOffset.UTC);
    clock.advance(Duration.ofMinutes(1));
    assertThat(utc.instant()).isEqualTo(T0.plusSeconds(60));
    assertThat(utc.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void refusesToAdvanceBackwards() {
    assertThatThrownBy(() -> MutableClock.at(T0).advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duration < 0: PT-1S");
  }
}
