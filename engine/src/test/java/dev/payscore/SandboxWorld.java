package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payscore.domain.model.ConfirmationMode;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.model.ServiceOrderState;
import dev.payscore.domain.model.StateDescription;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.PayScoreGateway;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.persistence.JooqTransactions;
import dev.payscore.sandbox.LedgerEntry;
import dev.payscore.sandbox.Operation;
import dev.payscore.sandbox.PayScoreSandbox;
import dev.payscore.sandbox.SandboxConfig;
import dev.payscore.wechat.WechatPayScoreGateway;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A WeChat sandbox and a merchant on real PostgreSQL: opens orders at WeChat (create, the user
 * confirms) with their local mirrors, requests completions, and reads WeChat's ledger and state.
 * Our side runs on the sandbox's clock, so that a completion's end time can follow the confirm.
 */
final class SandboxWorld implements AutoCloseable {
  static final MerchantId MCHID = MerchantId.of("1900000001");
  static final String SERIAL = "5A1B2C3D4E5F60718293A4B5C6D7E8F900112233";
  static final AppId APPID = AppId.of("wx0000000000000001");
  static final ServiceId SERVICE_ID = ServiceId.of("00004000000000000000000000000001");
  static final String NOTIFY_URL = "https://merchant.example.com/payscore/notify";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KeyPair MERCHANT_KEYS = newKeys();

  final PayScoreSandbox sandbox;
  final DataSource dataSource;
  final Transactions transactions;

  SandboxWorld(DataSource dataSource, SandboxConfig.Builder config) {
    this(dataSource, config, merchant());
  }

  SandboxWorld(
      DataSource dataSource, SandboxConfig.Builder config, SandboxConfig.Merchant merchant) {
    this.dataSource = dataSource;
    this.transactions = new JooqTransactions(dataSource);
    this.sandbox = PayScoreSandbox.start(config.merchant(merchant).build());
  }

  static SandboxConfig.Builder config() {
    return SandboxConfig.builder().callbackTimeScale(0.0001).seed(7);
  }

  static SandboxConfig.Merchant merchant() {
    return new SandboxConfig.Merchant(
        MCHID.value(),
        SERIAL,
        MERCHANT_KEYS.getPublic(),
        "0123456789abcdef0123456789ABCDEF",
        Set.of(APPID.value()),
        List.of(
            new SandboxConfig.Service(
                SERVICE_ID.value(), SandboxConfig.ServiceMode.CONFIRM, 500_00)));
  }

  Clock clock() {
    return sandbox.clock();
  }

  /** A gateway to the sandbox for this merchant, on the sandbox's clock. */
  WechatPayScoreGateway gateway(Duration callTimeout) {
    return WechatPayScoreGateway.builder()
        .baseUrl(sandbox.baseUrl() + "/")
        .backupUrl(sandbox.backupBaseUrl() + "/")
        .merchant(credentials(), WechatKeys.publicKey(sandbox.publicKeyId(), sandbox.publicKey()))
        .clock(clock())
        .callTimeout(callTimeout)
        .readTimeout(callTimeout)
        .build();
  }

  /** The facade on this world: the sandbox's endpoints, clock and key. */
  PayScore.Builder payScore(DispatcherOptions options) {
    return PayScore.builder()
        .dataSource(dataSource)
        .merchant(credentials(), WechatKeys.publicKey(sandbox.publicKeyId(), sandbox.publicKey()))
        .endpoint(sandbox.baseUrl() + "/")
        .backupEndpoint(sandbox.backupBaseUrl() + "/")
        .callTimeout(Duration.ofSeconds(2))
        .clock(clock())
        .dispatcherOptions(options);
  }

  static MerchantCredentials credentials() {
    return new MerchantCredentials(MCHID, SERIAL, MERCHANT_KEYS.getPrivate());
  }

  /** Fast retries for tests: back-off of at most 200 ms, a lease of 10 s. */
  static DispatcherOptions fastOptions() {
    return DispatcherOptions.defaults()
        .withConcurrency(8)
        .withBatchSize(8)
        .withLease(Duration.ofSeconds(10))
        .withPollInterval(Duration.ofMillis(100))
        .withShutdownGrace(Duration.ofSeconds(5))
        .withRetry(
            new RetryPolicy(
                Duration.ofMillis(20), Duration.ofMillis(200), 40, Duration.ofHours(1)));
  }

  /**
   * Creates {@code outOrderNo} at WeChat (service starting when accepted), lets the user confirm,
   * and stores the local mirror, DOING/USER_CONFIRM. Call {@link #letTimePass()} before requesting.
   */
  void openOrder(PayScoreGateway gateway, String outOrderNo) {
    CreateOrder create =
        new CreateOrder(
            outOrderNo,
            APPID.value(),
            SERVICE_ID.value(),
            "充电宝租借",
            List.of(new PostPayment("收费标准", null, "2元/小时", null)),
            List.of(),
            TimeRange.between("OnAccept", null),
            null,
            RiskFund.of(RiskFundName.DEPOSIT, 100_00),
            null,
            NOTIFY_URL,
            null,
            null,
            null);
    GatewayOutcome<ObservedOrder> created = gateway.create(MCHID, create);
    if (!(created instanceof GatewayOutcome.Accepted<ObservedOrder> accepted)) {
      throw new IllegalStateException("create " + outOrderNo + ": " + created);
    }
    sandbox.confirm(outOrderNo);
    ObservedOrder view = accepted.body();
    ServiceOrder local =
        new ServiceOrder(
            MCHID,
            OutOrderNo.of(outOrderNo),
            APPID,
            SERVICE_ID,
            "充电宝租借",
            ConfirmationMode.CONFIRM,
            LifecycleState.DOING_USER_CONFIRM,
            RiskFund.of(RiskFundName.DEPOSIT, 100_00),
            TimeRange.between("OnAccept", null),
            create.postPayments(),
            List.of(),
            null,
            null,
            NOTIFY_URL,
            null,
            view.orderId(),
            null,
            null,
            null, null,
            0);
    transactions.inTransaction(repos -> repos.orders().insert(local));
  }

  /** Two seconds pass (on the shared clock), so a completion can end after the confirmations. */
  void letTimePass() {
    sandbox.clock().advance(Duration.ofSeconds(2));
  }

  static CompleteOrder completion(long total) {
    return new CompleteOrder(
        APPID.value(),
        SERVICE_ID.value(),
        List.of(new PostPayment("租借费用", total, "2小时", 1)),
        List.of(),
        total,
        null,
        null,
        null,
        null,
        null);
  }

  static RequestCompletionCommand command(String outOrderNo, long total) {
    return new RequestCompletionCommand(MCHID, OutOrderNo.of(outOrderNo), completion(total), "it");
  }

  static CompletionIntent requested(RequestCompletionResult result) {
    if (result instanceof RequestCompletionResult.Requested requested) {
      return requested.intent();
    }
    throw new IllegalStateException("not requested: " + result);
  }

  /** The completions WeChat applied to the order, with their exact bodies. */
  List<LedgerEntry> completes(String outOrderNo) {
    return sandbox.ledger(outOrderNo).stream()
        .filter(e -> e.operation() == Operation.COMPLETE)
        .toList();
  }

  /** WeChat's state of the order. */
  LifecycleState wechatState(String outOrderNo) {
    try {
      JsonNode order = JSON.readTree(sandbox.order(outOrderNo));
      String description = order.path("state_description").asText(null);
      return LifecycleState.of(
          ServiceOrderState.valueOf(order.path("state").asText()),
          description == null ? null : StateDescription.valueOf(description));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  ServiceOrder localOrder(String outOrderNo) {
    return transactions.inTransaction(
        repos -> repos.orders().find(MCHID, OutOrderNo.of(outOrderNo)).orElseThrow());
  }

  CompletionIntent intent(String outOrderNo) {
    return transactions.inTransaction(
        repos ->
            repos
                .intents()
                .find(
                    MCHID,
                    OutOrderNo.of(outOrderNo),
                    dev.payscore.IntentKind.COMPLETE)
                .orElseThrow());
  }

  /** How many intents are settled; -1 while the database cannot answer (killed, restarting). */
  long settled() {
    try {
      Map<IntentStatus, Long> counts =
          transactions.inTransaction(repos -> repos.intents().countByStatus(MCHID));
      return counts.entrySet().stream()
          .filter(e -> e.getKey().isSettled())
          .mapToLong(Map.Entry::getValue)
          .sum();
    } catch (StorageException e) {
      return -1;
    }
  }

  /**
   * The completion of {@code outOrderNo} succeeded, WeChat applied it exactly once with the frozen
   * body, the local order's state is WeChat's, and the audit trail has one success.
   */
  void assertCompletedExactlyOnce(String outOrderNo) {
    CompletionIntent intent = intent(outOrderNo);
    assertThat(intent.status())
        .as("%s: %s", outOrderNo, intent.lastError())
        .isEqualTo(IntentStatus.SUCCEEDED);
    assertThat(completes(outOrderNo))
        .as("completions of %s", outOrderNo)
        .singleElement()
        .extracting(LedgerEntry::requestBody)
        .isEqualTo(intent.payload().json());
    assertThat(localOrder(outOrderNo).lifecycle())
        .as(outOrderNo)
        .isEqualTo(wechatState(outOrderNo));
    List<AuditEventType> trail =
        transactions
            .inTransaction(repos -> repos.history().ofOrder(MCHID, OutOrderNo.of(outOrderNo)))
            .stream()
            .map(e -> e.entry().type())
            .toList();
    assertThat(trail).as(outOrderNo).startsWith(AuditEventType.COMPLETION_REQUESTED);
    assertThat(trail).as(outOrderNo).contains(AuditEventType.COMPLETION_ATTEMPTED);
    assertThat(trail).as(outOrderNo).containsOnlyOnce(AuditEventType.COMPLETION_SUCCEEDED);
  }

  @Override
  public void close() {
    sandbox.close();
  }

  private static KeyPair newKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
