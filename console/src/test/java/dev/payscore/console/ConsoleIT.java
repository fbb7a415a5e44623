package dev.payscore.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.MerchantId;
import dev.payscore.PayScore;
import dev.payscore.testing.ServiceOrderFixtures;
import dev.payscore.testing.database.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's pages and its one write on the database a demo-like run left, called without an
 * HTTP server: what each page shows, what it hides, escaping, CSRF, merchant scoping, validation.
 */
@Tag("postgres")
@ExtendWith(TestDatabase.class)
final class ConsoleIT {
  private static DataSource dataSource;
  private static PayScore payScore;
  private static Console console;

  @BeforeAll
  static void aDemoRan(DataSource ds) {
    dataSource = ds;
    DemoLikeRun.leave(ds);
    payScore = DemoLikeRun.operatorFacade(ds);
    console = Console.builder().dataSource(ds).payScore(payScore).build();
  }

  @AfterAll
  static void close() {
    payScore.close();
  }

  private static ConsoleResponse get(Console c, String path, String... params) {
    return c.handle(request("GET", path, Map.of(), params));
  }

  private static ConsoleRequest request(
      String method, String path, Map<String, String> cookies, String... params) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < params.length; i += 2) {
      map.computeIfAbsent(params[i], k -> new ArrayList<>()).add(params[i + 1]);
    }
    return new ConsoleRequest(method, "", path, map, cookies, Map.of("host", "127.0.0.1:1"), null, Map.of());
  }

  @Test
  void needsAttentionListsTheStuckAndTheQuarantinedWithTheirReasonAndTheFailed() {
    ConsoleResponse page = get(console, "/attention");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).hasValue("text/html; charset=utf-8");
    String html = page.text();
    assertThat(section(html, "attention-table"))
        .contains(DemoLikeRun.ATTENTION, DemoLikeRun.QUARANTINED, "re-entry mismatch", "quarantined", "SHA-256")
        .doesNotContain(DemoLikeRun.OK_1, DemoLikeRun.FAILED);
    assertThat(section(html, "failed-table")).contains(DemoLikeRun.FAILED);
  }

  @Test
  void whatWeChatSaidIsEscapedNeverMarkup() {
    String html = get(console, "/order", "no", DemoLikeRun.FAILED).text();

    assertThat(html)
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .doesNotContain("<script>");
  }

  @Test
  void theTimelineShowsAttemptsWithWeChatsAnswerAmountsInYuanAndHidesTheOpenid() {
    ConsoleResponse page = get(console, "/order", "no", DemoLikeRun.ATTENTION);

    String html = page.text();
    assertThat(page.status()).isEqualTo(200);
    assertThat(section(html, "timeline"))
        .contains("COMPLETION_REQUESTED", "COMPLETION_ATTEMPTED", "COMPLETION_NEEDS_ATTENTION")
        .contains("INVALID_REQUEST 订单重入参数校验失败")
        .containsPattern("title=\"\\d+ fen\">¥\\d+\\.\\d\\d<")
        .containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+08:00");
    assertThat(html).doesNotContain(ServiceOrderFixtures.OPENID).contains("id=\"retry\"");
    assertThat(
            Console.builder().dataSource(dataSource).payScore(payScore).showPersonalData(true).build()
                .handle(request("GET", "/order", Map.of(), "no", DemoLikeRun.ATTENTION))
                .text())
        .contains(ServiceOrderFixtures.OPENID);
  }

  @Test
  void aRetryWithoutTheFormsCsrfTokenOrFromAnotherOriginIsRefused() {
    ConsoleResponse page = get(console, "/order", "no", DemoLikeRun.QUARANTINED);
    String csrf = cookie(page, Console.CSRF_COOKIE);

    ConsoleResponse missing =
        console.handle(request("POST", "/retry", Map.of(Console.CSRF_COOKIE, csrf), "mchid", DemoLikeRun.MCHID.value(),
            "no", DemoLikeRun.QUARANTINED, "operator", "mallory", "reason", "r"));
    ConsoleResponse wrong =
        console.handle(request("POST", "/retry", Map.of(Console.CSRF_COOKIE, csrf), "csrf", csrf + "x",
            "mchid", DemoLikeRun.MCHID.value(), "no", DemoLikeRun.QUARANTINED, "operator", "mallory", "reason", "r"));
    ConsoleResponse elsewhere =
        console.handle(
            new ConsoleRequest("POST", "", "/retry",
                Map.of("csrf", List.of(csrf), "mchid", List.of(DemoLikeRun.MCHID.value()),
                    "no", List.of(DemoLikeRun.QUARANTINED), "operator", List.of("m"), "reason", List.of("r")),
                Map.of(Console.CSRF_COOKIE, csrf),
                Map.of("host", "127.0.0.1:8080", "origin", "http://evil.example"), null, Map.of()));
    ConsoleResponse get = get(console, "/retry");

    assertThat(List.of(missing.status(), wrong.status(), elsewhere.status())).containsOnly(403);
    assertThat(missing.text()).contains("CSRF");
    assertThat(get.status()).isEqualTo(405);
    assertThat(get.header("Allow")).hasValue("POST");
    assertThat(historyTypes(DemoLikeRun.QUARANTINED)).doesNotContain("OPERATOR_RETRY");
  }

  @Test
  void aRetryNamesEveryMissingFieldAtOnceAndWritesNothing() {
    String csrf = cookie(get(console, "/"), Console.CSRF_COOKIE);

    ConsoleResponse answer =
        console.handle(request("POST", "/retry", Map.of(Console.CSRF_COOKIE, csrf), "csrf", csrf,
            "mchid", DemoLikeRun.MCHID.value(), "no", DemoLikeRun.QUARANTINED, "operator", " ", "reason", ""));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(section(answer.text(), "errors")).contains("operator: required", "reason: required");
    assertThat(historyTypes(DemoLikeRun.QUARANTINED)).doesNotContain("OPERATOR_RETRY");
  }

  @Test
  void aQuarantinedIntentThatStillCannotBeReadIsNotRetriedAndTheTimelineSaysWhy() {
    String csrf = cookie(get(console, "/"), Console.CSRF_COOKIE);

    ConsoleResponse answer =
        console.handle(request("POST", "/retry", Map.of(Console.CSRF_COOKIE, csrf), "csrf", csrf,
            "mchid", DemoLikeRun.MCHID.value(), "no", DemoLikeRun.QUARANTINED, "operator", "ops:ann",
            "reason", "looked at it"));

    assertThat(answer.status()).isEqualTo(303);
    String location = answer.header("Location").orElseThrow();
    assertThat(location).contains("result=unreadable");
    ConsoleResponse timeline = console.handle(request("GET", "/order", Map.of(), query(location)));
    assertThat(section(timeline.text(), "retry-result")).contains("still cannot be read");
  }

  @Test
  void merchantScopingHidesAndRefusesOtherMerchants() {
    Console elsewhere =
        Console.builder().dataSource(dataSource).payScore(payScore).merchants(MerchantId.of("1230000109")).build();
    String csrf = cookie(get(elsewhere, "/"), Console.CSRF_COOKIE);

    assertThat(get(elsewhere, "/attention").text()).contains("attention-none").doesNotContain(DemoLikeRun.ATTENTION);
    assertThat(get(elsewhere, "/intents").text()).doesNotContain("DEMO-");
    assertThat(get(elsewhere, "/order", "no", DemoLikeRun.ATTENTION).status()).isEqualTo(404);
    assertThat(get(elsewhere, "/intents", "mchid", DemoLikeRun.MCHID.value()).status()).isEqualTo(400);
    ConsoleResponse retry =
        elsewhere.handle(request("POST", "/retry", Map.of(Console.CSRF_COOKIE, csrf), "csrf", csrf,
            "mchid", DemoLikeRun.MCHID.value(), "no", DemoLikeRun.ATTENTION, "operator", "x", "reason", "y"));
    assertThat(retry.status()).isEqualTo(400);
    assertThat(retry.text()).contains("not among this console");
    assertThat(historyTypes(DemoLikeRun.ATTENTION)).doesNotContain("OPERATOR_RETRY");
  }

  @Test
  void intentsAreFilteredAndPagedByKeyset() {
    ConsoleResponse first = get(console, "/intents", "kind", "complete", "limit", "2");
    String next = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"").matcher(first.text()).results()
        .map(m -> m.group(1).replace("&amp;", "&")).findFirst().orElseThrow();
    ConsoleResponse second = console.handle(request("GET", "/intents", Map.of(), query(next)));
    ConsoleResponse failed = get(console, "/intents", "status", "FAILED");

    assertThat(rows(first.text())).hasSize(2);
    assertThat(rows(second.text())).hasSize(2).doesNotContainAnyElementsOf(rows(first.text()));
    assertThat(rows(failed.text())).containsExactly(DemoLikeRun.FAILED);
  }

  @Test
  void everyWrongFilterIsNamedAtOnce() {
    ConsoleResponse page =
        get(console, "/intents", "status", "DONE", "kind", "refund", "from", "yesterday", "after", "zz");

    assertThat(page.status()).isEqualTo(400);
    assertThat(section(page.text(), "errors"))
        .contains("status: not one of PENDING", "kind: not one of COMPLETE", "from: not a time", "after: not a cursor");
  }

  @Test
  void theOverviewCountsByStatusAndChartsTheCompletionsOfTheLastHours() {
    String html = get(console, "/").text();

    assertThat(section(html, "by-status")).contains("SUCCEEDED", "NEEDS_ATTENTION", "FAILED");
    assertThat(html).contains("<svg id=\"chart\"").contains("2 in all").containsPattern("<title>\\d\\d:\\d\\d \\+08:00: 2</title>");
  }

  @Test
  void theLangSwitchTurnsTheLabelsChineseAndIsRemembered() {
    ConsoleResponse zh = get(console, "/attention", "lang", "zh");

    assertThat(zh.text()).contains("<html lang=\"zh-CN\"").contains("需要人工处理的意图").contains("时间为北京时间");
    assertThat(zh.headers()).anySatisfy(h -> assertThat(h.value()).startsWith(Console.LANG_COOKIE + "=zh;"));
    assertThat(console.handle(request("GET", "/", Map.of(Console.LANG_COOKIE, "zh"))).text()).contains("各状态的意图数");
  }

  @Test
  void anUnknownPageIs404AndEveryAnswerForbidsFramingAndScripts() {
    ConsoleResponse page = get(console, "/nope");

    assertThat(page.status()).isEqualTo(404);
    assertThat(page.header("Content-Security-Policy")).hasValueSatisfying(p -> assertThat(p).startsWith("default-src 'none'"));
    assertThat(page.header("X-Frame-Options")).hasValue("DENY");
  }

  // ---- helpers ----

  private static List<String> historyTypes(String no) {
    return payScore.history().ofOrder(DemoLikeRun.MCHID, dev.payscore.OutOrderNo.of(no)).stream()
        .map(e -> e.entry().type().name()).toList();
  }

  static String cookie(ConsoleResponse response, String name) {
    return response.headers().stream()
        .filter(h -> h.name().equals("Set-Cookie") && h.value().startsWith(name + "="))
        .map(h -> h.value().substring(name.length() + 1, h.value().indexOf(';')))
        .findFirst().orElseThrow();
  }

  /** The element with {@code id} up to its end tag, roughly: enough to say what is inside it. */
  static String section(String html, String id) {
    int start = html.indexOf("id=\"" + id + "\"");
    assertThat(start).as("element #" + id).isNotNegative();
    int end = html.indexOf("</table>", start);
    int endP = html.indexOf("</p>", start);
    int endDiv = html.indexOf("</div>", start);
    int stop = html.length();
    for (int e : new int[] {end, endP, endDiv}) {
      if (e > start) {
        stop = Math.min(stop, e);
      }
    }
    return html.substring(start, stop);
  }

  private static List<String> rows(String html) {
    Matcher m = Pattern.compile("class=\"order-link\" href=\"[^\"]*\">([^<]+)</a>").matcher(section(html, "intents-table"));
    List<String> orders = new ArrayList<>();
    while (m.find()) {
      orders.add(m.group(1));
    }
    return orders;
  }

  private static String[] query(String location) {
    String q = location.substring(location.indexOf('?') + 1);
    List<String> pairs = new ArrayList<>();
    ConsoleRequest.parseUrlEncoded(q).forEach((k, v) -> v.forEach(x -> { pairs.add(k); pairs.add(x); }));
    return pairs.toArray(String[]::new);
  }

}
