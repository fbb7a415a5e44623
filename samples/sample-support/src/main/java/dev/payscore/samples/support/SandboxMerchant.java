package dev.payscore.samples.support;

import dev.payscore.sandbox.PayScoreSandbox;
import dev.payscore.sandbox.SandboxConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A WeChat sandbox with one merchant, whose private key is written to a file as a merchant keeps
 * {@code apiclient_key.pem}, and the {@code payscore.*} properties that point an application at it:
 * what the README's Spring Boot section tells a new user to write.
 */
public final class SandboxMerchant implements AutoCloseable {
  public static final String MCHID = "1900000109";
  public static final String SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
  public static final String APPID = "wxd678efh567hg6787";
  public static final String SERVICE_ID = "500001";
  public static final String API_V3_KEY = "0123456789abcdef0123456789ABCDEF";

  private final PayScoreSandbox sandbox;
  private final Path privateKeyFile;

  private SandboxMerchant(PayScoreSandbox sandbox, Path privateKeyFile) {
    this.sandbox = sandbox;
    this.privateKeyFile = privateKeyFile;
  }

  public static SandboxMerchant start() {
    KeyPair keys;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      keys = generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Path file;
    try {
      file = Files.createTempFile("apiclient_key", ".pem");
      file.toFile().deleteOnExit();
      Files.writeString(file, pem("PRIVATE KEY", keys.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PayScoreSandbox sandbox =
        PayScoreSandbox.start(
            SandboxConfig.builder()
                .merchant(
                    new SandboxConfig.Merchant(
                        MCHID,
                        SERIAL,
                        keys.getPublic(),
                        API_V3_KEY,
                        Set.of(APPID),
                        List.of(
                            new SandboxConfig.Service(
                                SERVICE_ID, SandboxConfig.ServiceMode.CONFIRM, 500_00))))
                .callbackTimeScale(0.001)
                .build());
    return new SandboxMerchant(sandbox, file);
  }

  public PayScoreSandbox sandbox() {
    return sandbox;
  }

  /**
   * The payscore.* properties for this merchant and sandbox: the private key from a file, WeChat's
   * public key as PEM text, fast dispatcher polling for tests.
   */
  public Map<String, String> properties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("payscore.merchants[0].mchid", MCHID);
    p.put("payscore.merchants[0].serial", SERIAL);
    p.put("payscore.merchants[0].private-key", "file:" + privateKeyFile);
    p.put("payscore.merchants[0].wechat-public-key-id", sandbox.publicKeyId());
    p.put("payscore.merchants[0].wechat-public-key", sandbox.publicKeyPem());
    p.put("payscore.merchants[0].api-v3-key", API_V3_KEY);
    p.put("payscore.endpoints.primary", sandbox.baseUrl() + "/");
    p.put("payscore.endpoints.backup", sandbox.backupBaseUrl() + "/");
    p.put("payscore.dispatcher.poll-interval", "200ms");
    p.put("payscore.shutdown-timeout", "5s");
    return p;
  }

  /** Lets two seconds pass on WeChat's clock, so a completion ends after the user confirmed. */
  public void letTimePass() {
    sandbox.clock().advance(Duration.ofSeconds(2));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
