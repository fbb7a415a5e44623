package dev.payscore.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ServiceTimeTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"20091225091010", "20240229235959", "20000101000000", "20091225", "20240229"})
  void parseThenTextGivesTheSameText(String text) {
    assertThat(ServiceTime.parse(text).text()).isEqualTo(text);
  }

  @Test
  void precisionIsKept() {
    assertThat(ServiceTime.parse("20091225091010").precision()).isEqualTo(TimePrecision.SECOND);
    assertThat(ServiceTime.parse("20091225").precision()).isEqualTo(TimePrecision.DAY);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "OnAccept",
        "2009122509101",
        "200912250910100",
        "2009-12-25",
        "20091325",
        "20230229",
        "20091225246000",
        "20091225091060",
        "2009122509101a",
        "２００９１２２５",
        " 20091225",
        "+0091225"
      })
  void anythingElseIsRefused(String text) {
    assertThat(ServiceTime.tryParse(text)).isEmpty();
    assertThatThrownBy(() -> ServiceTime.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text);
  }

  @Test
  void timesAreBeijingTime() {
    ServiceTime time = ServiceTime.parse("20091225091010");
    assertThat(time.start()).isEqualTo(Instant.parse("2009-12-25T01:10:10Z"));
    assertThat(ServiceTime.ofSeconds(Instant.parse("2009-12-25T01:10:10.900Z")).text())
        .isEqualTo("20091225091010");
    assertThat(ServiceTime.ofDay(Instant.parse("2009-12-24T16:00:00Z")).text())
        .isEqualTo("20091225");
  }

  @Test
  void aDayStandsForItsWholeBeijingDay() {
    ServiceTime day = ServiceTime.parse("20091225");
    assertThat(day.start()).isEqualTo(Instant.parse("2009-12-24T16:00:00Z"));
    assertThat(day.end()).isEqualTo(Instant.parse("2009-12-25T15:59:59Z"));
  }

  @Test
  void instantRoundTripsAtSecondPrecision() {
    Instant instant = Instant.parse("2026-11-26T08:05:10Z");
    assertThat(ServiceTime.parse(ServiceTime.ofSeconds(instant).text()).start()).isEqualTo(instant);
  }

  @Test
  void constructorRefusesTimesThePrecisionCannotWrite() {
    assertThatThrownBy(
            () -> new ServiceTime(LocalDateTime.of(2009, 12, 25, 9, 0), TimePrecision.DAY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new ServiceTime(LocalDateTime.of(2009, 12, 25, 9, 0, 0, 5), TimePrecision.SECOND))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
