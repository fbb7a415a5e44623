package dev.payscore.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.ApiV3Key;
import dev.payscore.MerchantCredentials;
import dev.payscore.MerchantId;
import dev.payscore.PemKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignedRequestTest {

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = SignedRequestTest.class.getResourceAsStream("/vectors/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  @Test
  void reproducesTheOpensslSignatureByteForByte() throws IOException {
    MerchantCredentials credentials =
        new MerchantCredentials(
            MerchantId.of("1900000001"),
            "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
            PemKeys.privateKey(new String(resource("sign-test-key.pem"), StandardCharsets.US_ASCII)));

    SignedRequest signed =
        SignedRequest.sign(
            credentials,
            "POST",
            "/v3/payscore/serviceorder/1234323JKHDFE1243252/complete",
            1554208460,
            "593BEC0C930BF1AFEB40B4A08C8FB242",
            resource("sign-body.json"));

    assertThat(signed.message().getBytes(StandardCharsets.UTF_8)).isEqualTo(resource("sign-message.txt"));
    String expected = new String(resource("sign-signature.b64"), StandardCharsets.US_ASCII).strip();
    assertThat(signed.signature()).isEqualTo(expected);
    assertThat(signed.authorization())
        .isEqualTo(
            "WECHATPAY2-SHA256-RSA2048 mchid=\"1900000001\",nonce_str=\"593BEC0C930BF1AFEB40B4A08C8FB242\","
                + "timestamp=\"1554208460\",serial_no=\"5157F09EFDC096DE15EBE81A47057A7232F1B8E1\","
                + "signature=\"" + expected + "\"");
  }

  @Test
  void getMessageHasAnEmptyBodyLine() {
    assertThat(SignedRequest.message("GET", "/v3/payscore/serviceorder?service_id=1&appid=wx", 1, "n", new byte[0]))
        .isEqualTo("GET\n/v3/payscore/serviceorder?service_id=1&appid=wx\n1\nn\n\n");
  }

  @Test
  void refusesARelativeUrlAndAnOverlongNonce() {
    assertThatThrownBy(() -> SignedRequest.message("GET", "v3/x", 1, "n", new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absolute path");
    assertThatThrownBy(() -> SignedRequest.message("GET", "/v3/x", 1, "n".repeat(33), new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nonce");
  }

  @Test
  void toStringsNeverShowKeysOrTheAuthorizationHeader() {
    MerchantCredentials credentials = WechatPaySide.merchant("1900000001");
    SignedRequest signed = SignedRequest.sign(credentials, "GET", "/v3/certificates", 1, "n", new byte[0]);
    String privateKeyBase64 =
        java.util.Base64.getEncoder().encodeToString(credentials.privateKey().getEncoded()).substring(0, 40);

    assertThat(credentials.toString()).contains("<redacted>").doesNotContain(privateKeyBase64);
    assertThat(signed.toString()).doesNotContain(signed.signature()).contains("<redacted>");
    assertThat(ApiV3Key.ofText("0123456789abcdefABCDEF0123456789").toString())
        .doesNotContain("0123456789abcdef");
  }
}
