package dev.payscore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An engine instance in a JVM of its own, for the crash test: it drains intents until it is killed.
 * Arguments: JDBC URL, sandbox URL, backup URL, WeChat public key id, a file with WeChat's public
 * key PEM, a file with the merchant's private key PEM, the instance name.
 */
public final class DispatcherProcess {
  private DispatcherProcess() {}

  public static void main(String[] args) throws Exception {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(args[0]);
    String wechatKey = Files.readString(Path.of(args[4]), StandardCharsets.US_ASCII);
    String merchantKey = Files.readString(Path.of(args[5]), StandardCharsets.US_ASCII);
    PayScore payScore =
        PayScore.builder()
            .dataSource(dataSource)
            .merchant(
                new MerchantCredentials(
                    MerchantId.of(SandboxWorld.MCHID.value()),
                    SandboxWorld.SERIAL,
                    PemKeys.privateKey(merchantKey)),
                WechatKeys.publicKey(args[3], PemKeys.publicKey(wechatKey)))
            .endpoint(args[1])
            .backupEndpoint(args[2])
            .callTimeout(Duration.ofSeconds(1))
            .dispatcherOptions(CrashIT.options())
            .instanceName(args[6])
            .build();
    payScore.start();
    System.out.println("started " + args[6]);
    Thread.currentThread().join(); // until killed
  }
}
