package dev.payscore.cli;

import dev.payscore.sandbox.PayScoreSandbox;
import dev.payscore.sandbox.Pem;
import dev.payscore.sandbox.SandboxConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code payscore sandbox}: serves a local WeChat Pay Score sandbox until Ctrl-C, and writes what
 * a client in any language needs (WeChat's public key PEM, the merchant key pair when generated,
 * the APIv3 key) into the state directory.
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Serve a local WeChat Pay Score sandbox on 127.0.0.1 until Ctrl-C.",
      "Without merchant flags, a merchant key pair is generated into the state dir (and reused).",
      "Admin paths (confirm, pay, ledger, faults, clock) are under <base URL>/sandbox; see README."
    })
public final class SandboxCommand implements Callable<Integer> {
  static final String GENERATED_KEY = "apiclient_key.pem";
  static final String MERCHANT_PROPERTIES = "merchant.properties";
  static final String WECHAT_PUBLIC_KEY = "wechatpay_public_key.pem";
  static final String API_V3_KEY = "apiv3_key.txt";

  @Spec @Nullable CommandSpec spec;

  @Option(names = "--port", description = "Port of the main host (default: a free one).")
  int port;

  @Option(names = "--backup-port", description = "Port of the backup host (default: a free one).")
  int backupPort;

  @Option(names = "--mchid", description = "Merchant id (with --merchant-serial and --merchant-public-key).")
  @Nullable String mchid;

  @Option(names = "--merchant-serial", description = "Serial of the merchant API certificate.")
  @Nullable String merchantSerial;

  @Option(
      names = "--merchant-public-key",
      description = "PEM file with the merchant's public key or API certificate.")
  @Nullable Path merchantPublicKey;

  @Option(names = "--appid", description = "AppID bound to the merchant (default: ${DEFAULT-VALUE}).")
  String appid = "wx0000000000000001";

  @Option(names = "--service-id", description = "Pay Score service id (default: ${DEFAULT-VALUE}).")
  String serviceId = "00004000000000000000000000000001";

  @Option(
      names = "--service-mode",
      description = "confirm or no-confirm (default: ${DEFAULT-VALUE}).")
  String serviceMode = "confirm";

  @Option(names = "--risk-cap", description = "Risk cap of the service id, fen (default: ${DEFAULT-VALUE}).")
  long riskCap = 100_000;

  @Option(names = "--mode", description = "public-key or certificate (default: ${DEFAULT-VALUE}).")
  String mode = "public-key";

  @Option(
      names = "--apiv3-key",
      description = "The merchant's APIv3 key, 32 ASCII characters (default: generated, in the state dir).")
  @Nullable String apiV3Key;

  @Option(
      names = "--state-dir",
      description = "Where keys are written and read again on the next start, WeChat's too (default: ${DEFAULT-VALUE}).")
  Path stateDir = Path.of(".payscore", "sandbox");

  @Option(
      names = "--location-max-length",
      description = "Limit of location.* (UNCONFIRMED: 20 or 50; default: ${DEFAULT-VALUE}, as payscore validate).")
  int locationMaxLength = 20;

  @Option(
      names = "--seed",
      description = "Repeat ids (order_id, transaction_id, notification ids) and fault draws from this seed (default: ids unique to each run).")
  @Nullable Long seed;

  /** Thrown for a wrong combination of flags; reported as one line. */
  static final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec == null ? new PrintWriter(System.out, true) : spec.commandLine().getOut();
    PrintWriter err = spec == null ? new PrintWriter(System.err, true) : spec.commandLine().getErr();
    PayScoreSandbox sandbox;
    try {
      sandbox = start(out);
    } catch (UsageError e) {
      err.println("payscore sandbox: " + e.getMessage());
      err.flush();
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sandbox.close();
                  stopped.countDown();
                },
                "payscore-sandbox-stop"));
    stopped.await();
    return 0;
  }

  /** Validates the flags, writes the state dir, starts the sandbox and prints how to reach it. */
  PayScoreSandbox start(PrintWriter out) throws IOException, GeneralSecurityException {
    List<String> problems = new ArrayList<>();
    boolean anyMerchant = mchid != null || merchantSerial != null || merchantPublicKey != null;
    boolean allMerchant = mchid != null && merchantSerial != null && merchantPublicKey != null;
    if (anyMerchant && !allMerchant) {
      problems.add("--mchid, --merchant-serial and --merchant-public-key go together");
    }
    if (!mode.equals("public-key") && !mode.equals("certificate")) {
      problems.add("--mode must be public-key or certificate, not " + mode);
    }
    if (!serviceMode.equals("confirm") && !serviceMode.equals("no-confirm")) {
      problems.add("--service-mode must be confirm or no-confirm, not " + serviceMode);
    }
    if (apiV3Key != null && (apiV3Key.length() != 32 || !apiV3Key.chars().allMatch(c -> c > 32 && c < 127))) {
      problems.add("--apiv3-key must be 32 ASCII characters");
    }
    if (merchantPublicKey != null && !Files.isReadable(merchantPublicKey)) {
      problems.add("--merchant-public-key " + merchantPublicKey + " is not a readable file");
    }
    if (!problems.isEmpty()) {
      throw new UsageError(String.join("; ", problems));
    }
    Files.createDirectories(stateDir);
    Properties merchant = merchantProperties();
    PublicKey publicKey;
    boolean generated = !allMerchant;
    if (generated) {
      publicKey = generatedMerchantKey(merchant);
    } else {
      merchant.setProperty("mchid", mchid);
      merchant.setProperty("serial", merchantSerial);
      publicKey = readPublicKey(merchantPublicKey);
    }
    String key = apiV3Key != null ? apiV3Key : merchant.getProperty("apiv3_key", String.format("%032x", new BigInteger(128, new SecureRandom())));
    merchant.setProperty("apiv3_key", key);
    storeMerchantProperties(merchant);
    Path keyFile = stateDir.resolve(API_V3_KEY);
    Files.writeString(keyFile, key + "\n", StandardCharsets.US_ASCII);

    SandboxConfig config;
    try {
      SandboxConfig.Builder builder =
          SandboxConfig.builder()
              .merchant(
                  new SandboxConfig.Merchant(
                      merchant.getProperty("mchid"),
                      merchant.getProperty("serial"),
                      publicKey,
                      key,
                      Set.of(appid),
                      List.of(
                          new SandboxConfig.Service(
                              serviceId,
                              serviceMode.equals("confirm")
                                  ? SandboxConfig.ServiceMode.CONFIRM
                                  : SandboxConfig.ServiceMode.NO_CONFIRM,
                              riskCap))))
              .keyMode(mode.equals("public-key") ? SandboxConfig.KeyMode.PUBLIC_KEY : SandboxConfig.KeyMode.CERTIFICATE)
              .port(port)
              .backupPort(backupPort)
              .stateDir(stateDir)
              .locationMaxLength(locationMaxLength);
      if (seed != null) {
        builder.seed(seed);
      }
      config = builder.build();
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
    PayScoreSandbox sandbox = PayScoreSandbox.start(config);
    Path pem = stateDir.resolve(WECHAT_PUBLIC_KEY);
    Files.writeString(pem, sandbox.publicKeyPem(), StandardCharsets.US_ASCII);
    for (X509Certificate certificate : sandbox.platformCertificates()) {
      Files.writeString(
          stateDir.resolve("wechatpay_" + certificate.getSerialNumber().toString(16).toUpperCase() + ".pem"),
          Pem.encode("CERTIFICATE", certificate.getEncoded()),
          StandardCharsets.US_ASCII);
    }
    out.println("payscore sandbox: WeChat Pay Score on loopback (" + mode + " mode)");
    out.println("  base URL         " + sandbox.baseUrl());
    out.println("  backup base URL  " + sandbox.backupBaseUrl());
    out.println("  key id           " + sandbox.publicKeyId());
    out.println("  WeChat key PEM   " + pem.toAbsolutePath());
    out.println("  mchid            " + merchant.getProperty("mchid"));
    out.println("  merchant serial  " + merchant.getProperty("serial"));
    if (generated) {
      out.println("  merchant key     " + stateDir.resolve(GENERATED_KEY).toAbsolutePath() + " (generated)");
    }
    out.println("  APIv3 key file   " + keyFile.toAbsolutePath());
    out.println("  appid            " + appid);
    out.println("  service id       " + serviceId + " (" + serviceMode + ")");
    out.println("  admin            " + sandbox.baseUrl() + "/sandbox (confirm, pay, ledger, faults, clock)");
    out.println("Ctrl-C to stop.");
    out.flush();
    return sandbox;
  }

  private Properties merchantProperties() throws IOException {
    Properties properties = new Properties();
    Path file = stateDir.resolve(MERCHANT_PROPERTIES);
    if (Files.isRegularFile(file)) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
    }
    return properties;
  }

  private void storeMerchantProperties(Properties properties) throws IOException {
    try (Writer writer = Files.newBufferedWriter(stateDir.resolve(MERCHANT_PROPERTIES), StandardCharsets.UTF_8)) {
      properties.store(writer, "payscore sandbox merchant; the APIv3 key is a secret of this sandbox only");
    }
  }

  /** The generated merchant key of an earlier run, or a new one (written as PKCS#8 PEM). */
  private PublicKey generatedMerchantKey(Properties merchant) throws IOException, GeneralSecurityException {
    Path keyFile = stateDir.resolve(GENERATED_KEY);
    if (Files.isRegularFile(keyFile) && merchant.containsKey("mchid") && merchant.containsKey("serial")) {
      byte[] der = Pem.decode(Files.readString(keyFile, StandardCharsets.US_ASCII));
      RSAPrivateCrtKey privateKey =
          (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
      return KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
    }
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    Files.writeString(keyFile, Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
    Files.writeString(
        stateDir.resolve("apiclient_public_key.pem"),
        Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()),
        StandardCharsets.US_ASCII);
    merchant.setProperty("mchid", "1900000001");
    merchant.setProperty("serial", new BigInteger(160, new SecureRandom()).toString(16).toUpperCase());
    return pair.getPublic();
  }

  private static PublicKey readPublicKey(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    try {
      if (text.contains("BEGIN CERTIFICATE")) {
        X509Certificate certificate =
            (X509Certificate)
                CertificateFactory.getInstance("X.509")
                    .generateCertificate(Files.newInputStream(file));
        return certificate.getPublicKey();
      }
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Pem.decode(text)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new UsageError("--merchant-public-key " + file + " holds no RSA public key or certificate");
    }
  }
}
