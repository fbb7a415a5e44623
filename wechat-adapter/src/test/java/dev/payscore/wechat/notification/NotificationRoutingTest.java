package dev.payscore.wechat.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.ApiV3Key;
import dev.payscore.MerchantId;
import dev.payscore.WechatKeys;
import dev.payscore.wechat.WechatPaySide;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Callbacks of several merchants: routed by serial, then by the APIv3 key that decrypts them. */
class NotificationRoutingTest {
  static final Clock CLOCK = Clock.fixed(WechatPaySide.NOW, ZoneOffset.UTC);
  static final MerchantId A = MerchantId.of("1230000109");
  static final MerchantId B = MerchantId.of("1230000110");
  static final ApiV3Key KEY_A = ApiV3Key.ofText("AAAAAAAAAAAAAAAAaaaaaaaaaaaaaaaa");
  static final ApiV3Key KEY_B = ApiV3Key.ofText("BBBBBBBBBBBBBBBBbbbbbbbbbbbbbbbb");
  /** A platform certificate both merchants hold (certificate mode: one serial for all). */
  static final WechatPaySide PLATFORM = new WechatPaySide("5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
  static final WechatKeys PLATFORM_KEYS =
      WechatKeys.builder().platformCertificate(PLATFORM.certificate()).build();

  static String order(MerchantId mchid) {
    return "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"" + mchid.value() + "\",\"out_order_no\":\"N-1\","
        + "\"service_id\":\"500001\",\"state\":\"DOING\",\"state_description\":\"USER_CONFIRM\"}";
  }

  static NotificationResult parse(NotificationParser parser, WechatPaySide signer, ApiV3Key key, MerchantId mchid) {
    byte[] body = callback(key, mchid);
    return parser.parse(body, signer.headers(body, WechatPaySide.NOW, "n1"));
  }

  static byte[] callback(ApiV3Key key, MerchantId mchid) {
    return ("{\"id\":\"EV-" + mchid.value() + "\",\"create_time\":\"2026-01-01T08:00:00+08:00\","
            + "\"resource_type\":\"encrypt-resource\",\"event_type\":\"PAYSCORE.USER_CONFIRM\","
            + "\"resource\":{\"original_type\":\"payscore\",\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
            + WechatPaySide.encrypt(key, "fdasflkja484", "payscore", order(mchid))
            + "\",\"associated_data\":\"payscore\",\"nonce\":\"fdasflkja484\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static MerchantId routedTo(NotificationResult result) {
    assertThat(result).as(result.toString()).isInstanceOf(NotificationResult.Accepted.class);
    return ((NotificationResult.Accepted) result).notification().order().mchid();
  }

  static NotificationResult.Reason reason(NotificationResult result) {
    assertThat(result).isInstanceOf(NotificationResult.Rejected.class);
    return ((NotificationResult.Rejected) result).reason();
  }

  final NotificationParser shared =
      NotificationParser.forRecipients(
          List.of(
              NotificationParser.Recipient.of(A, PLATFORM_KEYS, KEY_A),
              NotificationParser.Recipient.of(B, PLATFORM_KEYS, KEY_B)),
          CLOCK);

  @Test
  void aSharedSerialIsRoutedByTheApiV3KeyThatDecrypts() {
    assertThat(routedTo(parse(shared, PLATFORM, KEY_A, A))).isEqualTo(A);
    assertThat(routedTo(parse(shared, PLATFORM, KEY_B, B))).isEqualTo(B);
  }

  @Test
  void aCallbackForAKeyNoMerchantHoldsFailsDecryption() {
    ApiV3Key other = ApiV3Key.ofText("CCCCCCCCCCCCCCCCcccccccccccccccc");

    assertThat(reason(parse(shared, PLATFORM, other, A)))
        .isEqualTo(NotificationResult.Reason.DECRYPTION_FAILED);
  }

  @Test
  void merchantsSharingOneApiV3KeyAreToldApartByTheMchidInside() {
    NotificationParser oneKey =
        NotificationParser.forRecipients(
            List.of(
                NotificationParser.Recipient.of(A, PLATFORM_KEYS, KEY_A),
                NotificationParser.Recipient.of(B, PLATFORM_KEYS, KEY_A)),
            CLOCK);

    assertThat(routedTo(parse(oneKey, PLATFORM, KEY_A, B))).isEqualTo(B);
    assertThat(reason(parse(oneKey, PLATFORM, KEY_A, MerchantId.of("1230000999"))))
        .isEqualTo(NotificationResult.Reason.MERCHANT_MISMATCH);
  }

  @Test
  void ownPublicKeysRouteBySerialAlone() {
    WechatPaySide sideA = WechatPaySide.publicKeyMode();
    WechatPaySide sideB = new WechatPaySide("PUB_KEY_ID_0112300001102026010100000000000002");
    NotificationParser bySerial =
        NotificationParser.forRecipients(
            List.of(
                NotificationParser.Recipient.of(A, sideA.keys(), KEY_A),
                NotificationParser.Recipient.of(B, sideB.keys(), KEY_B)),
            CLOCK);

    assertThat(routedTo(parse(bySerial, sideB, KEY_B, B))).isEqualTo(B);
    // signed with B's WeChat key but encrypted for A: B's APIv3 key is the only one tried
    assertThat(reason(parse(bySerial, sideB, KEY_A, A)))
        .isEqualTo(NotificationResult.Reason.DECRYPTION_FAILED);
    assertThat(reason(parse(bySerial, new WechatPaySide("PUB_KEY_ID_0199000000000000000000000000000009"), KEY_A, A)))
        .isEqualTo(NotificationResult.Reason.UNKNOWN_SERIAL);
  }

  @Test
  void aPerMerchantPathTriesOnlyThatMerchant() {
    byte[] forB = callback(KEY_B, B);

    NotificationResult atA = shared.parse(A, forB, PLATFORM.headers(forB, WechatPaySide.NOW, "n1"));
    NotificationResult atB = shared.parse(B, forB, PLATFORM.headers(forB, WechatPaySide.NOW, "n1"));

    assertThat(reason(atA)).isEqualTo(NotificationResult.Reason.DECRYPTION_FAILED);
    assertThat(routedTo(atB)).isEqualTo(B);
  }

  @Test
  void theLegacySingleKeyParserStillAcceptsAnyMerchant() {
    NotificationParser any = NotificationParser.create(PLATFORM_KEYS, KEY_B, CLOCK);

    assertThat(routedTo(parse(any, PLATFORM, KEY_B, B))).isEqualTo(B);
  }
}
