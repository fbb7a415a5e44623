package dev.payscore.wechat;

import static dev.payscore.wechat.WechatPayScoreGatewayTest.MCHID;
import static dev.payscore.wechat.WechatPayScoreGatewayTest.ORDER_JSON;
import static dev.payscore.wechat.WechatPayScoreGatewayTest.OUT_ORDER_NO;
import static dev.payscore.wechat.WechatPayScoreGatewayTest.RECEIPT_JSON;
import static dev.payscore.wechat.WechatPayScoreGatewayTest.WECHAT;
import static dev.payscore.wechat.WechatPayScoreGatewayTest.assertSignedByMerchant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.OrderReceipt;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code byte[]} overloads send a stored body verbatim: key order, whitespace and escapes that
 * any re-serialisation would change reach the wire unchanged, and the signature is over them.
 */
class StoredBodyGatewayTest {
  /** Keys out of the fact sheet's order, spaces, a newline and an escaped non-ASCII character. */
  static final String COMPLETE_BODY =
      "{ \"total_amount\" : 3000,\n  \"service_id\":\"500001\", \"appid\":\"wxd678efh567hg6787\","
          + "\"post_payments\":[{\"count\":1,\"amount\":3000,\"name\":\"\\u5145\\u7535\\u8d39\"}] }";
  static final String CANCEL_BODY =
      "{\"reason\" :\"用户取消\",  \"service_id\":\"500001\",\"appid\":\"wxd678efh567hg6787\"}";
  static final String MODIFY_BODY =
      "{\"reason\":\"优惠\",\"total_amount\":2000 ,\"appid\":\"wxd678efh567hg6787\",\"service_id\":\"500001\","
          + "\"post_payments\":[{\"name\":\"充电费\",\"amount\":2000,\"count\":1}]}\n";

  @StartStop final MockWebServer server = new MockWebServer();
  WechatPayScoreGateway gateway;

  WechatPayScoreGateway gateway() {
    gateway =
        WechatPayScoreGateway.builder()
            .baseUrl(server.url("/").toString())
            .merchant(WechatPaySide.merchant(MCHID.value()), WECHAT.keys())
            .clock(WechatPayScoreGatewayTest.CLOCK)
            .nonces(() -> WechatPayScoreGatewayTest.NONCE)
            .userAgent("payscore-test/1")
            .build();
    return gateway;
  }

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  RecordedRequest sentExactly(byte[] stored, String path) throws Exception {
    RecordedRequest request = server.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/v3/payscore/serviceorder/" + OUT_ORDER_NO + path);
    assertThat(request.getBody().toByteArray()).isEqualTo(stored);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertSignedByMerchant(request);
    return request;
  }

  @Test
  void aStoredCompleteBodyIsSignedAndSentByteForByte() throws Exception {
    server.enqueue(WECHAT.response(200, ORDER_JSON));
    byte[] stored = utf8(COMPLETE_BODY);

    GatewayOutcome<ObservedOrder> outcome = gateway().complete(MCHID, OUT_ORDER_NO, stored);

    sentExactly(stored, "/complete");
    assertThat(outcome).isInstanceOf(GatewayOutcome.Accepted.class);
    assertThat(((GatewayOutcome.Accepted<ObservedOrder>) outcome).body().totalAmount()).isEqualTo(3000L);
  }

  @Test
  void aStoredCancelBodyIsSignedAndSentByteForByte() throws Exception {
    server.enqueue(WECHAT.response(200, RECEIPT_JSON));
    byte[] stored = utf8(CANCEL_BODY);

    GatewayOutcome<OrderReceipt> outcome = gateway().cancel(MCHID, OUT_ORDER_NO, stored);

    sentExactly(stored, "/cancel");
    assertThat(outcome).isInstanceOf(GatewayOutcome.Accepted.class);
  }

  @Test
  void aStoredModifyBodyIsSignedAndSentByteForByte() throws Exception {
    server.enqueue(WECHAT.response(200, ORDER_JSON));
    byte[] stored = utf8(MODIFY_BODY);

    GatewayOutcome<ObservedOrder> outcome = gateway().modify(MCHID, OUT_ORDER_NO, stored);

    sentExactly(stored, "/modify");
    assertThat(outcome).isInstanceOf(GatewayOutcome.Accepted.class);
  }

  @Test
  void theAsyncFormsSendTheStoredBytesToo() throws Exception {
    gateway();
    byte[] complete = utf8(COMPLETE_BODY);
    byte[] cancel = utf8(CANCEL_BODY);
    byte[] modify = utf8(MODIFY_BODY);
    for (Function<WechatPayScoreGateway, ?> call :
        java.util.List.<Function<WechatPayScoreGateway, ?>>of(
            g -> g.completeAsync(MCHID, OUT_ORDER_NO, complete).join(),
            g -> g.cancelAsync(MCHID, OUT_ORDER_NO, cancel).join(),
            g -> g.modifyAsync(MCHID, OUT_ORDER_NO, modify).join())) {
      server.enqueue(WECHAT.response(200, ORDER_JSON));
      call.apply(gateway);
    }

    sentExactly(complete, "/complete");
    sentExactly(cancel, "/cancel");
    sentExactly(modify, "/modify");
  }

  @Test
  void changingTheCallersArrayAfterTheCallChangesNothingSent() throws Exception {
    server.enqueue(WECHAT.response(200, ORDER_JSON));
    byte[] stored = utf8(COMPLETE_BODY);
    byte[] expected = stored.clone();

    java.util.concurrent.CompletableFuture<GatewayOutcome<ObservedOrder>> future =
        gateway().completeAsync(MCHID, OUT_ORDER_NO, stored);
    java.util.Arrays.fill(stored, (byte) ' ');
    future.join();

    sentExactly(expected, "/complete");
  }
}
