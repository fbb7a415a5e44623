package dev.payscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.testing.database.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code payscore console}: wrong input on one line before anything listens; serving until stopped. */
@Tag("postgres")
@ExtendWith(TestDatabase.class)
final class ConsoleCommandIT {

  @Test
  void everyWrongFlagIsOnOneLineAndNothingListens(@TempDir Path dir) throws Exception {
    Path shortToken = Files.writeString(dir.resolve("token"), "short\n");

    CommandRun run =
        CommandRun.of(
            "console", "--jdbc-url", TestDatabase.jdbcUrl(), "--port", "70000", "--bind", "nowhere.invalid",
            "--token-file", shortToken.toString(), "--mchid", "x");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip().lines()).singleElement().asString()
        .startsWith("payscore console: --mchid: ")
        .contains("--port must be 0..65535: 70000", "--bind: unknown address nowhere.invalid",
            "--token-file: the first line must be at least 16");
  }

  @Test
  void aMissingTokenFileIsNamed(@TempDir Path dir) {
    CommandRun run =
        CommandRun.of("console", "--jdbc-url", TestDatabase.jdbcUrl(), "--token-file", dir.resolve("none").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("payscore console: --token-file: no such file: ");
  }

  @Test
  void itServesOnLoopbackUntilStoppedAndTheTokenFromTheFileIsNeverPrinted(@TempDir Path dir) throws Exception {
    String token = "token-from-a-file-0123456789";
    Path file = Files.writeString(dir.resolve("token"), token + "\n");
    StringWriter out = new StringWriter();
    CommandLine commandLine = PayscoreCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(new StringWriter(), true));
    ConsoleCommand console = commandLine.getSubcommands().get("console").getCommand();
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> commandLine.execute("console", "--jdbc-url", TestDatabase.jdbcUrl(), "--port", "0",
                "--token-file", file.toString()));
    Matcher url = Pattern.compile("open http://127\\.0\\.0\\.1:(\\d+)/").matcher("");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!url.reset(out.toString()).find()) {
      assertThat(System.nanoTime()).as("started: " + out).isLessThan(deadline);
      LockSupport.parkNanos(20_000_000);
    }
    HttpClient http = HttpClient.newHttpClient();
    URI overview = URI.create("http://127.0.0.1:" + url.group(1) + "/");

    int without = http.send(HttpRequest.newBuilder(overview).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    int with =
        http.send(HttpRequest.newBuilder(overview).header("Authorization", "Bearer " + token).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
    console.stop.countDown();

    assertThat(without).isEqualTo(401);
    assertThat(with).isEqualTo(200);
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(out.toString()).doesNotContain(token).contains("<token in " + file + ">");
  }
}
