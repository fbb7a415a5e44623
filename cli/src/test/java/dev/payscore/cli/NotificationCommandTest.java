package dev.payscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationCommandTest {
  static final KeyPair WECHAT = Pem.rsa();
  static final String APIV3_KEY = "0123456789abcdefABCDEF0123456789";
  static final long NOW = 1767225600;
  static final String PLAINTEXT =
      "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1230000109\",\"out_order_no\":\"1234323JKHDFE1243252\","
          + "\"service_id\":\"500001\",\"service_introduction\":\"某某酒店\",\"state\":\"DOING\",\"state_description\":\"USER_CONFIRM\"}";

  @TempDir static Path dir;
  static Path body;
  static Path headers;
  static Path key;
  static Path publicKey;

  @BeforeAll
  static void files() throws Exception {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(APIV3_KEY.getBytes(StandardCharsets.US_ASCII), "AES"),
        new GCMParameterSpec(128, "fdasflkja484".getBytes(StandardCharsets.US_ASCII)));
    cipher.updateAAD("payscore".getBytes(StandardCharsets.US_ASCII));
    String ciphertext =
        Base64.getEncoder()
            .encodeToString(cipher.doFinal(PLAINTEXT.getBytes(StandardCharsets.UTF_8)));
    String envelope =
        "{\"id\":\"EV-1\",\"create_time\":\"2026-01-01T08:00:00+08:00\",\"event_type\":\"PAYSCORE.USER_CONFIRM\","
            + "\"resource_type\":\"encrypt-resource\",\"summary\":\"确认\",\"resource\":{\"algorithm\":\"AEAD_AES_256_GCM\","
            + "\"ciphertext\":\""
            + ciphertext
            + "\",\"nonce\":\"fdasflkja484\",\"associated_data\":\"payscore\",\"original_type\":\"payscore\"}}";
    body = Files.write(dir.resolve("body.json"), envelope.getBytes(StandardCharsets.UTF_8));
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(WECHAT.getPrivate());
    signer.update((NOW + "\nnonce1\n").getBytes(StandardCharsets.UTF_8));
    signer.update(Files.readAllBytes(body));
    signer.update((byte) '\n');
    headers =
        Files.writeString(
            dir.resolve("headers.txt"),
            "wechatpay-timestamp: "
                + NOW
                + "\nWechatpay-Nonce: nonce1\nWechatpay-Signature: "
                + Base64.getEncoder().encodeToString(signer.sign())
                + "\n"
                + "Wechatpay-Serial: PUB_KEY_ID_0114232134912410000000000000\n"
                + "Wechatpay-Signature-Type: WECHATPAY2-SHA256-RSA2048\n");
    key = Files.writeString(dir.resolve("apiv3.key"), APIV3_KEY + "\n");
    publicKey =
        Files.writeString(
            dir.resolve("pub_key.pem"), Pem.of("PUBLIC KEY", WECHAT.getPublic().getEncoded()));
  }

  static CommandRun run(Path bodyFile, String now) {
    return CommandRun.of(
        "notification",
        "--body-file",
        bodyFile.toString(),
        "--headers-file",
        headers.toString(),
        "--apiv3-key-file",
        key.toString(),
        "--wechatpay-public-key",
        publicKey.toString(),
        "--now",
        now);
  }

  @Test
  void printsThePlaintextOfAVerifiedCallbackInUtf8() {
    CommandRun run = run(body, Long.toString(NOW + 10));

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(PLAINTEXT + "\n").contains("某某酒店");
  }

  @Test
  void escapesNonAsciiOnlyWhenAsked() {
    CommandRun run =
        CommandRun.of(
            "notification",
            "--body-file",
            body.toString(),
            "--headers-file",
            headers.toString(),
            "--apiv3-key-file",
            key.toString(),
            "--wechatpay-public-key",
            publicKey.toString(),
            "--now",
            Long.toString(NOW + 10),
            "--escape-unicode");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .isEqualTo(PLAINTEXT.replace("某某酒店", "\\u67d0\\u67d0\\u9152\\u5e97") + "\n");
  }

  @Test
  void aTamperedBodyIsRejectedWithTheStatusToAnswer() throws Exception {
    byte[] tampered = Files.readAllBytes(body);
    tampered[8] ^= 0x01;
    Path file = Files.write(dir.resolve("tampered.json"), tampered);

    CommandRun run = run(file, Long.toString(NOW));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "payscore notification: rejected: BAD_SIGNATURE (SIGNATURE_MISMATCH); answer HTTP"
                + " 401\n");
  }

  @Test
  void anOldCallbackIsStale() {
    CommandRun run = run(body, Long.toString(NOW + 301));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("payscore notification: rejected: STALE_TIMESTAMP");
  }

  @Test
  void aShortKeyFileIsOneClearLine() throws Exception {
    Path shortKey = Files.writeString(dir.resolve("short.key"), "abc");

    CommandRun run =
        CommandRun.of(
            "notification",
            "--body-file",
            body.toString(),
            "--headers-file",
            headers.toString(),
            "--apiv3-key-file",
            shortKey.toString(),
            "--wechatpay-public-key",
            publicKey.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "payscore notification: --apiv3-key-file: an APIv3 key has 32 bytes, the file has 3\n");
  }
}
