package dev.payscore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fact sheet §7: requests authenticated, every answer signed, certificates downloadable. */
final class SignatureTest {
  private PayScoreSandbox sandbox;
  private Flows flows;

  private void start(SandboxConfig.Builder config) {
    sandbox = PayScoreSandbox.start(config.build());
    flows = new Flows(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private void assertSignError(MerchantClient.Answer answer) {
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.code()).isEqualTo("SIGN_ERROR");
    assertThat(answer.signatureValid()).isTrue();
    assertThat(sandbox.ledger()).isEmpty();
  }

  @Test
  void answersAreSignedWithThePublicKeyId() {
    start(Fixture.config());

    MerchantClient.Answer answer = flows.create(Fixture.create("o-1"));

    assertThat(answer.signatureValid()).isTrue();
    assertThat(answer.raw().headers().firstValue("Wechatpay-Serial")).hasValue(sandbox.publicKeyId());
    assertThat(sandbox.publicKeyId()).startsWith("PUB_KEY_ID_");
    assertThat(answer.raw().headers().firstValue("Wechatpay-Signature-Type")).hasValue("WECHATPAY2-SHA256-RSA2048");
    assertThat(answer.raw().headers().firstValue("Request-ID")).isPresent();
  }

  @Test
  void aTamperedBodyIsRefused() {
    start(Fixture.config());

    assertSignError(
        flows.client.postTampered(Flows.ORDERS, Fixture.create("o-1"), Fixture.create("o-2")));
  }

  @Test
  void aTimestampMoreThanFiveMinutesOffIsRefused() {
    start(Fixture.config());
    Clock stale = Clock.offset(sandbox.clock(), Duration.ofMinutes(-5).minusSeconds(1));
    Clock early = Clock.offset(sandbox.clock(), Duration.ofMinutes(5).plusSeconds(1));
    Clock fine = Clock.offset(sandbox.clock(), Duration.ofMinutes(-5));

    assertSignError(flows.client.withClock(stale).post(Flows.ORDERS, Fixture.create("o-1")));
    assertSignError(flows.client.withClock(early).post(Flows.ORDERS, Fixture.create("o-1")));
    assertThat(flows.client.withClock(fine).post(Flows.ORDERS, Fixture.create("o-1")).status()).isEqualTo(200);
  }

  @Test
  void anUnknownMerchantSerialOrMchidIsRefused() {
    start(Fixture.config());

    assertSignError(flows.client.withSerial("00FF").post(Flows.ORDERS, Fixture.create("o-1")));
    assertSignError(flows.client.withMchid("1900000999").post(Flows.ORDERS, Fixture.create("o-1")));
  }

  @Test
  void aSignatureByAnotherKeyIsRefused() {
    start(Fixture.config());
    MerchantClient impostor =
        new MerchantClient(
            sandbox.baseUrl(), Fixture.MCHID, Fixture.SERIAL, Fixture.newKeys().getPrivate(),
            sandbox.clock(), sandbox.publicKeys());

    assertSignError(impostor.post(Flows.ORDERS, Fixture.create("o-1")));
  }

  @Test
  void aRequestWithoutAuthorizationIsRefused() {
    start(Fixture.config());
    var request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.baseUrl() + Flows.ORDERS))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Fixture.create("o-1")))
            .build();

    assertSignError(flows.client.send(request));
  }

  @Test
  void certificatesDecryptToThePlatformCertificatesThatSignAnswers() throws Exception {
    start(Fixture.config().keyMode(SandboxConfig.KeyMode.CERTIFICATE).platformCertificates(2));

    MerchantClient.Answer answer = flows.client.get("/v3/certificates");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.signatureValid()).isTrue();
    JsonNode data = answer.json().path("data");
    assertThat(data).hasSize(2);
    for (int i = 0; i < 2; i++) {
      X509Certificate certificate = decrypt(data.get(i).path("encrypt_certificate"));
      String serial = data.get(i).path("serial_no").asText();
      assertThat(certificate.getSerialNumber().toString(16)).isEqualToIgnoringCase(serial);
      assertThat(certificate.getPublicKey()).isEqualTo(sandbox.publicKeys().get(serial));
      certificate.verify(certificate.getPublicKey());
    }
    String newest = data.get(1).path("serial_no").asText();
    assertThat(answer.raw().headers().firstValue("Wechatpay-Serial")).hasValue(newest);
  }

  @Test
  void duringARotationTheRequestedCertificateSigns() {
    start(Fixture.config().keyMode(SandboxConfig.KeyMode.CERTIFICATE).platformCertificates(2));
    String older = sandbox.platformCertificates().get(0).getSerialNumber().toString(16).toUpperCase();

    MerchantClient.Answer answer = flows.client.getExpecting("/v3/certificates", older);

    assertThat(answer.raw().headers().firstValue("Wechatpay-Serial")).hasValue(older);
    assertThat(answer.signatureValid()).isTrue();
  }

  @Test
  void inPublicKeyModeTheCertificateListIsEmpty() {
    start(Fixture.config());

    assertThat(flows.client.get("/v3/certificates").json().path("data")).isEmpty();
  }

  static String decryptText(JsonNode resource) throws Exception {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(Fixture.API_V3_KEY.getBytes(StandardCharsets.UTF_8), "AES"),
        new GCMParameterSpec(128, resource.path("nonce").asText().getBytes(StandardCharsets.UTF_8)));
    cipher.updateAAD(resource.path("associated_data").asText().getBytes(StandardCharsets.UTF_8));
    byte[] plain = cipher.doFinal(Base64.getDecoder().decode(resource.path("ciphertext").asText()));
    return new String(plain, StandardCharsets.UTF_8);
  }

  private static X509Certificate decrypt(JsonNode resource) throws Exception {
    byte[] pem = decryptText(resource).getBytes(StandardCharsets.US_ASCII);
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
  }
}
