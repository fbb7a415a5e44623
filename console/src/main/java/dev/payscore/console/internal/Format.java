package dev.payscore.console.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/** How the console writes times (Asia/Shanghai, offset shown), ages and amounts. */
public final class Format {
  /** WeChat's time zone, and the merchants'. */
  public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx").withZone(SHANGHAI);
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("HH:mm").withZone(SHANGHAI);

  private Format() {}

  /** "2026-12-08 09:13:04 +08:00", escaped HTML with the UTC instant on hover. */
  public static String time(@Nullable Instant at) {
    if (at == null) {
      return "";
    }
    return "<time datetime=\"" + Html.escape(at) + "\" title=\"" + Html.escape(at) + "\">"
        + Html.escape(TIME.format(at)) + "</time>";
  }

  /** "09:13" in Shanghai. */
  public static String minute(Instant at) {
    return MINUTE.format(at);
  }

  /** "2 d 3 h", "3 h 12 min", "45 s" (or 2天3小时 …). */
  public static String age(Duration age, Lang lang) {
    long s = Math.max(0, age.toSeconds());
    boolean zh = lang == Lang.ZH;
    if (s < 60) {
      return s + (zh ? "秒" : " s");
    }
    long m = s / 60;
    if (m < 60) {
      return m + (zh ? "分" : " min");
    }
    long h = m / 60;
    if (h < 24) {
      return h + (zh ? "小时" : " h ") + (m % 60) + (zh ? "分" : " min");
    }
    return (h / 24) + (zh ? "天" : " d ") + (h % 24) + (zh ? "小时" : " h");
  }

  /** "¥12.34", fen on hover ("1234 fen" / "1234 分"); empty for no amount. */
  public static String amount(@Nullable Long fen, Lang lang) {
    if (fen == null) {
      return "";
    }
    String yuan = BigDecimal.valueOf(fen, 2).toPlainString();
    return "<span class=\"amount\" title=\"" + fen + (lang == Lang.ZH ? " 分" : " fen") + "\">¥"
        + Html.escape(yuan) + "</span>";
  }
}
