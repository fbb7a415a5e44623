package dev.payscore.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Escaping, labels in both languages, times, amounts and hiding the openid. */
final class RenderingTest {

  @Test
  void everyCharacterThatMeansSomethingInHtmlIsEscaped() {
    assertThat(Html.escape("<a href=\"x\" onclick='y'>&</a>\u0007"))
        .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;&#xfffd;");
    assertThat(Html.escape(null)).isEmpty();
  }

  @Test
  void everyLabelHasBothLanguagesAndTheChineseIsChinese() {
    assertThat(Labels.keys()).allSatisfy(key -> {
      assertThat(Labels.get(Lang.EN, key)).as(key).isNotBlank();
      assertThat(Labels.get(Lang.ZH, key)).as(key).isNotBlank();
    });
    assertThat(Labels.keys().stream().filter(k -> !Labels.get(Lang.ZH, k).matches(".*\\p{IsHan}.*")))
        .as("labels whose Chinese has no Chinese character")
        .isEmpty();
    assertThat(Labels.get(Lang.ZH, "order.notFound", "A-1")).contains("A-1");
  }

  @Test
  void timesAreInShanghaiWithTheOffsetAndAmountsInYuanWithFenOnHover() {
    assertThat(Format.time(Instant.parse("2026-12-07T16:05:09Z")))
        .contains(">2026-12-08 00:05:09 +08:00<")
        .contains("title=\"2026-12-07T16:05:09Z\"");
    assertThat(Format.amount(12345L, Lang.EN)).isEqualTo("<span class=\"amount\" title=\"12345 fen\">¥123.45</span>");
    assertThat(Format.amount(5L, Lang.ZH)).isEqualTo("<span class=\"amount\" title=\"5 分\">¥0.05</span>");
    assertThat(Format.amount(null, Lang.EN)).isEmpty();
    assertThat(Format.age(Duration.ofMinutes(61 * 24 + 5), Lang.EN)).isEqualTo("1 d 0 h");
    assertThat(Format.age(Duration.ofMinutes(192), Lang.ZH)).isEqualTo("3小时12分");
  }

  @Test
  void theOpenidIsHiddenWhereverItAppears() {
    String openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

    assertThat(Privacy.mask("{\"openid\": \"" + openid + "\", \"sub_openid\":\"o2\"} user " + openid, openid))
        .isEqualTo("{\"openid\": \"***\", \"sub_openid\":\"***\"} user ***");
    assertThat(Privacy.mask(null, openid)).isNull();
  }

  @Test
  void theChartHasABarPerBusyMinuteWithItsCountOnHover() {
    int[] perMinute = new int[120];
    perMinute[119] = 4;
    perMinute[60] = 2;

    String svg = Pages.chart(perMinute, Instant.parse("2026-12-08T01:30:00Z"));

    assertThat(svg).startsWith("<svg id=\"chart\"").endsWith("</svg>");
    assertThat(svg.split("<rect", -1)).hasSize(3);
    assertThat(svg).contains("<title>09:30 +08:00: 4</title>", "<title>08:31 +08:00: 2</title>", ">09:00<");
  }
}
