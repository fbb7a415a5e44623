package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.persistence.JooqTransactions;
import dev.payscore.sandbox.PayScoreSandbox;
import dev.payscore.sandbox.SandboxConfig;
import dev.payscore.testing.database.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13 item 8: two merchants in certificate mode, each with its own APIv3 key, behind one
 * callback endpoint of the facade. The sandbox signs callbacks with its platform certificate
 * (downloaded by each merchant from {@code /v3/certificates}) and encrypts each with its
 * merchant's APIv3 key; both are verified, routed and applied on real PostgreSQL.
 */
@Tag("postgres")
@Tag("http")
@ExtendWith(TestDatabase.class)
final class MerchantCallbacksIT {
  static final Duration BOUND = Duration.ofSeconds(20);
  static final MerchantId A = SandboxWorld.MCHID;
  static final MerchantId B = MerchantId.of("1900000002");
  static final ApiV3Key KEY_A = ApiV3Key.ofText("0123456789abcdef0123456789ABCDEF");
  static final ApiV3Key KEY_B = ApiV3Key.ofText("fedcba9876543210FEDCBA9876543210");
  static final String SERIAL_B = "6B2C3D4E5F60718293A4B5C6D7E8F90011223344";
  static final KeyPair MERCHANT_B = newKeys();

  private PayScoreSandbox sandbox;
  private PayScore payScore;
  private HttpServer server;
  private DataSource dataSource;
  private final List<Integer> answers = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start(DataSource dataSource) throws IOException {
    TestDatabase.truncateAll();
    this.dataSource = dataSource;
    SandboxConfig.Merchant a = SandboxWorld.merchant();
    SandboxConfig.Merchant b =
        new SandboxConfig.Merchant(
            B.value(),
            SERIAL_B,
            MERCHANT_B.getPublic(),
            "fedcba9876543210FEDCBA9876543210",
            a.appids(),
            a.services());
    sandbox =
        PayScoreSandbox.start(
            SandboxWorld.config()
                .keyMode(SandboxConfig.KeyMode.CERTIFICATE)
                .merchant(a)
                .merchant(b)
                .build());
    payScore =
        PayScore.builder()
            .dataSource(dataSource)
            // A: the APIv3 key that downloads its certificates also decrypts its callbacks
            .merchant(
                SandboxWorld.credentials(),
                WechatKeys.builder().downloadPlatformCertificates(KEY_A).build())
            // B: the APIv3 key given for callbacks explicitly
            .merchant(
                new MerchantCredentials(B, SERIAL_B, MERCHANT_B.getPrivate()),
                WechatKeys.builder().downloadPlatformCertificates(KEY_B).build(),
                KEY_B)
            .endpoint(sandbox.baseUrl() + "/")
            .callTimeout(Duration.ofSeconds(2))
            .clock(sandbox.clock())
            .dispatcherOptions(SandboxWorld.fastOptions())
            .listen(false)
            .build();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/notify",
        exchange -> {
          Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
          exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          Notifications.Answer answer = payScore.notifications().handle(headers, body);
          answers.add(answer.status());
          byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
          try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(out);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    payScore.close();
    sandbox.close();
  }

  private void create(MerchantId mchid, String no) {
    CreateOrder body =
        new CreateOrder(
            no,
            SandboxWorld.APPID.value(),
            SandboxWorld.SERVICE_ID.value(),
            "充电宝租借",
            List.of(new PostPayment("收费标准", null, "2元/小时", null)),
            List.of(),
            TimeRange.between("OnAccept", null),
            null,
            RiskFund.of(RiskFundName.DEPOSIT, 100_00),
            null,
            "http://127.0.0.1:" + server.getAddress().getPort() + "/notify",
            null,
            null,
            null);
    LifecycleResult created =
        payScore.orders().create(new CreateServiceOrderCommand(mchid, body, "it"));
    assertThat(created).as(created.toString()).isInstanceOf(LifecycleResult.Applied.class);
  }

  private LifecycleState local(MerchantId mchid, String no) {
    return new JooqTransactions(dataSource)
        .inTransaction(repos -> repos.orders().find(mchid, OutOrderNo.of(no)))
        .orElseThrow()
        .lifecycle();
  }

  @Test
  void callbacksOfTwoMerchantsInCertificateModeAreVerifiedRoutedAndApplied() {
    create(A, "MC-A-1");
    create(B, "MC-B-1");

    sandbox.confirm("MC-A-1");
    sandbox.confirm("MC-B-1");

    Await.until(
        "both confirmations applied",
        BOUND,
        () ->
            local(A, "MC-A-1") == LifecycleState.DOING_USER_CONFIRM
                && local(B, "MC-B-1") == LifecycleState.DOING_USER_CONFIRM);
    assertThat(answers).containsOnly(200);
    assertThat(payScore.history().ofOrder(B, OutOrderNo.of("MC-B-1")))
        .extracting(e -> e.entry().type())
        .contains(AuditEventType.CALLBACK_RECEIVED, AuditEventType.TRANSITION_APPLIED);
    assertThat(Set.copyOf(answers)).isEqualTo(Set.of(200));
  }

  private static KeyPair newKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
