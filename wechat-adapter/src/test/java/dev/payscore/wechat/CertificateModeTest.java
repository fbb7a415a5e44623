package dev.payscore.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.ApiV3Key;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.WechatKeys;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Platform-certificate mode: download, rotation, refresh on an unknown serial, failures. */
class CertificateModeTest {
  static final MerchantId MCHID = WechatPayScoreGatewayTest.MCHID;
  static final OutOrderNo OUT_ORDER_NO = WechatPayScoreGatewayTest.OUT_ORDER_NO;
  static final ApiV3Key API_V3_KEY = ApiV3Key.ofText("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb");
  static final WechatPaySide PLATFORM_A = new WechatPaySide("5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
  static final WechatPaySide PLATFORM_B = new WechatPaySide("3775B6A45ACD588826D15E583A95F5DD2D9E2C8A");

  /** WeChat's side: certificate downloads answered from {@link #platform}, other calls from a queue. */
  static final class FakeWechat extends Dispatcher {
    volatile List<WechatPaySide> platform = List.of(PLATFORM_A);
    final AtomicInteger failuresLeft = new AtomicInteger();
    final AtomicInteger downloads = new AtomicInteger();
    final CountDownLatch firstDownload = new CountDownLatch(1);
    final CountDownLatch firstDownloads = new CountDownLatch(2);
    final Queue<MockResponse> calls = new ConcurrentLinkedQueue<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      if (request.getTarget().equals("/v3/certificates")) {
        assertThat(request.getHeaders().get("Authorization")).startsWith("WECHATPAY2-SHA256-RSA2048 mchid=\"1230000109\"");
        downloads.incrementAndGet();
        firstDownload.countDown();
        firstDownloads.countDown();
        if (failuresLeft.getAndDecrement() > 0) {
          return new MockResponse.Builder().code(500).body("{\"code\":\"SYSTEM_ERROR\"}").build();
        }
        List<WechatPaySide> sides = platform;
        return sides.get(sides.size() - 1).response(200, WechatPaySide.certificatesBody(API_V3_KEY, sides.toArray(WechatPaySide[]::new)));
      }
      MockResponse next = calls.poll();
      return next == null ? new MockResponse.Builder().code(404).build() : next;
    }
  }

  @StartStop final MockWebServer server = new MockWebServer();
  final FakeWechat wechat = new FakeWechat();
  final SettableClock clock = new SettableClock(WechatPaySide.NOW);
  WechatPayScoreGateway gateway;

  WechatPayScoreGateway gateway(WechatKeys keys) {
    server.setDispatcher(wechat);
    gateway =
        WechatPayScoreGateway.builder()
            .baseUrl(server.url("/").toString())
            .merchant(WechatPaySide.merchant(MCHID.value()), keys)
            .clock(clock)
            .build();
    return gateway;
  }

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  GatewayOutcome<ObservedOrder> completeAnsweredBy(WechatPaySide side) {
    wechat.calls.add(side.response(200, WechatPayScoreGatewayTest.ORDER_JSON));
    return gateway.complete(MCHID, OUT_ORDER_NO, WechatPayScoreGatewayTest.COMPLETE);
  }

  @Test
  void publicKeyModeNeverDownloadsCertificates() {
    gateway(WechatPaySide.publicKeyMode().keys());
    WechatPaySide wechatPay = WechatPaySide.publicKeyMode();
    gateway.close();
    gateway(wechatPay.keys());

    assertThat(completeAnsweredBy(wechatPay)).isInstanceOf(GatewayOutcome.Accepted.class);
    assertThat(wechat.downloads).hasValue(0);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aFailedDownloadAtStartUpIsRetriedAndCallsVerifiableWithHeldKeysGoOn() throws Exception {
    wechat.failuresLeft.set(1);
    WechatPaySide publicKey = WechatPaySide.publicKeyMode();
    gateway(
        WechatKeys.builder()
            .publicKey(publicKey.serial, publicKey.keyPair.getPublic())
            .downloadPlatformCertificates(API_V3_KEY)
            .retryDelay(Duration.ofMillis(20))
            .build());

    assertThat(completeAnsweredBy(publicKey)).isInstanceOf(GatewayOutcome.Accepted.class);
    assertThat(wechat.firstDownloads.await(10, TimeUnit.SECONDS)).as("the failed download was retried").isTrue();
    // during a migration both kinds verify: a platform-signed answer is accepted too
    assertThat(completeAnsweredBy(PLATFORM_A)).isInstanceOf(GatewayOutcome.Accepted.class);
    RecordedRequest call;
    do {
      call = server.takeRequest();
    } while (!call.getTarget().endsWith("/complete"));
    assertThat(call.getHeaders().get("Wechatpay-Serial")).isEqualTo(publicKey.serial);
  }

  @Test
  void rotationKeepsBothOverlappingCertificates() throws Exception {
    gateway(WechatKeys.builder().downloadPlatformCertificates(API_V3_KEY).build());
    assertThat(completeAnsweredBy(PLATFORM_A)).isInstanceOf(GatewayOutcome.Accepted.class);

    wechat.platform = List.of(PLATFORM_A, PLATFORM_B);
    clock.advance(Duration.ofMinutes(2));

    assertThat(completeAnsweredBy(PLATFORM_B)).as("new serial: one refresh").isInstanceOf(GatewayOutcome.Accepted.class);
    assertThat(completeAnsweredBy(PLATFORM_A)).as("old serial still valid").isInstanceOf(GatewayOutcome.Accepted.class);
  }

  @Test
  void anUnknownSerialTriggersExactlyOneRefresh() throws Exception {
    gateway(WechatKeys.builder().downloadPlatformCertificates(API_V3_KEY).build());
    assertThat(wechat.firstDownload.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(completeAnsweredBy(PLATFORM_A)).isInstanceOf(GatewayOutcome.Accepted.class);
    int before = wechat.downloads.get();
    clock.advance(Duration.ofMinutes(2));
    WechatPaySide stranger = new WechatPaySide("7E1D1E3C0B8B9E3A4A9F0E1D2C3B4A5968778695");

    GatewayOutcome<ObservedOrder> first = completeAnsweredBy(stranger);
    GatewayOutcome<ObservedOrder> second = completeAnsweredBy(stranger);

    assertThat(first).extracting("description").isEqualTo("UNKNOWN_SERIAL");
    assertThat(second).extracting("description").isEqualTo("UNKNOWN_SERIAL");
    assertThat(wechat.downloads.get() - before).isEqualTo(1);
  }

  @Test
  void theGatewaysNotificationParserVerifiesWithDownloadedCertificates() throws Exception {
    gateway(WechatKeys.builder().downloadPlatformCertificates(API_V3_KEY).build());
    String order = WechatPayScoreGatewayTest.ORDER_JSON;
    byte[] body =
        ("{\"id\":\"EV-1\",\"event_type\":\"PAYSCORE.USER_PAID\",\"resource\":{\"algorithm\":\"AEAD_AES_256_GCM\","
                + "\"nonce\":\"0123456789ab\",\"associated_data\":\"payscore\",\"ciphertext\":\""
                + WechatPaySide.encrypt(API_V3_KEY, "0123456789ab", "payscore", order) + "\"}}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    dev.payscore.wechat.notification.NotificationResult result =
        gateway.notificationParser(MCHID, API_V3_KEY).parse(body, PLATFORM_A.headers(body, WechatPaySide.NOW, "n"));

    assertThat(result).isInstanceOf(dev.payscore.wechat.notification.NotificationResult.Accepted.class);
  }

  @Test
  void aDownloadEncryptedWithAnotherKeyAddsNothing() {
    gateway(WechatKeys.builder().downloadPlatformCertificates(ApiV3Key.ofText("x".repeat(32))).build());

    assertThat(completeAnsweredBy(PLATFORM_A)).extracting("description").isEqualTo("UNKNOWN_SERIAL");
  }
}
