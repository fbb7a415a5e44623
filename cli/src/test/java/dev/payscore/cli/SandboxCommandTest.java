package dev.payscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.sandbox.PayScoreSandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

final class SandboxCommandTest {
  @TempDir Path stateDir;

  private static String run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine command = PayscoreCommand.newCommandLine().setErr(new PrintWriter(err));
    int exit = command.execute(args);
    assertThat(exit).isEqualTo(2);
    return err.toString();
  }

  @Test
  void anUnknownFlagIsOneLineAndExitCodeTwo() {
    String err = run("sandbox", "--prot", "8080");

    assertThat(err.strip().lines()).hasSize(1);
    assertThat(err).contains("--prot");
  }

  @Test
  void partialMerchantFlagsAreOneLineAndExitCodeTwo() {
    String err = run("sandbox", "--mchid", "1900000001", "--state-dir", stateDir.toString());

    assertThat(err.strip().lines()).hasSize(1);
    assertThat(err).contains("--mchid, --merchant-serial and --merchant-public-key go together");
  }

  @Test
  void aWrongModeIsOneLineAndExitCodeTwo() {
    String err = run("sandbox", "--mode", "magic", "--state-dir", stateDir.toString());

    assertThat(err).contains("--mode must be public-key or certificate");
  }

  @Test
  void startPrintsTheBaseUrlAndKeyIdAndWritesTheKeys() throws Exception {
    SandboxCommand command = new SandboxCommand();
    new CommandLine(command).parseArgs("--state-dir", stateDir.toString(), "--mode", "certificate");
    StringWriter out = new StringWriter();

    try (PayScoreSandbox sandbox = command.start(new PrintWriter(out))) {
      assertThat(out.toString())
          .contains("base URL         " + sandbox.baseUrl())
          .contains("key id           " + sandbox.publicKeyId());
      assertThat(Files.readString(stateDir.resolve(SandboxCommand.WECHAT_PUBLIC_KEY)))
          .isEqualTo(sandbox.publicKeyPem());
      assertThat(stateDir.resolve(SandboxCommand.GENERATED_KEY)).exists();
      assertThat(Files.readString(stateDir.resolve(SandboxCommand.API_V3_KEY)).strip()).hasSize(32);
      HttpResponse<String> info =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(info.body()).contains("CERTIFICATE");
    }
  }

  @Test
  void aSecondStartReusesTheGeneratedMerchant() throws Exception {
    String first = startOnce();
    String second = startOnce();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void aSecondStartWithTheSameStateDirKeepsWechatsKeyAndItsId() throws Exception {
    String first = wechatKeyOnce();
    String second = wechatKeyOnce();

    assertThat(second).isEqualTo(first).contains("PUB_KEY_ID_");
  }

  @Test
  void theLocationLimitIsAFlagDefaultingToTheLibrarysTwenty() throws Exception {
    SandboxCommand command = new SandboxCommand();
    new CommandLine(command).parseArgs("--state-dir", stateDir.toString());
    try (PayScoreSandbox sandbox = command.start(new PrintWriter(new StringWriter()))) {
      assertThat(sandbox.config().locationMaxLength())
          .isEqualTo(dev.payscore.domain.completion.CompletionLimits.DEFAULT_LOCATION_MAX_LENGTH);
    }
    SandboxCommand fifty = new SandboxCommand();
    new CommandLine(fifty)
        .parseArgs("--state-dir", stateDir.toString(), "--location-max-length", "50");
    try (PayScoreSandbox sandbox = fifty.start(new PrintWriter(new StringWriter()))) {
      assertThat(sandbox.config().locationMaxLength()).isEqualTo(50);
    }
  }

  private String wechatKeyOnce() throws Exception {
    SandboxCommand command = new SandboxCommand();
    new CommandLine(command).parseArgs("--state-dir", stateDir.toString());
    try (PayScoreSandbox sandbox = command.start(new PrintWriter(new StringWriter()))) {
      return sandbox.publicKeyId() + "\n" + sandbox.publicKeyPem();
    }
  }

  private String startOnce() throws Exception {
    SandboxCommand command = new SandboxCommand();
    new CommandLine(command).parseArgs("--state-dir", stateDir.toString());
    StringWriter out = new StringWriter();
    try (PayScoreSandbox sandbox = command.start(new PrintWriter(out))) {
      return out.toString()
              .lines()
              .filter(l -> l.contains("merchant serial"))
              .findFirst()
              .orElseThrow()
          + Files.readString(stateDir.resolve(SandboxCommand.API_V3_KEY));
    }
  }
}
