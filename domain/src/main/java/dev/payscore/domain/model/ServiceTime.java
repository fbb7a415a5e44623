package dev.payscore.domain.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Objects;
import java.util.Optional;

/**
 * A Pay Score service time: {@code yyyyMMddHHmmss} or {@code yyyyMMdd} in Beijing time
 * (Asia/Shanghai), with its precision kept so that it is written back exactly as it was read.
 * These are not RFC 3339 times.
 */
public record ServiceTime(LocalDateTime value, TimePrecision precision) implements Comparable<ServiceTime> {
  public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  /** The literal WeChat accepts for {@code time_range.start_time} at create only. */
  public static final String ON_ACCEPT = "OnAccept";

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter DAYS =
      DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

  public ServiceTime {
    Objects.requireNonNull(value, "value == null");
    Objects.requireNonNull(precision, "precision == null");
    if (precision == TimePrecision.DAY && !value.toLocalTime().equals(LocalTime.MIDNIGHT)) {
      throw new IllegalArgumentException("a day-precision time has no time of day: " + value);
    }
    if (precision == TimePrecision.SECOND && value.getNano() != 0) {
      throw new IllegalArgumentException("a second-precision time has no fraction: " + value);
    }
  }

  /** Parses {@code yyyyMMddHHmmss} or {@code yyyyMMdd}; throws on anything else. */
  public static ServiceTime parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "not a yyyyMMddHHmmss or yyyyMMdd time: \"" + text + "\""));
  }

  /** Parses {@code yyyyMMddHHmmss} or {@code yyyyMMdd}; empty on anything else. */
  public static Optional<ServiceTime> tryParse(String text) {
    Objects.requireNonNull(text, "text == null");
    try {
      if (text.length() == 14 && isDigits(text)) {
        return Optional.of(
            new ServiceTime(LocalDateTime.parse(text, SECONDS), TimePrecision.SECOND));
      }
      if (text.length() == 8 && isDigits(text)) {
        return Optional.of(
            new ServiceTime(LocalDate.parse(text, DAYS).atStartOfDay(), TimePrecision.DAY));
      }
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** The second-precision time of an instant, in Beijing time. */
  public static ServiceTime ofSeconds(Instant instant) {
    return new ServiceTime(
        LocalDateTime.ofInstant(instant, BEIJING).withNano(0), TimePrecision.SECOND);
  }

  /** The day-precision time of an instant's Beijing date. */
  public static ServiceTime ofDay(Instant instant) {
    return new ServiceTime(
        LocalDate.ofInstant(instant, BEIJING).atStartOfDay(), TimePrecision.DAY);
  }

  /** The same moment rendered in the given precision (a day drops its time of day). */
  public static ServiceTime of(Instant instant, TimePrecision precision) {
    return precision == TimePrecision.DAY ? ofDay(instant) : ofSeconds(instant);
  }

  /** The first instant this time stands for (a day: its 00:00:00). */
  public Instant start() {
    return value.atZone(BEIJING).toInstant();
  }

  /** The last instant this time stands for (a day: its 23:59:59, the old doc's reading). */
  public Instant end() {
    return precision == TimePrecision.DAY
        ? value.plusDays(1).minusSeconds(1).atZone(BEIJING).toInstant()
        : start();
  }

  /** The wire text, in the precision it was made with. */
  public String text() {
    return precision == TimePrecision.DAY ? DAYS.format(value) : SECONDS.format(value);
  }

  @Override
  public int compareTo(ServiceTime other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return text();
  }

  private static boolean isDigits(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
