package dev.payscore.wechat.sandbox;

import static dev.payscore.wechat.sandbox.SandboxedGateway.API_V3_KEY;
import static dev.payscore.wechat.sandbox.SandboxedGateway.MCHID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.ApiV3Key;
import dev.payscore.OutOrderNo;
import dev.payscore.domain.model.CollectionState;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.wechat.notification.NotificationParser;
import dev.payscore.wechat.notification.NotificationResult;
import dev.payscore.wechat.notification.PayScoreEventType;
import dev.payscore.wechat.notification.PayScoreNotification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox POSTs PAYSCORE.USER_CONFIRM and PAYSCORE.USER_PAID to a notify endpoint on loopback;
 * our {@link NotificationParser} verifies and decrypts them into the order the query answers.
 */
final class CallbacksFromSandboxTest {
  @StartStop final MockWebServer receiver = new MockWebServer();
  private SandboxedGateway wechat;
  private NotificationParser parser;

  @BeforeEach
  void start() {
    receiver.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().code(204).build();
          }
        });
    wechat = SandboxedGateway.start();
    parser = wechat.gateway.notificationParser(MCHID, API_V3_KEY);
  }

  @AfterEach
  void stop() {
    wechat.close();
  }

  private RecordedRequest nextCallback() throws InterruptedException {
    RecordedRequest callback = receiver.takeRequest(10, TimeUnit.SECONDS);
    assertThat(callback).as("a callback within 10 s").isNotNull();
    return callback;
  }

  private static Map<String, String> headers(RecordedRequest callback) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    callback.getHeaders().forEach(header -> headers.put(header.getFirst(), header.getSecond()));
    return headers;
  }

  private PayScoreNotification parsed(RecordedRequest callback) {
    NotificationResult result = parser.parse(callback.getBody().toByteArray(), headers(callback));
    assertThat(result).isInstanceOf(NotificationResult.Accepted.class);
    return ((NotificationResult.Accepted) result).notification();
  }

  private OutOrderNo confirmedWithCallbacks() {
    OutOrderNo outOrderNo = wechat.nextOrder();
    wechat.confirmed(wechat.createBody(outOrderNo, receiver.url("/payscore/notify").toString()));
    return outOrderNo;
  }

  @Test
  void userConfirmDecryptsToTheConfirmedOrder() throws Exception {
    OutOrderNo outOrderNo = confirmedWithCallbacks();

    RecordedRequest callback = nextCallback();
    PayScoreNotification notification = parsed(callback);

    assertThat(callback.getMethod()).isEqualTo("POST");
    assertThat(callback.getTarget()).isEqualTo("/payscore/notify");
    assertThat(notification.eventType()).isEqualTo(PayScoreEventType.USER_CONFIRM);
    assertThat(notification.id()).isNotBlank();
    assertThat(notification.order().lifecycle()).isEqualTo(LifecycleState.DOING_USER_CONFIRM);
    assertThat(notification.order()).isEqualTo(wechat.query(outOrderNo));
  }

  @Test
  void userPaidDecryptsToThePaidOrderWithItsTransaction() throws Exception {
    OutOrderNo outOrderNo = confirmedWithCallbacks();
    nextCallback();
    wechat.clock.advance(Duration.ofHours(1));
    assertThat(wechat.gateway.complete(MCHID, outOrderNo, wechat.completeBody()))
        .isInstanceOf(GatewayOutcome.Accepted.class);

    wechat.sandbox.pay(outOrderNo.value());
    PayScoreNotification notification = parsed(nextCallback());

    assertThat(notification.eventType()).isEqualTo(PayScoreEventType.USER_PAID);
    assertThat(notification.order().lifecycle()).isEqualTo(LifecycleState.DONE);
    assertThat(notification.order().collection().state()).isEqualTo(CollectionState.USER_PAID);
    assertThat(notification.order().collection().details())
        .singleElement()
        .satisfies(
            detail -> {
              assertThat(detail.amount()).isEqualTo(40_00L);
              assertThat(detail.paidType()).isEqualTo("NEWTON");
              assertThat(detail.transactionId()).isNotBlank();
            });
    assertThat(notification.order()).isEqualTo(wechat.query(outOrderNo));
  }

  @Test
  void aCallbackChangedOnTheWayOrForAnotherApiV3KeyIsRejected() throws Exception {
    confirmedWithCallbacks();
    RecordedRequest callback = nextCallback();
    byte[] body = callback.getBody().toByteArray();
    byte[] changed =
        new String(body, StandardCharsets.UTF_8)
            .replace("PAYSCORE.USER_CONFIRM", "PAYSCORE.USER_PAID")
            .getBytes(StandardCharsets.UTF_8);
    NotificationParser otherKey =
        wechat.gateway.notificationParser(
            MCHID, ApiV3Key.ofText("ffffffffffffffffffffffffffffffff"));

    assertThat(parser.parse(changed, headers(callback)))
        .isEqualTo(
            new NotificationResult.Rejected(
                NotificationResult.Reason.BAD_SIGNATURE, "SIGNATURE_MISMATCH"));
    assertThat(otherKey.parse(body, headers(callback)))
        .extracting("reason")
        .isEqualTo(NotificationResult.Reason.DECRYPTION_FAILED);
  }
}
