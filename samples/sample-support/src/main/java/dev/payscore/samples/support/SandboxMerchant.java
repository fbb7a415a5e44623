package dev.payscore.samples.support;

import dev.payscore.CompletionIntent;
import dev.payscore.CreateOrder;
import dev.payscore.CreateServiceOrderCommand;
import dev.payscore.IntentStatus;
import dev.payscore.LifecycleResult;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScore;
import dev.payscore.PostPayment;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.TimeRange;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.sandbox.LedgerEntry;
import dev.payscore.sandbox.Operation;
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
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

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
    p.put("payscore.shutdown-timeout", "1s");
    return p;
  }

  /**
   * Creates the order at WeChat through {@code payScore} with {@code notifyUrl}, lets the user
   * confirm (WeChat's USER_CONFIRM callback must reach the application), then lets two seconds pass
   * on WeChat's clock so that a completion ends after the confirmation.
   */
  public void openAndConfirm(PayScore payScore, String outOrderNo, String notifyUrl) {
    LifecycleResult created =
        payScore
            .orders()
            .create(
                new CreateServiceOrderCommand(
                    MerchantId.of(MCHID),
                    new CreateOrder(
                        outOrderNo, APPID, SERVICE_ID, "充电宝租借",
                        List.of(new PostPayment("收费标准", null, "2元/小时", null)), List.of(),
                        TimeRange.between("OnAccept", null), null,
                        RiskFund.of(RiskFundName.DEPOSIT, 100_00), null, notifyUrl, null, null,
                        null),
                    "sample-test"));
    if (!(created instanceof LifecycleResult.Applied)) {
      throw new AssertionError("create " + outOrderNo + ": " + created);
    }
    sandbox.confirm(outOrderNo);
    await(
        outOrderNo + " confirmed by callback",
        () -> state(payScore, outOrderNo) == LifecycleState.DOING_USER_CONFIRM);
    sandbox.clock().advance(Duration.ofSeconds(2));
  }

  /** The local mirror's state. */
  public static LifecycleState state(PayScore payScore, String outOrderNo) {
    return payScore
        .orders()
        .find(MerchantId.of(MCHID), OutOrderNo.of(outOrderNo))
        .orElseThrow()
        .lifecycle();
  }

  /** The completion intent's status; null when there is none. */
  public static @Nullable IntentStatus completion(PayScore payScore, String outOrderNo) {
    return payScore
        .completions()
        .find(MerchantId.of(MCHID), OutOrderNo.of(outOrderNo))
        .map(CompletionIntent::status)
        .orElse(null);
  }

  /** The completions WeChat applied to the order. */
  public List<LedgerEntry> completes(String outOrderNo) {
    return sandbox.ledger(outOrderNo).stream()
        .filter(e -> e.operation() == Operation.COMPLETE)
        .toList();
  }

  /** Waits up to 20 seconds for {@code condition}. */
  public static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
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
