package dev.payscore;

import com.sun.net.httpserver.HttpServer;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.sandbox.LedgerEntry;
import dev.payscore.sandbox.SandboxConfig;
import dev.payscore.wechat.notification.NotificationParser;
import dev.payscore.wechat.notification.NotificationResult;
import dev.payscore.wechat.notification.PayScoreNotification;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * A sandbox, a {@link PayScore} on real PostgreSQL, and a loopback HTTP endpoint that hands
 * WeChat's callbacks to {@code payScore.notifications()}, keeping every callback it received (for
 * replays) and refusing those {@link #refuse} matches (missed callbacks).
 */
final class LifecycleWorld implements AutoCloseable {
  static final String NO_CONFIRM_SERVICE = "00004000000000000000000000000002";
  static final String API_V3_KEY = "0123456789abcdef0123456789ABCDEF";

  /** One callback as it arrived (headers, raw body) and, read on the side, what it is about. */
  record Callback(Map<String, String> headers, byte[] body, String outOrderNo, String eventType) {}

  final SandboxWorld world;
  final PayScore payScore;
  final List<Callback> received = new CopyOnWriteArrayList<>();

  /**
   * Callbacks for these orders ({@code out_order_no}, or {@code out_order_no event_type}) are
   * answered 503 without being handled (missed callbacks).
   */
  final Set<String> refused = ConcurrentHashMap.newKeySet();

  private final HttpServer server;
  private final NotificationParser spy;

  LifecycleWorld(DataSource dataSource, SweepOptions sweeps) throws IOException {
    this(dataSource, sweeps, Clock.systemUTC());
  }

  /** A world whose sandbox clock (shared by our side) follows {@code clock}. */
  LifecycleWorld(DataSource dataSource, SweepOptions sweeps, Clock clock) throws IOException {
    this(dataSource, sweeps, clock, PayScoreListener.NONE);
  }

  /** A world whose facade tells {@code listener} what it did. */
  LifecycleWorld(
      DataSource dataSource, SweepOptions sweeps, Clock clock, PayScoreListener listener)
      throws IOException {
    SandboxConfig.Merchant base = SandboxWorld.merchant();
    SandboxConfig.Merchant merchant =
        new SandboxConfig.Merchant(
            base.mchid(),
            base.serialNo(),
            base.publicKey(),
            base.apiV3Key(),
            base.appids(),
            List.of(
                base.services().get(0),
                new SandboxConfig.Service(
                    NO_CONFIRM_SERVICE, SandboxConfig.ServiceMode.NO_CONFIRM, 500_00)));
    this.world =
        new SandboxWorld(
            dataSource, SandboxWorld.config().callbackTimeScale(0.0001).clock(clock), merchant);
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    this.payScore =
        world
            .payScore(SandboxWorld.fastOptions())
            .notifications(
                WechatKeys.publicKey(world.sandbox.publicKeyId(), world.sandbox.publicKey()),
                ApiV3Key.ofText(API_V3_KEY))
            .sweeps(sweeps)
            .listener(listener)
            .build();
    this.spy =
        NotificationParser.create(
            WechatKeys.publicKey(world.sandbox.publicKeyId(), world.sandbox.publicKey()),
            ApiV3Key.ofText(API_V3_KEY),
            world.clock());
    server.createContext(
        "/notify",
        exchange -> {
          Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
          exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          Callback callback = read(headers, body);
          received.add(callback);
          Notifications.Answer answer =
              refused.contains(callback.outOrderNo())
                      || refused.contains(callback.outOrderNo() + " " + callback.eventType())
                  ? new Notifications.Answer(503, "")
                  : payScore.notifications().handle(headers, body);
          byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
          try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(out);
          }
        });
    server.start();
  }

  private Callback read(Map<String, String> headers, byte[] body) {
    if (spy.parse(body, headers) instanceof NotificationResult.Accepted accepted) {
      PayScoreNotification notification = accepted.notification();
      return new Callback(
          Map.copyOf(headers),
          body,
          notification.order().outOrderNo().value(),
          notification.eventType().wireName());
    }
    return new Callback(Map.copyOf(headers), body, "?", "?");
  }

  /** The callbacks received for {@code outOrderNo} of {@code eventType}, in arrival order. */
  List<Callback> received(String outOrderNo, String eventType) {
    return received.stream()
        .filter(c -> c.outOrderNo().equals(outOrderNo) && c.eventType().equals(eventType))
        .toList();
  }

  String notifyUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
  }

  CreateOrder createBody(String outOrderNo, boolean confirm) {
    return new CreateOrder(
        outOrderNo,
        SandboxWorld.APPID.value(),
        confirm ? SandboxWorld.SERVICE_ID.value() : NO_CONFIRM_SERVICE,
        "充电宝租借",
        List.of(new PostPayment("收费标准", null, "2元/小时", null)),
        List.of(),
        TimeRange.between("OnAccept", null),
        null,
        RiskFund.of(RiskFundName.DEPOSIT, 100_00),
        null,
        notifyUrl(),
        confirm ? null : "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        confirm ? null : false,
        null);
  }

  LifecycleResult create(String outOrderNo, boolean confirm) {
    return payScore
        .orders()
        .create(
            new CreateServiceOrderCommand(
                SandboxWorld.MCHID, createBody(outOrderNo, confirm), "it"));
  }

  /** A completion of {@code total} for an order of {@code serviceId}. */
  static RequestCompletionCommand completion(String outOrderNo, String serviceId, long total) {
    CompleteOrder order = SandboxWorld.completion(total);
    return new RequestCompletionCommand(
        SandboxWorld.MCHID,
        OutOrderNo.of(outOrderNo),
        new CompleteOrder(
            order.appid(),
            serviceId,
            order.postPayments(),
            order.postDiscounts(),
            order.totalAmount(),
            order.timeRange(),
            order.location(),
            order.profitSharing(),
            order.goodsTag(),
            order.device()),
        "it");
  }

  static OrderCommand order(String outOrderNo) {
    return new OrderCommand(SandboxWorld.MCHID, OutOrderNo.of(outOrderNo), "it");
  }

  ServiceOrder local(String outOrderNo) {
    return world.localOrder(outOrderNo);
  }

  LifecycleState localState(String outOrderNo) {
    return local(outOrderNo).lifecycle();
  }

  List<AuditEventType> trail(String outOrderNo) {
    return payScore.history().ofOrder(SandboxWorld.MCHID, OutOrderNo.of(outOrderNo)).stream()
        .map(e -> e.entry().type())
        .toList();
  }

  List<LedgerEntry> ledger(String outOrderNo) {
    return world.sandbox.ledger(outOrderNo);
  }

  @Override
  public void close() {
    server.stop(0);
    payScore.close();
    world.close();
  }
}
