package dev.payscore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fact sheet §8: signed, encrypted callbacks, redelivered, duplicated, out of order. */
final class CallbackTest {
  private final NotifyReceiver receiver = new NotifyReceiver();
  private PayScoreSandbox sandbox;
  private Flows flows;

  @BeforeEach
  void noSandboxYet() {
    sandbox = null;
  }

  private void start(SandboxConfig.Builder config) {
    sandbox = PayScoreSandbox.start(config.build());
    flows = new Flows(sandbox);
  }

  @AfterEach
  void stop() {
    receiver.close();
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private void createAndConfirm(String outOrderNo) {
    String body =
        Fixture.create(
            outOrderNo,
            b -> {
              b.put("notify_url", receiver.url());
              Fixture.object(b, "time_range").put("start_time", flows.shanghai(Duration.ofHours(1)));
            });
    assertThat(flows.create(body).status()).isEqualTo(200);
    sandbox.confirm(outOrderNo);
  }

  private JsonNode verifiedPlaintext(NotifyReceiver.Received callback) throws Exception {
    String message =
        callback.headers().get("timestamp") + "\n" + callback.headers().get("nonce") + "\n" + callback.body() + "\n";
    assertThat(callback.headers().get("serial")).isEqualTo(sandbox.publicKeyId());
    assertThat(MerchantClient.verify(sandbox.publicKey(), message, callback.headers().get("signature"))).isTrue();
    JsonNode envelope = MerchantClient.JSON.readTree(callback.body());
    assertThat(envelope.path("resource").path("algorithm").asText()).isEqualTo("AEAD_AES_256_GCM");
    return MerchantClient.JSON.readTree(SignatureTest.decryptText(envelope.path("resource")));
  }

  @Test
  void confirmAndPaymentAreNotifiedSignedAndEncrypted() throws Exception {
    start(Fixture.config());
    createAndConfirm("o-1");

    NotifyReceiver.Received confirmed = receiver.next();
    sandbox.clock().advance(Duration.ofHours(25));
    assertThat(flows.complete("o-1", flows.completeBody()).status()).isEqualTo(200);
    sandbox.pay("o-1");
    NotifyReceiver.Received paid = receiver.next();

    JsonNode confirmEnvelope = MerchantClient.JSON.readTree(confirmed.body());
    assertThat(confirmEnvelope.path("event_type").asText()).isEqualTo("PAYSCORE.USER_CONFIRM");
    assertThat(verifiedPlaintext(confirmed).path("state_description").asText()).isEqualTo("USER_CONFIRM");
    JsonNode paidOrder = verifiedPlaintext(paid);
    assertThat(MerchantClient.JSON.readTree(paid.body()).path("event_type").asText()).isEqualTo("PAYSCORE.USER_PAID");
    assertThat(paidOrder.path("state").asText()).isEqualTo("DONE");
    assertThat(paidOrder.path("collection").path("details").get(0).path("transaction_id").asText()).isNotEmpty();
  }

  @Test
  void aFailedDeliveryIsRedeliveredWithTheSameId() throws Exception {
    start(Fixture.config());
    receiver.answer(500, 503);
    createAndConfirm("o-1");

    NotifyReceiver.Received first = receiver.next();
    NotifyReceiver.Received second = receiver.next();
    NotifyReceiver.Received third = receiver.next();

    assertThat(first.answeredWith()).isEqualTo(500);
    assertThat(third.answeredWith()).isEqualTo(204);
    String id = MerchantClient.JSON.readTree(first.body()).path("id").asText();
    assertThat(MerchantClient.JSON.readTree(second.body()).path("id").asText()).isEqualTo(id);
    assertThat(MerchantClient.JSON.readTree(third.body()).path("id").asText()).isEqualTo(id);
  }

  @Test
  void duplicatedCallbacksArriveTwice() throws Exception {
    start(Fixture.config().duplicateCallbacks(true));
    createAndConfirm("o-1");

    NotifyReceiver.Received first = receiver.next();
    NotifyReceiver.Received second = receiver.next();

    assertThat(second.body()).isEqualTo(first.body());
  }

  @Test
  void outOfOrderCallbacksDeliverThePaymentBeforeTheConfirmation() throws Exception {
    start(Fixture.config().outOfOrderCallbacks(true).callbackTimeScale(1.0));
    createAndConfirm("o-1");
    sandbox.clock().advance(Duration.ofHours(25));
    flows.complete("o-1", flows.completeBody());
    sandbox.pay("o-1");

    String firstEvent = MerchantClient.JSON.readTree(receiver.next().body()).path("event_type").asText();
    String secondEvent = MerchantClient.JSON.readTree(receiver.next().body()).path("event_type").asText();

    assertThat(firstEvent).isEqualTo("PAYSCORE.USER_PAID");
    assertThat(secondEvent).isEqualTo("PAYSCORE.USER_CONFIRM");
  }

  @Test
  void aNotifyUrlOffLoopbackIsNeverCalled() throws Exception {
    start(Fixture.config());
    flows.created("o-1");
    receiver.answer();
    sandbox.confirm("o-1");
    createAndConfirm("o-2");
    receiver.next();

    assertThat(sandbox.callbackDeliveries())
        .filteredOn(d -> d.outOrderNo().equals("o-1"))
        .singleElement()
        .satisfies(d -> assertThat(d.delivered()).isFalse())
        .satisfies(d -> assertThat(d.error()).contains("loopback"));
  }

  @Test
  void callbacksArePlainHttp11WithoutAnUpgradeRequest() throws Exception {
    start(Fixture.config());
    createAndConfirm("o-1");

    NotifyReceiver.Received callback = receiver.next();

    assertThat(callback.protocol()).isEqualTo("HTTP/1.1");
    assertThat(callback.all().keySet())
        .map(name -> name.toLowerCase(java.util.Locale.ROOT))
        .doesNotContain("upgrade", "http2-settings");
    assertThat(callback.all().getOrDefault("Connection", java.util.List.of()))
        .noneMatch(value -> value.toLowerCase(java.util.Locale.ROOT).contains("upgrade"));
  }

  @Test
  void theEnvelopeCreateTimeIsRfc3339ToTheSecondInBeijingTime() throws Exception {
    start(
        Fixture.config()
            .clock(
                java.time.Clock.fixed(
                    Fixture.START.plusNanos(123_456_789), java.time.ZoneOffset.UTC)));
    createAndConfirm("o-1");

    String createTime =
        MerchantClient.JSON.readTree(receiver.next().body()).path("create_time").asText();

    assertThat(createTime).isEqualTo("2026-11-26T10:00:00+08:00");
  }
}
