package dev.payscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignCommandTest {
  static final KeyPair MERCHANT = Pem.rsa();
  @TempDir static Path dir;
  static Path key;
  static Path body;

  @BeforeAll
  static void files() throws Exception {
    key = Files.writeString(dir.resolve("apiclient_key.pem"), Pem.of("PRIVATE KEY", MERCHANT.getPrivate().getEncoded()));
    // bytes as they are: a trailing newline and a Chinese name must be signed unchanged
    body = Files.write(dir.resolve("body.json"), "{\"name\":\"充电费\"}\n".getBytes(StandardCharsets.UTF_8));
  }

  static String[] args(String... extra) {
    String[] base = {
      "sign", "--method", "POST", "--url", "/v3/payscore/serviceorder/1234/complete", "--body-file", body.toString(),
      "--timestamp", "1554208460", "--nonce", "593BEC0C930BF1AFEB40B4A08C8FB242", "--mchid", "1900000001",
      "--serial", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1", "--private-key", key.toString()
    };
    // extra holds (option, value) pairs that replace the defaults: picocli refuses an option twice
    for (int i = 0; i < extra.length; i += 2) {
      base[java.util.Arrays.asList(base).indexOf(extra[i]) + 1] = extra[i + 1];
    }
    return base;
  }

  @Test
  void printsTheEscapedMessageAndAnAuthorizationThatVerifies() throws Exception {
    CommandRun run = CommandRun.of(args());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    String[] lines = run.out().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0])
        .isEqualTo("message: POST\\n/v3/payscore/serviceorder/1234/complete\\n1554208460\\n"
            + "593BEC0C930BF1AFEB40B4A08C8FB242\\n{\"name\":\"\\u5145\\u7535\\u8d39\"}\\n\\n");
    assertThat(lines[1])
        .startsWith("Authorization: WECHATPAY2-SHA256-RSA2048 mchid=\"1900000001\",nonce_str=\"593BEC0C930BF1AFEB40B4A08C8FB242\","
            + "timestamp=\"1554208460\",serial_no=\"5157F09EFDC096DE15EBE81A47057A7232F1B8E1\",signature=\"");
    String signature = lines[1].substring(lines[1].indexOf("signature=\"") + 11, lines[1].length() - 1);
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(MERCHANT.getPublic());
    verifier.update(("POST\n/v3/payscore/serviceorder/1234/complete\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n").getBytes(StandardCharsets.UTF_8));
    verifier.update(Files.readAllBytes(body));
    verifier.update((byte) '\n');
    assertThat(verifier.verify(Base64.getDecoder().decode(signature))).isTrue();
  }

  @Test
  void reportsEveryMissingOptionOnOneLine() {
    CommandRun run = CommandRun.of("sign", "--method", "GET");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("payscore sign: missing --url, --timestamp, --nonce, --mchid, --serial, --private-key\n");
  }

  @Test
  void aBadKeyFileOrTimestampIsOneLineWithoutAStackTrace() throws Exception {
    Path notAKey = Files.writeString(dir.resolve("not-a-key.pem"), "hello");

    CommandRun badKey = CommandRun.of(args("--private-key", notAKey.toString()));
    CommandRun missingFile = CommandRun.of(args("--body-file", dir.resolve("nope.json").toString()));
    CommandRun badTime = CommandRun.of(args("--timestamp", "yesterday"));

    assertThat(badKey.exitCode()).isEqualTo(1);
    assertThat(badKey.err()).isEqualTo("payscore sign: expected a PEM block \"-----BEGIN PRIVATE KEY-----\"\n");
    assertThat(missingFile.err()).startsWith("payscore sign: --body-file: no such file: ").doesNotContain("\tat ");
    assertThat(badTime.err()).isEqualTo("payscore sign: --timestamp: not epoch seconds: \"yesterday\"\n");
  }
}
