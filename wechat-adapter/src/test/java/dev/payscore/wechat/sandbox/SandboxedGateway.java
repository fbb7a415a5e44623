package dev.payscore.wechat.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.ApiV3Key;
import dev.payscore.AppId;
import dev.payscore.CompleteOrder;
import dev.payscore.CreateOrder;
import dev.payscore.MerchantCredentials;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.ServiceId;
import dev.payscore.TimeRange;
import dev.payscore.WechatKeys;
import dev.payscore.domain.completion.BillingConvention;
import dev.payscore.domain.completion.CompletionLimits;
import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.ServiceTime;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.OrderQuery;
import dev.payscore.sandbox.LedgerEntry;
import dev.payscore.sandbox.Operation;
import dev.payscore.sandbox.PayScoreSandbox;
import dev.payscore.sandbox.SandboxConfig;
import dev.payscore.wechat.SettableClock;
import dev.payscore.wechat.WechatPayScoreGateway;
import dev.payscore.wechat.WechatPaySide;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A sandbox with one merchant and our gateway pointed at it, sharing one {@link SettableClock}: the
 * merchant's key pair is generated here, the sandbox knows its public key, the gateway signs with
 * its private key and verifies with the WeChat key the sandbox publishes. Registered as a static
 * {@code @RegisterExtension} field, it serves one test class and closes after it.
 */
final class SandboxedGateway implements AutoCloseable, AfterAllCallback {
  static final MerchantId MCHID = MerchantId.of("1900000109");
  static final String SERIAL = "6B2C3D4E5F60718293A4B5C6D7E8F90011223344";
  static final AppId APPID = AppId.of("wx0000000000000109");
  static final ServiceId SERVICE_ID = ServiceId.of("00004000000000000000000000000109");
  static final ApiV3Key API_V3_KEY = ApiV3Key.ofText("0123456789abcdef0123456789ABCDEF");
  static final Instant START = Instant.parse("2026-11-26T02:00:00Z");
  static final KeyPair MERCHANT_KEYS = WechatPaySide.generate();

  final SettableClock clock = new SettableClock(START);
  final PayScoreSandbox sandbox;
  final WechatPayScoreGateway gateway;
  private final AtomicInteger orders = new AtomicInteger();

  private SandboxedGateway(
      long riskCap,
      UnaryOperator<SandboxConfig.Builder> sandboxConfig,
      UnaryOperator<WechatPayScoreGateway.Builder> gatewayConfig) {
    SandboxConfig.Merchant merchant =
        new SandboxConfig.Merchant(
            MCHID.value(),
            SERIAL,
            MERCHANT_KEYS.getPublic(),
            "0123456789abcdef0123456789ABCDEF",
            Set.of(APPID.value()),
            List.of(
                new SandboxConfig.Service(
                    SERVICE_ID.value(), SandboxConfig.ServiceMode.CONFIRM, riskCap)));
    this.sandbox =
        PayScoreSandbox.start(
            sandboxConfig
                .apply(
                    SandboxConfig.builder()
                        .merchant(merchant)
                        .clock(clock)
                        .autoPayDelay(null)
                        .callbackTimeScale(0.0001))
                .build());
    WechatKeys keys =
        sandbox.keyMode() == SandboxConfig.KeyMode.PUBLIC_KEY
            ? WechatKeys.publicKey(sandbox.publicKeyId(), sandbox.publicKey())
            : WechatKeys.builder().downloadPlatformCertificates(API_V3_KEY).build();
    this.gateway =
        gatewayConfig
            .apply(
                WechatPayScoreGateway.builder()
                    .baseUrl(sandbox.baseUrl() + "/")
                    .merchant(credentials(SERIAL), keys)
                    .clock(clock))
            .build();
  }

  /** Public-key mode, a risk cap of 500 yuan, no automatic payment. */
  static SandboxedGateway start() {
    return start(config -> config, client -> client);
  }

  static SandboxedGateway start(
      UnaryOperator<SandboxConfig.Builder> sandboxConfig,
      UnaryOperator<WechatPayScoreGateway.Builder> gatewayConfig) {
    return new SandboxedGateway(500_00, sandboxConfig, gatewayConfig);
  }

  static SandboxedGateway start(long riskCap, UnaryOperator<SandboxConfig.Builder> sandboxConfig) {
    return new SandboxedGateway(riskCap, sandboxConfig, client -> client);
  }

  static MerchantCredentials credentials(String serial) {
    return new MerchantCredentials(MCHID, serial, MERCHANT_KEYS.getPrivate());
  }

  /**
   * The domain's validator on this sandbox's clock, with the defaults the sandbox shares and the
   * service's risk cap, which is not queryable: a merchant configures it.
   */
  CompletionValidator validator(long riskCap) {
    return new CompletionValidator(
        clock,
        CompletionLimits.defaults().withServiceRiskCap(SERVICE_ID.value(), riskCap),
        BillingConvention.NONE);
  }

  /** A fresh order number. */
  OutOrderNo nextOrder() {
    return OutOrderNo.of("contract-" + orders.incrementAndGet());
  }

  /** A confirm-mode create body: starts in a minute, ends in two hours, a 100-yuan deposit. */
  CreateOrder createBody(OutOrderNo outOrderNo, String notifyUrl) {
    Instant now = clock.instant();
    return createBody(
        outOrderNo,
        TimeRange.between(
            ServiceTime.ofSeconds(now.plusSeconds(60)).text(),
            ServiceTime.ofSeconds(now.plus(Duration.ofHours(2))).text()),
        RiskFund.of(RiskFundName.DEPOSIT, 100_00),
        notifyUrl);
  }

  CreateOrder createBody(OutOrderNo outOrderNo, TimeRange range, RiskFund fund, String notifyUrl) {
    return new CreateOrder(
        outOrderNo.value(),
        APPID.value(),
        SERVICE_ID.value(),
        "充电宝租借",
        List.of(new PostPayment("收费标准", null, "2元/小时", null)),
        List.of(),
        range,
        null,
        fund,
        null,
        notifyUrl,
        null,
        null,
        null);
  }

  /**
   * Created through the gateway, then confirmed by the simulated user; the query_id is returned.
   */
  String confirmed(CreateOrder body) {
    assertThat(gateway.create(MCHID, body)).isInstanceOf(GatewayOutcome.Accepted.class);
    return sandbox.confirm(body.outOrderNo());
  }

  /** A created and confirmed order that notifies nobody (the URL is not loopback). */
  OutOrderNo confirmedOrder() {
    OutOrderNo outOrderNo = nextOrder();
    confirmed(createBody(outOrderNo, "https://merchant.example.com/payscore/notify"));
    return outOrderNo;
  }

  /** 50 yuan of fees minus a 10-yuan discount, ended now. */
  CompleteOrder completeBody() {
    return completeBody(40_00);
  }

  /** {@code total} fen after a 10-yuan discount, ended now. */
  CompleteOrder completeBody(long total) {
    return new CompleteOrder(
        APPID.value(),
        SERVICE_ID.value(),
        List.of(new PostPayment("使用费", total + 10_00, "5小时", null)),
        List.of(new PostDiscount("新用户优惠", "首单减10元", 10_00L, null)),
        total,
        new TimeRange(null, null, ServiceTime.ofSeconds(clock.instant()).text(), null),
        null,
        null,
        null,
        null);
  }

  /** A confirmed order whose service ran for an hour: its end is in the past. */
  OutOrderNo confirmedAndUsed() {
    OutOrderNo outOrderNo = confirmedOrder();
    clock.advance(Duration.ofHours(1));
    return outOrderNo;
  }

  /** A confirmed, used and completed order (DOING/MCH_COMPLETE, 40 yuan to collect). */
  OutOrderNo completedOrder() {
    OutOrderNo outOrderNo = confirmedAndUsed();
    assertThat(gateway.complete(MCHID, outOrderNo, completeBody()))
        .isInstanceOf(GatewayOutcome.Accepted.class);
    return outOrderNo;
  }

  ObservedOrder query(OutOrderNo outOrderNo) {
    GatewayOutcome<ObservedOrder> outcome =
        gateway.query(MCHID, OrderQuery.byOutOrderNo(APPID, SERVICE_ID, outOrderNo));
    assertThat(outcome).isInstanceOf(GatewayOutcome.Accepted.class);
    return ((GatewayOutcome.Accepted<ObservedOrder>) outcome).body();
  }

  /** What the sandbox applied to the order, in order. */
  List<Operation> operations(OutOrderNo outOrderNo) {
    return sandbox.ledger(outOrderNo.value()).stream().map(LedgerEntry::operation).toList();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    gateway.close();
    sandbox.close();
  }
}
