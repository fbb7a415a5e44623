package dev.payscore.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.AppId;
import dev.payscore.CompleteOrder;
import dev.payscore.CreateOrder;
import dev.payscore.InvalidValueException;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PostPayment;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.ServiceId;
import dev.payscore.TimeRange;
import dev.payscore.domain.completion.CompletionPayload;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.port.out.CancelOrder;
import dev.payscore.domain.port.out.CollectOrder;
import dev.payscore.domain.port.out.GatewayOutcome.UnknownCause;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.ModifyOrder;
import dev.payscore.domain.port.out.OrderQuery;
import dev.payscore.domain.port.out.OrderReceipt;
import dev.payscore.domain.port.out.RejectionKind;
import dev.payscore.domain.port.out.SyncOrder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WechatPayScoreGatewayTest {
  static final MerchantId MCHID = MerchantId.of("1230000109");
  static final OutOrderNo OUT_ORDER_NO = OutOrderNo.of("1234323JKHDFE1243252");
  static final String NONCE = "593BEC0C930BF1AFEB40B4A08C8FB242";
  static final WechatPaySide WECHAT = WechatPaySide.publicKeyMode();
  static final Clock CLOCK = Clock.fixed(WechatPaySide.NOW, ZoneOffset.UTC);

  static final String ORDER_JSON =
      "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1230000109\",\"out_order_no\":\"1234323JKHDFE1243252\","
          + "\"service_id\":\"500001\",\"service_introduction\":\"某某酒店\",\"state\":\"DOING\","
          + "\"state_description\":\"MCH_COMPLETE\",\"total_amount\":3000,"
          + "\"post_payments\":[{\"name\":\"充电费\",\"amount\":3000,\"count\":1}],"
          + "\"risk_fund\":{\"name\":\"DEPOSIT\",\"amount\":10000},"
          + "\"time_range\":{\"start_time\":\"20251231230000\",\"end_time\":\"20251231235000\"},"
          + "\"need_collection\":true,\"collection\":{\"state\":\"USER_PAYING\",\"total_amount\":3000,"
          + "\"paying_amount\":3000,\"paid_amount\":0,\"details\":[]},\"order_id\":\"15646546545165651651\"}";
  static final String RECEIPT_JSON =
      "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1230000109\",\"out_order_no\":\"1234323JKHDFE1243252\","
          + "\"service_id\":\"500001\",\"order_id\":\"15646546545165651651\"}";

  static final CompleteOrder COMPLETE =
      new CompleteOrder(
          "wxd678efh567hg6787", "500001",
          List.of(new PostPayment("充电费", 3000L, null, 1)), List.of(), 3000,
          TimeRange.between("20251231230000", "20251231235000"), null, null, null, null);

  @StartStop final MockWebServer server = new MockWebServer();
  WechatPayScoreGateway gateway;

  WechatPayScoreGateway.Builder builder() {
    return WechatPayScoreGateway.builder()
        .baseUrl(server.url("/").toString())
        .merchant(WechatPaySide.merchant(MCHID.value()), WECHAT.keys())
        .clock(CLOCK)
        .nonces(() -> NONCE)
        .userAgent("payscore-test/1");
  }

  WechatPayScoreGateway gateway() {
    gateway = builder().build();
    return gateway;
  }

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  static String body(RecordedRequest request) {
    return request.getBody() == null ? "" : request.getBody().utf8();
  }

  /** The request as WeChat sees it: the signature must verify with the merchant's public key. */
  static void assertSignedByMerchant(RecordedRequest request) throws Exception {
    String authorization = request.getHeaders().get("Authorization");
    assertThat(authorization).startsWith("WECHATPAY2-SHA256-RSA2048 mchid=\"1230000109\",nonce_str=\"" + NONCE + "\",timestamp=\"1767225600\",serial_no=\"5157F09EFDC096DE15EBE81A47057A7232F1B8E1\",signature=\"");
    String signature = authorization.substring(authorization.indexOf("signature=\"") + 11, authorization.length() - 1);
    String message = request.getMethod() + "\n" + request.getTarget() + "\n1767225600\n" + NONCE + "\n" + body(request) + "\n";
    java.security.Signature verifier = java.security.Signature.getInstance("SHA256withRSA");
    verifier.initVerify(WechatPaySide.merchantPublicKey());
    verifier.update(message.getBytes(StandardCharsets.UTF_8));
    assertThat(verifier.verify(java.util.Base64.getDecoder().decode(signature))).as("signature over\n" + message).isTrue();
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo("payscore-test/1");
    assertThat(request.getHeaders().get("Wechatpay-Serial")).isEqualTo(WECHAT.serial);
  }

  @Test
  void completeSendsTheCanonicalPayloadBytesSignedAndReadsTheVerifiedOrder() throws Exception {
    server.enqueue(WECHAT.response(200, ORDER_JSON));

    GatewayOutcome<ObservedOrder> outcome = gateway().complete(MCHID, OUT_ORDER_NO, COMPLETE);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/v3/payscore/serviceorder/1234323JKHDFE1243252/complete");
    assertThat(request.getBody().toByteArray()).isEqualTo(CompletionPayload.of(COMPLETE).bytes());
    assertThat(body(request)).doesNotContain("out_order_no");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertSignedByMerchant(request);
    assertThat(outcome).isInstanceOf(GatewayOutcome.Accepted.class);
    GatewayOutcome.Accepted<ObservedOrder> accepted = (GatewayOutcome.Accepted<ObservedOrder>) outcome;
    assertThat(accepted.requestId()).isEqualTo("08F78BB5AF0610D302A6200");
    assertThat(accepted.body().lifecycle()).isEqualTo(LifecycleState.of(
        dev.payscore.domain.model.ServiceOrderState.DOING, dev.payscore.domain.model.StateDescription.MCH_COMPLETE));
    assertThat(accepted.body().totalAmount()).isEqualTo(3000L);
    assertThat(accepted.body().collection().state()).isEqualTo(dev.payscore.domain.model.CollectionState.USER_PAYING);
  }

  @Test
  void createSendsOutOrderNoInTheBody() throws Exception {
    server.enqueue(WECHAT.response(200, ORDER_JSON.replace("\"DOING\"", "\"CREATED\"").replace(",\"state_description\":\"MCH_COMPLETE\"", "") .replace("}", "}").replace("\"order_id\"", "\"package\":\"DJIOSQPYWDxsjdldeskdf\",\"order_id\"")));
    CreateOrder create =
        new CreateOrder(OUT_ORDER_NO.value(), "wxd678efh567hg6787", "500001", "某某酒店", List.of(), List.of(),
            new TimeRange("OnAccept", null, null, null), null, RiskFund.of(RiskFundName.DEPOSIT, 10000), null,
            "https://merchant.example/notify", null, null, null);

    GatewayOutcome<ObservedOrder> outcome = gateway().create(MCHID, create);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/v3/payscore/serviceorder");
    assertThat(body(request))
        .isEqualTo("{\"out_order_no\":\"1234323JKHDFE1243252\",\"appid\":\"wxd678efh567hg6787\",\"service_id\":\"500001\","
            + "\"service_introduction\":\"某某酒店\",\"time_range\":{\"start_time\":\"OnAccept\"},"
            + "\"risk_fund\":{\"name\":\"DEPOSIT\",\"amount\":10000},\"notify_url\":\"https://merchant.example/notify\"}");
    assertSignedByMerchant(request);
    assertThat(((GatewayOutcome.Accepted<ObservedOrder>) outcome).body().confirmPackage()).contains("DJIOSQPYWDxsjdldeskdf");
  }

  @Test
  void queryByOutOrderNoOrQueryIdSignsTheQueryString() throws Exception {
    server.enqueue(WECHAT.response(200, ORDER_JSON));
    server.enqueue(WECHAT.response(200, ORDER_JSON));
    AppId appid = AppId.of("wxd678efh567hg6787");
    ServiceId serviceId = ServiceId.of("500001");

    GatewayOutcome<ObservedOrder> byNumber = gateway().query(MCHID, OrderQuery.byOutOrderNo(appid, serviceId, OUT_ORDER_NO));
    GatewayOutcome<ObservedOrder> byQueryId = gateway.query(MCHID, OrderQuery.byQueryId(appid, serviceId, "15951638/a+b=c"));

    RecordedRequest first = server.takeRequest();
    assertThat(first.getMethod()).isEqualTo("GET");
    assertThat(first.getTarget()).isEqualTo("/v3/payscore/serviceorder?service_id=500001&out_order_no=1234323JKHDFE1243252&appid=wxd678efh567hg6787");
    assertSignedByMerchant(first);
    RecordedRequest second = server.takeRequest();
    assertThat(second.getTarget()).isEqualTo("/v3/payscore/serviceorder?service_id=500001&query_id=15951638%2Fa%2Bb%3Dc&appid=wxd678efh567hg6787");
    assertSignedByMerchant(second);
    assertThat(byNumber).isInstanceOf(GatewayOutcome.Accepted.class);
    assertThat(byQueryId).isInstanceOf(GatewayOutcome.Accepted.class);
  }

  @Test
  void cancelReturnsTheReceipt() throws Exception {
    server.enqueue(WECHAT.response(200, RECEIPT_JSON));

    GatewayOutcome<OrderReceipt> outcome = gateway().cancel(MCHID, OUT_ORDER_NO, new CancelOrder("wxd678efh567hg6787", "500001", "用户取消"));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/v3/payscore/serviceorder/1234323JKHDFE1243252/cancel");
    assertThat(body(request)).isEqualTo("{\"appid\":\"wxd678efh567hg6787\",\"service_id\":\"500001\",\"reason\":\"用户取消\"}");
    assertSignedByMerchant(request);
    assertThat(((GatewayOutcome.Accepted<OrderReceipt>) outcome).body().orderId()).isEqualTo("15646546545165651651");
  }

  @Test
  void modifySendsTheLowerTotal() throws Exception {
    server.enqueue(WECHAT.response(200, ORDER_JSON.replace("3000", "2000")));
    ModifyOrder modify = new ModifyOrder("wxd678efh567hg6787", "500001", List.of(new PostPayment("充电费", 2000L, null, null)), List.of(), 2000, "优惠", null);

    GatewayOutcome<ObservedOrder> outcome = gateway().modify(MCHID, OUT_ORDER_NO, modify);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/v3/payscore/serviceorder/1234323JKHDFE1243252/modify");
    assertThat(body(request)).isEqualTo("{\"appid\":\"wxd678efh567hg6787\",\"service_id\":\"500001\",\"post_payments\":[{\"name\":\"充电费\",\"amount\":2000}],\"total_amount\":2000,\"reason\":\"优惠\"}");
    assertSignedByMerchant(request);
    assertThat(((GatewayOutcome.Accepted<ObservedOrder>) outcome).body().totalAmount()).isEqualTo(2000L);
  }

  @Test
  void syncAcceptsTwoHundredWithTheOrderAndTwoHundredFourWithout() throws Exception {
    server.enqueue(WECHAT.response(200, ORDER_JSON));
    server.enqueue(WECHAT.response(204, ""));
    SyncOrder sync = SyncOrder.orderPaid("wxd678efh567hg6787", "500001", "20260101075900");

    GatewayOutcome<Optional<ObservedOrder>> withBody = gateway().sync(MCHID, OUT_ORDER_NO, sync);
    GatewayOutcome<Optional<ObservedOrder>> noContent = gateway.sync(MCHID, OUT_ORDER_NO, sync);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/v3/payscore/serviceorder/1234323JKHDFE1243252/sync");
    assertThat(body(request)).isEqualTo("{\"appid\":\"wxd678efh567hg6787\",\"service_id\":\"500001\",\"type\":\"Order_Paid\",\"detail\":{\"paid_time\":\"20260101075900\"}}");
    assertSignedByMerchant(request);
    assertThat(((GatewayOutcome.Accepted<Optional<ObservedOrder>>) withBody).body()).isPresent();
    assertThat(noContent).isEqualTo(new GatewayOutcome.Accepted<>(Optional.empty(), "08F78BB5AF0610D302A6204"));
  }

  @Test
  void payAcceptsTwoHundredAndTwoHundredFour() throws Exception {
    server.enqueue(WECHAT.response(200, RECEIPT_JSON));
    server.enqueue(WECHAT.response(204, ""));
    CollectOrder collect = new CollectOrder("wxd678efh567hg6787", "500001");

    GatewayOutcome<Optional<OrderReceipt>> receipt = gateway().pay(MCHID, OUT_ORDER_NO, collect);
    GatewayOutcome<Optional<OrderReceipt>> noContent = gateway.pay(MCHID, OUT_ORDER_NO, collect);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/v3/payscore/serviceorder/1234323JKHDFE1243252/pay");
    assertThat(body(request)).isEqualTo("{\"appid\":\"wxd678efh567hg6787\",\"service_id\":\"500001\"}");
    assertSignedByMerchant(request);
    assertThat(((GatewayOutcome.Accepted<Optional<OrderReceipt>>) receipt).body()).isPresent();
    assertThat(((GatewayOutcome.Accepted<Optional<OrderReceipt>>) noContent).body()).isEmpty();
  }

  @Test
  void asyncCallsCompleteWithTheSameOutcomes() throws Exception {
    server.enqueue(WECHAT.response(200, ORDER_JSON));
    server.enqueue(WECHAT.response(429, "{\"code\":\"FREQUENCY_LIMITED\",\"message\":\"频率超限\"}"));

    GatewayOutcome<ObservedOrder> accepted = gateway().completeAsync(MCHID, OUT_ORDER_NO, COMPLETE).get(10, TimeUnit.SECONDS);
    GatewayOutcome<ObservedOrder> throttled = gateway.completeAsync(MCHID, OUT_ORDER_NO, COMPLETE).get(10, TimeUnit.SECONDS);

    assertThat(accepted).isInstanceOf(GatewayOutcome.Accepted.class);
    assertThat(throttled).isEqualTo(new GatewayOutcome.Throttled<ObservedOrder>("FREQUENCY_LIMITED", "频率超限", "08F78BB5AF0610D302A6429"));
    assertSignedByMerchant(server.takeRequest());
  }

  @Test
  void asyncCallsAreBoundedByMaxConcurrentAsyncCalls() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    server.setDispatcher(
        new mockwebserver3.Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            release.await(10, TimeUnit.SECONDS);
            return WECHAT.response(200, ORDER_JSON);
          }
        });
    gateway = builder().maxConcurrentAsyncCalls(1).build();

    var first = gateway.completeAsync(MCHID, OUT_ORDER_NO, COMPLETE);
    var second = gateway.completeAsync(MCHID, OUT_ORDER_NO, COMPLETE);

    assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(server.takeRequest(200, TimeUnit.MILLISECONDS)).as("the second call waits in OkHttp's queue").isNull();
    release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(GatewayOutcome.Accepted.class);
    assertThat(second.get(10, TimeUnit.SECONDS)).isInstanceOf(GatewayOutcome.Accepted.class);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aSignedErrorIsRejectedWithEveryField() {
    server.enqueue(WECHAT.response(400, "{\"code\":\"INVALID_REQUEST\",\"message\":\"当前订单状态不合法\"}"));

    assertThat(gateway().complete(MCHID, OUT_ORDER_NO, COMPLETE))
        .isEqualTo(new GatewayOutcome.Rejected<ObservedOrder>(400, "INVALID_REQUEST", RejectionKind.STATE, "当前订单状态不合法", null, "08F78BB5AF0610D302A6400"));
  }

  @Test
  void anErrorResponseWithABadSignatureIsUnknown() {
    String body = "{\"code\":\"INVALID_REQUEST\",\"message\":\"当前订单状态不合法\"}";
    server.enqueue(WECHAT.responseBuilder(400, body, WechatPaySide.NOW).body(body.replace("INVALID", "VALID")).build());

    GatewayOutcome<ObservedOrder> outcome = gateway().complete(MCHID, OUT_ORDER_NO, COMPLETE);

    assertThat(outcome).isEqualTo(new GatewayOutcome.Unknown<ObservedOrder>(UnknownCause.UNVERIFIABLE_RESPONSE, "SIGNATURE_MISMATCH", 400, "08F78BB5AF0610D302A6400"));
  }

  @Test
  void anUnsignedSuccessIsUnknownNotAccepted() {
    server.enqueue(new MockResponse.Builder().code(200).body(ORDER_JSON).build());

    assertThat(gateway().complete(MCHID, OUT_ORDER_NO, COMPLETE))
        .isEqualTo(new GatewayOutcome.Unknown<ObservedOrder>(UnknownCause.UNVERIFIABLE_RESPONSE, "MISSING_HEADERS", 200, null));
  }

  @Test
  void aStaleOrProbeSignedResponseIsUnknown() {
    server.enqueue(WECHAT.responseBuilder(200, ORDER_JSON, WechatPaySide.NOW.minusSeconds(600)).build());
    server.enqueue(WECHAT.responseBuilder(200, ORDER_JSON, WechatPaySide.NOW).setHeader("Wechatpay-Signature", "WECHATPAY/SIGNTEST/abc").build());

    assertThat(gateway().complete(MCHID, OUT_ORDER_NO, COMPLETE)).extracting("description").isEqualTo("STALE_TIMESTAMP");
    assertThat(gateway.complete(MCHID, OUT_ORDER_NO, COMPLETE)).extracting("description").isEqualTo("SIGNATURE_PROBE");
  }

  @Test
  void aVerifiedButUnreadableBodyIsMalformed() {
    server.enqueue(WECHAT.response(200, "{\"appid\":\"wx\"}"));

    assertThat(gateway().complete(MCHID, OUT_ORDER_NO, COMPLETE)).extracting("cause").isEqualTo(UnknownCause.MALFORMED_RESPONSE);
  }

  @Test
  void aServerErrorIsUnknown() {
    server.enqueue(WECHAT.response(500, "{\"code\":\"SYSTEM_ERROR\",\"message\":\"系统错误\"}"));

    assertThat(gateway().complete(MCHID, OUT_ORDER_NO, COMPLETE))
        .isEqualTo(new GatewayOutcome.Unknown<ObservedOrder>(UnknownCause.SERVER_ERROR, "HTTP 500 SYSTEM_ERROR", 500, "08F78BB5AF0610D302A6500"));
  }

  @Test
  void aServiceUnavailableWithRetryAfterZeroIsNotSentAgain() {
    server.enqueue(WECHAT.responseBuilder(503, "{\"code\":\"SERVICE_UNAVAILABLE\",\"message\":\"x\"}", WechatPaySide.NOW).addHeader("Retry-After", "0").build());
    server.enqueue(WECHAT.response(200, ORDER_JSON));

    assertThat(gateway().complete(MCHID, OUT_ORDER_NO, COMPLETE)).extracting("cause").isEqualTo(UnknownCause.SERVER_ERROR);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aReadTimeoutOnCompleteIsUnknownAndOnlyOneRequestReachedTheServer() throws Exception {
    server.enqueue(WECHAT.responseBuilder(200, ORDER_JSON, WechatPaySide.NOW).onResponseStart(SocketEffect.Stall.INSTANCE).build());
    server.enqueue(WECHAT.response(200, ORDER_JSON));
    try (MockWebServer backup = new MockWebServer()) {
      backup.start();
      gateway = builder().backupUrl(backup.url("/").toString()).readTimeout(Duration.ofMillis(300)).build();

      GatewayOutcome<ObservedOrder> outcome = gateway.complete(MCHID, OUT_ORDER_NO, COMPLETE);

      assertThat(outcome).extracting("cause").isEqualTo(UnknownCause.TIMEOUT);
      assertThat(server.getRequestCount()).isEqualTo(1);
      assertThat(backup.getRequestCount()).isZero();
    }
  }

  @Test
  void aDroppedConnectionAfterSendingIsUnknownAndNotSentAgain() {
    server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());

    assertThat(gateway().complete(MCHID, OUT_ORDER_NO, COMPLETE)).extracting("cause").isEqualTo(UnknownCause.CONNECTION_DROPPED);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theBackupHostIsUsedWhenThePrimaryRefusesTheConnection() throws Exception {
    server.enqueue(WECHAT.response(200, ORDER_JSON));
    gateway = builder().baseUrl("http://127.0.0.1:" + closedPort() + "/").backupUrl(server.url("/").toString()).build();

    GatewayOutcome<ObservedOrder> outcome = gateway.complete(MCHID, OUT_ORDER_NO, COMPLETE);

    assertThat(outcome).isInstanceOf(GatewayOutcome.Accepted.class);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/v3/payscore/serviceorder/1234323JKHDFE1243252/complete");
    assertSignedByMerchant(request);
  }

  @Test
  void withoutABackupAConnectFailureIsNotSent() throws IOException {
    gateway = builder().baseUrl("http://127.0.0.1:" + closedPort() + "/").build();

    assertThat(gateway.complete(MCHID, OUT_ORDER_NO, COMPLETE)).extracting("cause").isEqualTo(UnknownCause.NOT_SENT);
  }

  @Test
  void oneGatewayServesSeveralMerchantsEachWithItsOwnKeys() throws Exception {
    WechatPaySide other = new WechatPaySide("PUB_KEY_ID_0114232134912410000000000002");
    gateway = builder().merchant(WechatPaySide.merchant("1900000002"), other.keys()).build();
    server.enqueue(other.response(200, ORDER_JSON.replace("1230000109", "1900000002")));
    server.enqueue(WECHAT.response(200, ORDER_JSON.replace("1230000109", "1900000002")));

    assertThat(gateway.complete(MerchantId.of("1900000002"), OUT_ORDER_NO, COMPLETE)).isInstanceOf(GatewayOutcome.Accepted.class);
    // signed with the first merchant's WeChat key: not valid for the second merchant
    assertThat(gateway.complete(MerchantId.of("1900000002"), OUT_ORDER_NO, COMPLETE)).extracting("description").isEqualTo("UNKNOWN_SERIAL");
    assertThat(server.takeRequest().getHeaders().get("Authorization")).contains("mchid=\"1900000002\"");
    assertThat(server.takeRequest().getHeaders().get("Wechatpay-Serial")).isEqualTo(other.serial);
    assertThatThrownBy(() -> gateway.complete(MerchantId.of("1999999999"), OUT_ORDER_NO, COMPLETE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1999999999");
  }

  @Test
  void aCallersHttpClientSeesTheCallThroughItsInterceptorAndEventListenerWithTheGatewaysTimeouts()
      throws Exception {
    List<String> intercepted = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    okhttp3.OkHttpClient callers =
        new okhttp3.OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  okhttp3.Request request = chain.request();
                  intercepted.add(
                      request.method()
                          + " "
                          + request.url().encodedPath()
                          + " signed="
                          + (request.header("Authorization") != null));
                  return chain.proceed(request);
                })
            .eventListener(
                new okhttp3.EventListener() {
                  @Override
                  public void callStart(okhttp3.Call call) {
                    events.add("callStart");
                  }

                  @Override
                  public void callEnd(okhttp3.Call call) {
                    events.add("callEnd");
                  }
                })
            .readTimeout(Duration.ofMillis(50))
            .retryOnConnectionFailure(true)
            .build();
    // answered after 300 ms: beyond the caller's read timeout, well within the gateway's 10 s
    server.enqueue(
        WECHAT.responseBuilder(200, ORDER_JSON, WechatPaySide.NOW)
            .headersDelay(300, java.util.concurrent.TimeUnit.MILLISECONDS)
            .build());
    gateway = builder().httpClient(callers).build();

    GatewayOutcome<ObservedOrder> outcome = gateway.complete(MCHID, OUT_ORDER_NO, COMPLETE);

    assertThat(outcome).isInstanceOf(GatewayOutcome.Accepted.class);
    assertThat(intercepted)
        .containsExactly("POST /v3/payscore/serviceorder/1234323JKHDFE1243252/complete signed=false");
    assertThat(events).containsExactly("callStart", "callEnd");
    assertSignedByMerchant(server.takeRequest());
    assertThat(callers.interceptors()).hasSize(1); // the caller's client is left as it was
    assertThat(callers.readTimeoutMillis()).isEqualTo(50);
    assertThat(callers.retryOnConnectionFailure()).isTrue();
  }

  @Test
  void theBuilderReportsEveryProblemAtOnce() {
    assertThatThrownBy(
            () -> WechatPayScoreGateway.builder().baseUrl("ftp://x").connectTimeout(Duration.ZERO).maxConcurrentAsyncCalls(0).build())
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.path() + " " + v.rule())
                    .containsExactlyInAnyOrder(
                        "baseUrl URL_FORMAT",
                        "connectTimeout SETTING_RANGE",
                        "maxConcurrentAsyncCalls SETTING_RANGE",
                        "clock REQUIRED",
                        "merchant REQUIRED"));
  }

  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
