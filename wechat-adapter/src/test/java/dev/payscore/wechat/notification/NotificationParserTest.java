package dev.payscore.wechat.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.ApiV3Key;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.wechat.WechatPaySide;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationParserTest {
  static final WechatPaySide WECHAT = WechatPaySide.publicKeyMode();
  static final ApiV3Key KEY = ApiV3Key.ofText("0123456789abcdefABCDEF0123456789");
  final NotificationParser parser =
      NotificationParser.create(WECHAT.keys(), KEY, Clock.fixed(WechatPaySide.NOW, ZoneOffset.UTC));

  static String resource(String name) throws IOException {
    try (InputStream in = NotificationParserTest.class.getResourceAsStream("/vectors/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }

  /** The envelope of §8.2 around the AES-GCM vector made by python3's cryptography. */
  static String envelope(String eventType, String ciphertext) {
    return "{\"id\":\"EV-2018022511223320873\",\"create_time\":\"2026-01-01T08:00:00+08:00\","
        + "\"resource_type\":\"encrypt-resource\",\"event_type\":\"" + eventType + "\",\"summary\":\"支付分订单确认\","
        + "\"resource\":{\"original_type\":\"payscore\",\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
        + ciphertext + "\",\"associated_data\":\"payscore\",\"nonce\":\"fdasflkja484\"}}";
  }

  NotificationResult parseSigned(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return parser.parse(bytes, WECHAT.headers(bytes, WechatPaySide.NOW, "callbacknonce"));
  }

  static NotificationResult.Reason reason(NotificationResult result) {
    assertThat(result).isInstanceOf(NotificationResult.Rejected.class);
    return ((NotificationResult.Rejected) result).reason();
  }

  @Test
  void aUserConfirmCallbackIsVerifiedDecryptedAndTyped() throws IOException {
    NotificationResult result = parseSigned(envelope("PAYSCORE.USER_CONFIRM", resource("gcm-ciphertext.b64")));

    assertThat(result).isInstanceOf(NotificationResult.Accepted.class);
    PayScoreNotification notification = ((NotificationResult.Accepted) result).notification();
    assertThat(notification.id()).isEqualTo("EV-2018022511223320873");
    assertThat(notification.eventType()).isEqualTo(PayScoreEventType.USER_CONFIRM);
    assertThat(notification.plaintext()).isEqualTo(resource("gcm-plaintext.json"));
    assertThat(notification.order().outOrderNo().value()).isEqualTo("1234323JKHDFE1243252");
    assertThat(notification.order().lifecycle()).isEqualTo(LifecycleState.of(
        dev.payscore.domain.model.ServiceOrderState.DOING, dev.payscore.domain.model.StateDescription.USER_CONFIRM));
    assertThat(notification.order().openid()).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    assertThat(notification.toString()).doesNotContain("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
  }

  @Test
  void aUserPaidCallbackCarriesTheCollection() {
    String paid =
        "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1230000109\",\"out_order_no\":\"1234323JKHDFE1243252\","
            + "\"service_id\":\"500001\",\"state\":\"DONE\",\"total_amount\":3000,\"need_collection\":true,"
            + "\"collection\":{\"state\":\"USER_PAID\",\"total_amount\":3000,\"paying_amount\":0,\"paid_amount\":3000,"
            + "\"details\":[{\"seq\":1,\"amount\":3000,\"paid_type\":\"NEWTON\",\"paid_time\":\"20260101075900\","
            + "\"transaction_id\":\"4200000000202601010000000001\"}]},\"order_id\":\"15646546545165651651\"}";

    NotificationResult result =
        parseSigned(envelope("PAYSCORE.USER_PAID", WechatPaySide.encrypt(KEY, "fdasflkja484", "payscore", paid)));

    PayScoreNotification notification = ((NotificationResult.Accepted) result).notification();
    assertThat(notification.eventType()).isEqualTo(PayScoreEventType.USER_PAID);
    assertThat(notification.order().collection().details().get(0).transactionId()).isEqualTo("4200000000202601010000000001");
  }

  @Test
  void lowerCasedHeaderNamesAreAccepted() throws IOException {
    byte[] body = envelope("PAYSCORE.USER_CONFIRM", resource("gcm-ciphertext.b64")).getBytes(StandardCharsets.UTF_8);
    Map<String, String> lower = new HashMap<>();
    WECHAT.headers(body, WechatPaySide.NOW, "n").forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));

    assertThat(parser.parse(body, lower)).isInstanceOf(NotificationResult.Accepted.class);
  }

  @Test
  void aChangedBodyByteIsABadSignatureAnswered401() throws IOException {
    byte[] body = envelope("PAYSCORE.USER_CONFIRM", resource("gcm-ciphertext.b64")).getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = WECHAT.headers(body, WechatPaySide.NOW, "n");
    body[10] ^= 0x01;

    NotificationResult result = parser.parse(body, headers);

    assertThat(reason(result)).isEqualTo(NotificationResult.Reason.BAD_SIGNATURE);
    assertThat(((NotificationResult.Rejected) result).httpStatus()).isEqualTo(401);
  }

  @Test
  void aReplayedOldCallbackIsStale() throws IOException {
    byte[] body = envelope("PAYSCORE.USER_CONFIRM", resource("gcm-ciphertext.b64")).getBytes(StandardCharsets.UTF_8);

    assertThat(reason(parser.parse(body, WECHAT.headers(body, WechatPaySide.NOW.minusSeconds(3600), "n"))))
        .isEqualTo(NotificationResult.Reason.STALE_TIMESTAMP);
  }

  @Test
  void aCallbackSignedByAnotherKeyHasAnUnknownSerial() throws IOException {
    WechatPaySide stranger = new WechatPaySide("PUB_KEY_ID_0114232134912410000000000009");
    byte[] body = envelope("PAYSCORE.USER_CONFIRM", resource("gcm-ciphertext.b64")).getBytes(StandardCharsets.UTF_8);

    assertThat(reason(parser.parse(body, stranger.headers(body, WechatPaySide.NOW, "n"))))
        .isEqualTo(NotificationResult.Reason.UNKNOWN_SERIAL);
  }

  @Test
  void aFlippedCiphertextOrTagBitFailsDecryptionAnswered400() throws IOException {
    String ciphertext = resource("gcm-ciphertext.b64");
    byte[] raw = java.util.Base64.getDecoder().decode(ciphertext);

    NotificationResult flippedCiphertext = parseSigned(envelope("PAYSCORE.USER_CONFIRM", flip(raw, 5)));
    NotificationResult flippedTag = parseSigned(envelope("PAYSCORE.USER_CONFIRM", flip(raw, raw.length - 1)));

    assertThat(reason(flippedCiphertext)).isEqualTo(NotificationResult.Reason.DECRYPTION_FAILED);
    assertThat(reason(flippedTag)).isEqualTo(NotificationResult.Reason.DECRYPTION_FAILED);
    assertThat(((NotificationResult.Rejected) flippedTag).httpStatus()).isEqualTo(400);
  }

  @Test
  void anEventTypeThisVersionDoesNotKnowIsAcceptedAsOtherUnderItsOwnName() throws IOException {
    NotificationResult result = parseSigned(envelope("PAYSCORE.USER_REFUNDED", resource("gcm-ciphertext.b64")));

    assertThat(result).isInstanceOf(NotificationResult.Accepted.class);
    PayScoreNotification notification = ((NotificationResult.Accepted) result).notification();
    assertThat(notification.eventType()).isEqualTo(PayScoreEventType.OTHER);
    assertThat(notification.eventName()).isEqualTo("PAYSCORE.USER_REFUNDED");
  }

  /** Issue 13 item 9: WeChat's empty or new enum values never make an authentic callback a 400. */
  @Test
  void anEmptyStateDescriptionAndANewPaidTypeAreReadAndFlaggedNotRefused() {
    String odd =
        "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1230000109\",\"out_order_no\":\"1234323JKHDFE1243252\","
            + "\"service_id\":\"500001\",\"state\":\"DONE\",\"state_description\":\"\",\"total_amount\":3000,"
            + "\"need_collection\":true,\"collection\":{\"state\":\"USER_PAID\",\"total_amount\":3000,"
            + "\"paying_amount\":0,\"paid_amount\":3000,\"details\":[{\"seq\":1,\"amount\":3000,"
            + "\"paid_type\":\"CREDIT_CARD_2030\",\"paid_time\":\"20260101075900\"}]},\"order_id\":\"1564\"}";

    NotificationResult result =
        parseSigned(envelope("PAYSCORE.USER_PAID", WechatPaySide.encrypt(KEY, "fdasflkja484", "payscore", odd)));

    assertThat(result).isInstanceOf(NotificationResult.Accepted.class);
    dev.payscore.domain.model.ObservedOrder order = ((NotificationResult.Accepted) result).notification().order();
    assertThat(order.lifecycle()).isEqualTo(LifecycleState.DONE);
    assertThat(order.collection().details().get(0).paidType()).isEqualTo("CREDIT_CARD_2030");
    assertThat(order.oddities())
        .containsExactly(
            new dev.payscore.domain.model.Oddity(
                "state_description", "", dev.payscore.domain.model.Oddity.Problem.EMPTY_VALUE));
  }

  @Test
  void malformedEnvelopeOrPlaintextIsMalformedJson() {
    assertThat(reason(parseSigned("{\"id\":")))
        .isEqualTo(NotificationResult.Reason.MALFORMED_JSON);
    assertThat(reason(parseSigned("{\"id\":\"x\",\"event_type\":\"PAYSCORE.USER_PAID\"}")))
        .isEqualTo(NotificationResult.Reason.MALFORMED_JSON);
    assertThat(reason(parseSigned(envelope("PAYSCORE.USER_PAID", WechatPaySide.encrypt(KEY, "fdasflkja484", "payscore", "[1,2]")))))
        .isEqualTo(NotificationResult.Reason.MALFORMED_JSON);
  }

  static String flip(byte[] raw, int index) {
    byte[] copy = raw.clone();
    copy[index] ^= 0x01;
    return java.util.Base64.getEncoder().encodeToString(copy);
  }
}
