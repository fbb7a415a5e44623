package dev.payscore;

import dev.payscore.domain.model.ServiceTime;
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

  public static TimeRange between(@Nullable String startTime, @Nullable String endTime) {
    return new TimeRange(startTime, null, endTime, null);
  }
}
