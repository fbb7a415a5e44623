package dev.payscore.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.PayScore;
import dev.payscore.testing.database.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in a real browser: headless Chromium driven by chromedriver (Debian's {@code
 * chromium} and {@code chromium-driver}), on the database a demo-like run left. An operator opens
 * the needs-attention page, opens an order's timeline, retries it with a reason, and sees the retry
 * in the timeline; without the token, the console bound beyond loopback refuses the browser. Each
 * page is saved as a screenshot in {@code target/console-screenshots/} (the README's pictures: copy
 * them to {@code docs/console/}).
 *
 * <p>Without a browser it fails when the environment says {@code CI=true} (CI installs one), and
 * is skipped with a message on a developer's machine.
 */
@Tag("postgres")
@Tag("browser")
@ExtendWith(TestDatabase.class)
final class BrowserIT {
  private static final Path CHROMIUM = Path.of(System.getProperty("payscore.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("payscore.chromedriver", "/usr/bin/chromedriver"));
  private static final Path SHOTS = Path.of("target", "console-screenshots");
  private static final String TOKEN = "browser-test-token-0123456789";

  private static PayScore payScore;
  private static ConsoleServer server;
  private static ChromeDriver browser;
  private static Path profile;
  private static String noBrowser;

  @BeforeAll
  static void aDemoRanAndTheConsoleIsServedBeyondLoopback(DataSource dataSource) throws IOException {
    List<String> missing =
        java.util.stream.Stream.of(CHROMIUM, CHROMEDRIVER).filter(p -> !Files.isExecutable(p)).map(Path::toString).toList();
    if (!missing.isEmpty()) {
      String message =
          "no browser for the console's browser test: " + String.join(", ", missing)
              + " missing (apt-get install chromium chromium-driver)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(message + "; CI=true, so this is a failure, not a skip");
      }
      // skipped test by test (below), so that the report counts it skipped and says why
      noBrowser = message;
      return;
    }
    DemoLikeRun.leave(dataSource);
    payScore = DemoLikeRun.operatorFacade(dataSource);
    Console console = Console.builder().dataSource(dataSource).payScore(payScore).build();
    server = ConsoleServer.start(console, new InetSocketAddress("0.0.0.0", 0), TOKEN);
    profile = Files.createTempDirectory("payscore-console-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1366,900", "--lang=en-US", "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void close() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (payScore != null) {
      payScore.close();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String base() {
    return "http://127.0.0.1:" + server.address().getPort();
  }

  /** The whole page, beyond the window (Chromium's DevTools screenshot). */
  @SuppressWarnings("unchecked")
  private static void shot(String name) throws IOException {
    Map<String, Object> metrics = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
    Map<String, Object> clip =
        Map.of(
            "x", 0, "y", 0, "scale", 1,
            "width", ((Number) size.get("width")).doubleValue(),
            "height", ((Number) size.get("height")).doubleValue());
    Map<String, Object> png =
        browser.executeCdpCommand(
            "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    Files.write(SHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) png.get("data")));
  }

  @Test
  void anOperatorFindsWhatNeedsAttentionRetriesItAndSeesTheRetryInTheTimeline() throws IOException {
    Assumptions.assumeTrue(noBrowser == null, () -> noBrowser);
    browser.get(base() + "/attention");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("a token is required");
    shot("0-refused-without-token");

    browser.get(base() + "/attention?token=" + TOKEN);
    assertThat(browser.getCurrentUrl()).isEqualTo(base() + "/attention");
    WebElement attention = browser.findElement(By.id("attention-table"));
    assertThat(attention.getText())
        .contains(DemoLikeRun.ATTENTION, DemoLikeRun.QUARANTINED, "quarantined", "re-entry mismatch");
    assertThat(browser.findElement(By.id("failed-table")).getText()).contains(DemoLikeRun.FAILED);
    shot("1-needs-attention");

    attention.findElement(By.linkText(DemoLikeRun.ATTENTION)).click();
    assertThat(browser.findElement(By.id("order-no")).getText()).isEqualTo(DemoLikeRun.ATTENTION);
    assertThat(browser.findElement(By.id("timeline")).getText())
        .contains("COMPLETION_ATTEMPTED", "COMPLETION_NEEDS_ATTENTION", "订单重入参数校验失败")
        .doesNotContain("OPERATOR_RETRY");
    shot("2-order-timeline");

    browser.findElement(By.id("retry-operator")).sendKeys("ops:alice");
    browser.findElement(By.id("retry-reason")).sendKeys("WeChat support reset the order; send it again");
    browser.findElement(By.id("retry-submit")).click();

    assertThat(browser.findElement(By.id("retry-result")).getText()).contains("Requeued by ops:alice");
    List<WebElement> events = browser.findElements(By.cssSelector("#timeline tr.ev"));
    WebElement last = events.get(events.size() - 1);
    assertThat(last.getText())
        .contains("OPERATOR_RETRY", "ops:alice", "reason: WeChat support reset the order; send it again");
    assertThat(browser.findElements(By.id("retry"))).as("no longer needs attention").isEmpty();
    shot("3-order-timeline-after-retry");

    browser.findElement(By.id("nav-overview")).click();
    assertThat(browser.findElement(By.id("by-status")).getText()).contains("SUCCEEDED", "PENDING", "FAILED");
    assertThat(browser.findElements(By.cssSelector("#chart rect"))).isNotEmpty();
    shot("4-overview");

    browser.findElement(By.id("nav-intents")).click();
    assertThat(browser.findElement(By.id("intents-table")).getText()).contains(DemoLikeRun.OK_1, DemoLikeRun.FAILED);
    shot("5-intents");

    browser.findElement(By.id("nav-attention")).click();
    browser.findElement(By.id("lang-zh")).click();
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("需要人工处理的意图");
    assertThat(browser.findElement(By.id("attention-table")).getText()).contains(DemoLikeRun.QUARANTINED)
        .doesNotContain(DemoLikeRun.ATTENTION);
    shot("6-needs-attention-zh");
  }
}
