package dev.payscore;

import dev.payscore.domain.model.ServiceTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@code time_range} as WeChat carries it: texts in {@code yyyyMMddHHmmss} or {@code yyyyMMdd}
 * (or {@code OnAccept} for a create start). Parse with {@link ServiceTime#tryParse}.
 */
public record TimeRange(
    @Nullable String startTime,
    @Nullable String startTimeRemark,
    @Nullable String endTime,
    @Nullable String endTimeRemark) {

  /** From {@code startTime} to {@code endTime}, either absent, without remarks. */
  public static TimeRange between(@Nullable String startTime, @Nullable String endTime) {
    return new TimeRange(startTime, null, endTime, null);
  }

  /** A create's range that starts when the user confirms ({@code OnAccept}), no expected end. */
  public static TimeRange onAccept() {
    return between(ServiceTime.ON_ACCEPT, null);
  }

  /** A range that starts at {@code startTime}, end absent. */
  public static TimeRange startingAt(String startTime) {
    return between(Objects.requireNonNull(startTime, "startTime == null"), null);
  }

  /** A completion's range: only the actual end, {@code yyyyMMddHHmmss} or {@code yyyyMMdd}. */
  public static TimeRange endingAt(String endTime) {
    return between(null, Objects.requireNonNull(endTime, "endTime == null"));
  }

  /** This range with another end time. */
  public TimeRange withEndTime(@Nullable String value) {
    return new TimeRange(startTime, startTimeRemark, value, endTimeRemark);
  }

  /** This range with a start remark (shown to the user, at most 20 characters). */
  public TimeRange withStartTimeRemark(@Nullable String value) {
    return new TimeRange(startTime, value, endTime, endTimeRemark);
  }

  /** This range with an end remark (shown to the user, at most 20 characters). */
  public TimeRange withEndTimeRemark(@Nullable String value) {
    return new TimeRange(startTime, startTimeRemark, endTime, value);
  }
}
