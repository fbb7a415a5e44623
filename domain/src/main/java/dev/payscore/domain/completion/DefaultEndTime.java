package dev.payscore.domain.completion;

import dev.payscore.TimeRange;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.model.ServiceTime;
import dev.payscore.domain.model.TimePrecision;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code time_range.end_time} filled in when a completion leaves it out and the order was
 * created without one: "now" in the order's precision, but never before the service's start.
 *
 * <p>WeChat wants {@code start < end ≤ the time of the complete call} (§4.3; a day-precision end
 * may fall on the start's day) and refuses an end before the start with {@code
 * 真实结束时间小于预计开始时间}. The start is the one written at create or, for an {@code OnAccept}
 * order, the second the user confirmed ({@link ServiceOrder#confirmedAt()}). So the end is clamped
 * to the first time after the start that WeChat accepts: in the very second the user confirmed,
 * that is the next second, a moment that has not come yet. Such a completion is held back: {@link
 * #sendAfter} is when it may be sent (one second after the end, a margin for WeChat's clock being
 * behind ours); otherwise it is {@code now}.
 *
 * <pre>{@code
 * DefaultEndTime end = DefaultEndTime.of(order, clock.instant());
 * // confirmed 10:00:00.400, returned 10:00:00.700: end 100001 (10:00:01), sendAfter 10:00:02
 * }</pre>
 */
public record DefaultEndTime(ServiceTime end, Instant sendAfter) {
  /** How long after a clamped end the completion is held back: WeChat's clock may be behind. */
  public static final Duration MARGIN = Duration.ofSeconds(1);

  public DefaultEndTime {
    Objects.requireNonNull(end, "end == null");
    Objects.requireNonNull(sendAfter, "sendAfter == null");
  }

  /** The end time for a completion of {@code order} requested at {@code now}. */
  public static DefaultEndTime of(ServiceOrder order, Instant now) {
    Objects.requireNonNull(order, "order == null");
    Objects.requireNonNull(now, "now == null");
    TimePrecision precision = precisionOf(order.timeRange());
    ServiceTime end = ServiceTime.of(now, precision);
    Optional<ServiceTime> start = order.serviceStart().filter(s -> s.precision() == precision);
    if (start.isPresent()) {
      ServiceTime earliest = earliestEnd(start.get());
      if (earliest.compareTo(end) > 0) {
        return new DefaultEndTime(earliest, earliest.start().plus(MARGIN));
      }
    }
    return new DefaultEndTime(end, now);
  }

  /** Whether the completion must wait before it is sent ({@link #sendAfter} is later than now). */
  public boolean heldBack(Instant now) {
    return sendAfter.isAfter(now);
  }

  /** Seconds: the second after the start. Days: the start's day. */
  private static ServiceTime earliestEnd(ServiceTime start) {
    return start.precision() == TimePrecision.DAY
        ? start
        : ServiceTime.ofSeconds(start.start().plusSeconds(1));
  }

  /** The precision the order was created with; {@code OnAccept} means seconds. */
  static TimePrecision precisionOf(TimeRange created) {
    for (String text : new String[] {created.startTime(), created.endTime()}) {
      if (text != null) {
        Optional<ServiceTime> time = ServiceTime.tryParse(text);
        if (time.isPresent()) {
          return time.get().precision();
        }
      }
    }
    return TimePrecision.SECOND;
  }
}
