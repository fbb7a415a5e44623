package dev.payscore.bench.internal;

import dev.payscore.AppId;
import dev.payscore.CompleteOrder;
import dev.payscore.CreateOrder;
import dev.payscore.MerchantCredentials;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PostPayment;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.ServiceId;
import dev.payscore.TimeRange;
import dev.payscore.WechatKeys;
import dev.payscore.domain.model.ConfirmationMode;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.model.ServiceTime;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.sandbox.FaultRule;
import dev.payscore.sandbox.Operation;
import dev.payscore.sandbox.PayScoreSandbox;
import dev.payscore.sandbox.SandboxClock;
import dev.payscore.sandbox.SandboxConfig;
import dev.payscore.wechat.WechatPayScoreGateway;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One merchant at a local WeChat sandbox: its keys, a gateway to it, and orders prepared at WeChat
 * (created, confirmed by the user: DOING/USER_CONFIRM) with their local mirrors, ready to complete.
 */
public final class SandboxMerchant implements AutoCloseable {
  public static final MerchantId MCHID = MerchantId.of("1900000001");
  static final String SERIAL = "5A1B2C3D4E5F60718293A4B5C6D7E8F900112233";
  static final AppId APPID = AppId.of("wx0000000000000001");
  static final ServiceId SERVICE_ID = ServiceId.of("00004000000000000000000000000001");
  private static final String NOTIFY_URL = "https://merchant.example.com/payscore/notify";
  private static final String INTRODUCTION = "充电宝租借";
  private static final List<PostPayment> PRICING =
      List.of(new PostPayment("收费标准", null, "2元/小时", null));
  private static final RiskFund DEPOSIT = RiskFund.of(RiskFundName.DEPOSIT, 100_00);

  private final KeyPair keys = newKeys();
  private final PayScoreSandbox sandbox;
  private final AtomicInteger sequence = new AtomicInteger();

  /** A sandbox answering every call {@code latency} late (zero: at once). */
  public SandboxMerchant(Duration latency) {
    SandboxConfig.Builder config =
        SandboxConfig.builder()
            .clock(SandboxClock.of(Clock.systemUTC()))
            .callbackTimeScale(0.0001)
            .seed(7)
            .merchant(
                new SandboxConfig.Merchant(
                    MCHID.value(),
                    SERIAL,
                    keys.getPublic(),
                    "0123456789abcdef0123456789ABCDEF",
                    Set.of(APPID.value()),
                    List.of(
                        new SandboxConfig.Service(
                            SERVICE_ID.value(), SandboxConfig.ServiceMode.CONFIRM, 500_00))));
    if (!latency.isZero()) {
      config.fault(FaultRule.delay(null, latency));
    }
    this.sandbox = PayScoreSandbox.start(config.build());
  }

  /** The clock both sides run on: the sandbox's, so that time can be moved past confirmations. */
  public Clock clock() {
    return sandbox.clock();
  }

  public MerchantCredentials credentials() {
    return new MerchantCredentials(MCHID, SERIAL, keys.getPrivate());
  }

  public WechatKeys wechatKeys() {
    return WechatKeys.publicKey(sandbox.publicKeyId(), sandbox.publicKey());
  }

  public String endpoint() {
    return sandbox.baseUrl() + "/";
  }

  /** A gateway to the sandbox, as the engine would build it for {@code concurrency} calls. */
  public WechatPayScoreGateway gateway(int concurrency) {
    return WechatPayScoreGateway.builder()
        .baseUrl(endpoint())
        .merchant(credentials(), wechatKeys())
        .clock(clock())
        .callTimeout(Duration.ofSeconds(30))
        .maxConcurrentAsyncCalls(concurrency)
        .build();
  }

  /**
   * Opens {@code count} orders at WeChat ({@code threads} at a time) and, in batches, their local
   * mirrors through {@code transactions}; then moves the clock two seconds on, so completions end
   * after the confirmations. Returns their out-order numbers.
   */
  public List<String> prepare(
      WechatPayScoreGateway gateway, Transactions transactions, int count, int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<ServiceOrder>> opened = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String no = "BENCH" + String.format("%08d", sequence.incrementAndGet());
        opened.add(pool.submit(() -> open(gateway, no)));
      }
      List<ServiceOrder> orders = new ArrayList<>();
      for (Future<ServiceOrder> f : opened) {
        orders.add(f.get());
      }
      for (int from = 0; from < orders.size(); from += 500) {
        List<ServiceOrder> chunk = orders.subList(from, Math.min(orders.size(), from + 500));
        transactions.inTransaction(
            repos -> {
              chunk.forEach(repos.orders()::insert);
              return null;
            });
      }
      sandbox.clock().advance(Duration.ofSeconds(2));
      return orders.stream().map(o -> o.outOrderNo().value()).toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while preparing orders", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("preparing orders failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private ServiceOrder open(WechatPayScoreGateway gateway, String outOrderNo) {
    CreateOrder create =
        new CreateOrder(
            outOrderNo,
            APPID.value(),
            SERVICE_ID.value(),
            INTRODUCTION,
            PRICING,
            List.of(),
            TimeRange.between("OnAccept", null),
            null,
            DEPOSIT,
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
    return confirmedOrder(outOrderNo, accepted.body().orderId());
  }

  /** The local mirror of an order of this merchant that the user confirmed. */
  public static ServiceOrder confirmedOrder(String outOrderNo, @Nullable String orderId) {
    return new ServiceOrder(
        MCHID,
        OutOrderNo.of(outOrderNo),
        APPID,
        SERVICE_ID,
        INTRODUCTION,
        ConfirmationMode.CONFIRM,
        LifecycleState.DOING_USER_CONFIRM,
        DEPOSIT,
        TimeRange.between("OnAccept", null),
        PRICING,
        List.of(),
        null,
        null,
        NOTIFY_URL,
        null,
        orderId,
        null,
        null,
        null, null,
        0);
  }

  /** A one-line completion of {@code total} fen; the end time left for the engine to freeze. */
  public static CompleteOrder completion(long total, @Nullable String end) {
    return new CompleteOrder(
        APPID.value(),
        SERVICE_ID.value(),
        List.of(new PostPayment("租借费用", total, "2小时", 1)),
        List.of(),
        total,
        end == null ? null : new TimeRange(null, null, end, null),
        null,
        null,
        null,
        null);
  }

  /** The completion a bare caller sends: the same, with the end time set to now. */
  public CompleteOrder bareCompletion(long total) {
    return completion(total, ServiceTime.ofSeconds(clock().instant()).text());
  }

  /** How many completions WeChat applied. */
  public long appliedCompletions() {
    return sandbox.ledger().stream().filter(e -> e.operation() == Operation.COMPLETE).count();
  }

  @Override
  public void close() {
    sandbox.close();
  }

  /** A fresh RSA-2048 key pair (merchant keys are generated per run, never stored). */
  static KeyPair newKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
