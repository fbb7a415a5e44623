package dev.payscore.cli;

import dev.payscore.ApiV3Key;
import dev.payscore.PemKeys;
import dev.payscore.wechat.notification.NotificationParser;
import dev.payscore.wechat.notification.NotificationResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code payscore notification}: verifies and decrypts one Pay Score callback exactly as the
 * library would, and prints its plaintext JSON or the reason it would be rejected.
 */
@Command(
    name = "notification",
    mixinStandardHelpOptions = true,
    description = {
      "Verify and decrypt a Pay Score callback; print its plaintext JSON as UTF-8 (with"
          + " --escape-unicode: non-ASCII as \\uXXXX, the same JSON value in any encoding).",
      "Exit 0 when accepted; 1 with the reason (and the HTTP status to answer) when rejected or"
          + " unreadable."
    })
final class NotificationCommand implements Callable<Integer> {
  @Spec @Nullable CommandSpec spec;

  @Option(names = "--body-file", description = "the raw callback body")
  @Nullable Path bodyFile;

  @Option(names = "--headers-file", description = "HTTP header lines \"Name: value\"")
  @Nullable Path headersFile;

  @Option(names = "--apiv3-key-file", description = "the 32-byte APIv3 key")
  @Nullable Path apiV3KeyFile;

  @Option(names = "--wechatpay-public-key", description = "WeChat Pay public key (PEM)")
  @Nullable Path publicKeyFile;

  @Option(
      names = "--now",
      description = "epoch seconds to check the timestamp against (default: now)")
  @Nullable String now;

  @Option(
      names = "--escape-unicode",
      description = "print non-ASCII as \\uXXXX (for terminals that are not UTF-8)")
  boolean escapeUnicode;

  @Override
  public Integer call() {
    CommandSpec command = Objects.requireNonNull(spec, "spec");
    try {
      CliInput.requireAll(
          "--body-file",
          bodyFile,
          "--headers-file",
          headersFile,
          "--apiv3-key-file",
          apiV3KeyFile,
          "--wechatpay-public-key",
          publicKeyFile);
      byte[] body = CliInput.read(bodyFile, "--body-file");
      Map<String, String> headers = headers(CliInput.readText(headersFile, "--headers-file"));
      ApiV3Key apiV3Key = apiV3Key(CliInput.read(apiV3KeyFile, "--apiv3-key-file"));
      PublicKey publicKey;
      try {
        publicKey = PemKeys.publicKey(CliInput.readText(publicKeyFile, "--wechatpay-public-key"));
      } catch (IllegalArgumentException e) {
        throw new CliInput.Failure("--wechatpay-public-key: " + e.getMessage());
      }
      Clock clock =
          now == null
              ? Clock.systemUTC()
              : Clock.fixed(
                  Instant.ofEpochSecond(CliInput.epochSeconds(now, "--now")), ZoneOffset.UTC);
      // the one key given verifies whatever Wechatpay-Serial the callback names
      NotificationResult result =
          NotificationParser.create(serial -> Optional.of(publicKey), apiV3Key, clock)
              .parse(body, headers);
      if (result instanceof NotificationResult.Rejected rejected) {
        throw new CliInput.Failure(
            "rejected: "
                + rejected.reason()
                + " ("
                + rejected.detail()
                + "); answer HTTP "
                + rejected.httpStatus());
      }
      NotificationResult.Accepted accepted = (NotificationResult.Accepted) result;
      String plaintext = accepted.notification().plaintext();
      command
          .commandLine()
          .getOut()
          .println(escapeUnicode ? CliInput.asciiJson(plaintext) : plaintext);
      command.commandLine().getOut().flush();
      return 0;
    } catch (CliInput.Failure e) {
      command.commandLine().getErr().println("payscore notification: " + e.getMessage());
      command.commandLine().getErr().flush();
      return 1;
    }
  }

  private static Map<String, String> headers(String text) throws CliInput.Failure {
    Map<String, String> headers = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new CliInput.Failure("--headers-file: line " + (i + 1) + " is not \"Name: value\"");
      }
      headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
    }
    return headers;
  }

  private static ApiV3Key apiV3Key(byte[] file) throws CliInput.Failure {
    // a key saved with an editor ends in a newline; the key itself is 32 printable bytes
    String text = new String(file, StandardCharsets.US_ASCII).strip();
    byte[] key = text.length() == 32 ? text.getBytes(StandardCharsets.US_ASCII) : file;
    if (key.length != 32) {
      throw new CliInput.Failure(
          "--apiv3-key-file: an APIv3 key has 32 bytes, the file has " + file.length);
    }
    return ApiV3Key.of(key);
  }
}
