package dev.payscore.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.wechat.SignatureFailure;
import dev.payscore.wechat.WechatPaySide;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {
  static final WechatPaySide WECHAT = WechatPaySide.publicKeyMode();
  static final byte[] BODY = "{\"code\":\"PARAM_ERROR\",\"message\":\"最终总金额计算非法\"}".getBytes(StandardCharsets.UTF_8);
  static final Instant NOW = WechatPaySide.NOW;

  final Function<String, @Nullable PublicKey> keys =
      serial -> serial.equals(WECHAT.serial) ? WECHAT.keyPair.getPublic() : null;

  @Nullable SignatureFailure verify(Map<String, String> headers, byte[] body) {
    Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(headers);
    return SignatureVerifier.verify(byName::get, body, keys, NOW);
  }

  Map<String, String> signed() {
    return new HashMap<>(WECHAT.headers(BODY, NOW, "5K8264ILTKCH16CQ2502SI8ZNMTM67VS"));
  }

  @Test
  void acceptsTheUntouchedResponse() {
    assertThat(verify(signed(), BODY)).isNull();
  }

  @Test
  void acceptsLowerCasedHeaderNames() {
    Map<String, String> lower = new HashMap<>();
    signed().forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
    assertThat(verify(lower, BODY)).isNull();
  }

  @Test
  void aChangedBodyByteIsAMismatch() {
    byte[] body = BODY.clone();
    body[3] ^= 0x01;
    assertThat(verify(signed(), body)).isEqualTo(SignatureFailure.SIGNATURE_MISMATCH);
  }

  @Test
  void aChangedTimestampWithinTheWindowIsAMismatch() {
    Map<String, String> headers = signed();
    headers.put("Wechatpay-Timestamp", Long.toString(NOW.getEpochSecond() + 1));
    assertThat(verify(headers, BODY)).isEqualTo(SignatureFailure.SIGNATURE_MISMATCH);
  }

  @Test
  void aChangedNonceIsAMismatch() {
    Map<String, String> headers = signed();
    headers.put("Wechatpay-Nonce", "5K8264ILTKCH16CQ2502SI8ZNMTM67VT");
    assertThat(verify(headers, BODY)).isEqualTo(SignatureFailure.SIGNATURE_MISMATCH);
  }

  @Test
  void aChangedSerialIsUnknown() {
    Map<String, String> headers = signed();
    headers.put("Wechatpay-Serial", "PUB_KEY_ID_0114232134912410000000000001");
    assertThat(verify(headers, BODY)).isEqualTo(SignatureFailure.UNKNOWN_SERIAL);
  }

  @Test
  void aChangedSignatureIsAMismatch() {
    Map<String, String> headers = signed();
    headers.put("Wechatpay-Signature", AeadTest.flipBit(headers.get("Wechatpay-Signature"), 10));
    assertThat(verify(headers, BODY)).isEqualTo(SignatureFailure.SIGNATURE_MISMATCH);
  }

  @Test
  void aSignatureThatIsNotBase64IsMalformed() {
    Map<String, String> headers = signed();
    headers.put("Wechatpay-Signature", "not base64!");
    assertThat(verify(headers, BODY)).isEqualTo(SignatureFailure.MALFORMED_SIGNATURE);
  }

  @Test
  void aSignTestProbeIsRejectedAsSuch() {
    Map<String, String> headers = signed();
    headers.put("Wechatpay-Signature", "WECHATPAY/SIGNTEST/" + headers.get("Wechatpay-Signature"));
    assertThat(verify(headers, BODY)).isEqualTo(SignatureFailure.SIGNATURE_PROBE);
  }

  @Test
  void aTimestampMoreThanFiveMinutesOffIsStaleEitherWay() {
    Map<String, String> old = new HashMap<>(WECHAT.headers(BODY, NOW.minusSeconds(301), "n"));
    Map<String, String> future = new HashMap<>(WECHAT.headers(BODY, NOW.plusSeconds(301), "n"));
    Map<String, String> edge = new HashMap<>(WECHAT.headers(BODY, NOW.minusSeconds(300), "n"));
    assertThat(verify(old, BODY)).isEqualTo(SignatureFailure.STALE_TIMESTAMP);
    assertThat(verify(future, BODY)).isEqualTo(SignatureFailure.STALE_TIMESTAMP);
    assertThat(verify(edge, BODY)).isNull();
  }

  @Test
  void aNonNumericTimestampIsMalformed() {
    Map<String, String> headers = signed();
    headers.put("Wechatpay-Timestamp", "2026-01-01");
    assertThat(verify(headers, BODY)).isEqualTo(SignatureFailure.MALFORMED_TIMESTAMP);
  }

  @Test
  void aMissingHeaderOrAnotherSignatureTypeIsRefused() {
    for (String name : new String[] {"Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial"}) {
      Map<String, String> headers = signed();
      headers.remove(name);
      assertThat(verify(headers, BODY)).as(name).isEqualTo(SignatureFailure.MISSING_HEADERS);
    }
    Map<String, String> headers = signed();
    headers.put("Wechatpay-Signature-Type", "WECHATPAY2-SM2-WITH-SM3");
    assertThat(verify(headers, BODY)).isEqualTo(SignatureFailure.UNSUPPORTED_SIGNATURE_TYPE);
  }
}
