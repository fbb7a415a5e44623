package dev.payscore.cli;

import dev.payscore.MerchantCredentials;
import dev.payscore.MerchantId;
import dev.payscore.PemKeys;
import dev.payscore.wechat.SignedRequest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code payscore sign}: the exact APIv3 signature message and {@code Authorization} header of one
 * request, for a merchant whose call WeChat answers with {@code SIGN_ERROR}. The body file is
 * signed byte for byte, never re-serialised.
 */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Print the APIv3 signature message (escaped) and the Authorization header of one request.",
      "Exit 0 when signed; 1 with one line on stderr otherwise."
    })
final class SignCommand implements Callable<Integer> {
  @Spec @Nullable CommandSpec spec;

  @Option(names = "--method", description = "HTTP method, e.g. POST") @Nullable String method;

  @Option(names = "--url", description = "absolute path and query as sent, e.g. /v3/payscore/serviceorder/1234/complete")
  @Nullable String url;

  @Option(names = "--body-file", description = "the exact body bytes (omit for GET)") @Nullable Path bodyFile;

  @Option(names = "--timestamp", description = "epoch seconds") @Nullable String timestamp;

  @Option(names = "--nonce", description = "the nonce_str") @Nullable String nonce;

  @Option(names = "--mchid", description = "merchant number") @Nullable String mchid;

  @Option(names = "--serial", description = "merchant API certificate serial") @Nullable String serial;

  @Option(names = "--private-key", description = "apiclient_key.pem (PKCS#8)") @Nullable Path privateKey;

  @Override
  public Integer call() {
    CommandSpec command = java.util.Objects.requireNonNull(spec, "spec");
    try {
      CliInput.requireAll(
          "--method", method, "--url", url, "--timestamp", timestamp, "--nonce", nonce,
          "--mchid", mchid, "--serial", serial, "--private-key", privateKey);
      String verb = method.toUpperCase(java.util.Locale.ROOT);
      byte[] body = bodyFile == null ? new byte[0] : CliInput.read(bodyFile, "--body-file");
      long seconds = CliInput.epochSeconds(timestamp, "--timestamp");
      MerchantCredentials credentials;
      try {
        credentials =
            new MerchantCredentials(
                MerchantId.of(mchid), serial, PemKeys.privateKey(CliInput.readText(privateKey, "--private-key")));
      } catch (IllegalArgumentException e) {
        throw new CliInput.Failure(e.getMessage());
      }
      SignedRequest signed;
      try {
        signed = SignedRequest.sign(credentials, verb, url, seconds, nonce, body);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new CliInput.Failure(e.getMessage());
      }
      command.commandLine().getOut().println("message: " + CliInput.escape(signed.message()));
      command.commandLine().getOut().println("Authorization: " + signed.authorization());
      command.commandLine().getOut().flush();
      return 0;
    } catch (CliInput.Failure e) {
      command.commandLine().getErr().println("payscore sign: " + e.getMessage());
      command.commandLine().getErr().flush();
      return 1;
    }
  }
}
