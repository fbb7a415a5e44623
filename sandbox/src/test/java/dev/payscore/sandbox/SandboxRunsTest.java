package dev.payscore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a merchant sees across sandbox restarts: WeChat's key and its id survive in the state dir
 * (a client configured from the last run still verifies), a new key never goes by an old id, and
 * the ids WeChat assigns never repeat from one run to the next unless a seed is asked for.
 */
final class SandboxRunsTest {
  @TempDir Path stateDir;

  /** What a client configured from one run holds: the key id and the key. */
  private record Configured(String id, PublicKey key, Map<String, PublicKey> all) {}

  private static Configured run(SandboxConfig.Builder config, UnaryOperator<Configured> check) {
    try (PayScoreSandbox sandbox = PayScoreSandbox.start(config.build())) {
      return check.apply(
          new Configured(sandbox.publicKeyId(), sandbox.publicKey(), sandbox.publicKeys()));
    }
  }

  /** A signed GET to the restarted sandbox, verified with the keys of the earlier run. */
  private static boolean verifiesWith(Map<String, PublicKey> earlier, SandboxConfig.Builder config) {
    try (PayScoreSandbox sandbox = PayScoreSandbox.start(config.build())) {
      MerchantClient client =
          new MerchantClient(
              sandbox.baseUrl(),
              Fixture.MCHID,
              Fixture.SERIAL,
              Fixture.MERCHANT_KEYS.getPrivate(),
              sandbox.clock(),
              earlier);
      MerchantClient.Answer answer =
          client.get(
              Flows.ORDERS + "?out_order_no=none&service_id=" + Fixture.CONFIRM_SERVICE + "&appid="
                  + Fixture.APPID);
      assertThat(answer.status()).isEqualTo(404);
      return answer.signatureValid();
    }
  }

  @Test
  void aRestartWithTheSameStateDirKeepsWechatsKeyAndItsId() {
    Configured first = run(Fixture.config().stateDir(stateDir), c -> c);
    Configured second = run(Fixture.config().stateDir(stateDir), c -> c);

    assertThat(second.id()).isEqualTo(first.id()).startsWith("PUB_KEY_ID_");
    assertThat(second.key()).isEqualTo(first.key());
    assertThat(verifiesWith(first.all(), Fixture.config().stateDir(stateDir))).isTrue();
  }

  @Test
  void platformCertificatesSurviveARestartToo() {
    SandboxConfig.Builder config =
        Fixture.config()
            .stateDir(stateDir)
            .keyMode(SandboxConfig.KeyMode.CERTIFICATE)
            .platformCertificates(2);
    Configured first = run(config, c -> c);

    assertThat(verifiesWith(first.all(), config)).isTrue();
    assertThat(run(config, c -> c).all()).isEqualTo(first.all());
  }

  @Test
  void aNewKeyNeverGoesByAnOldId() {
    Configured first = run(Fixture.config(), c -> c);
    Configured second = run(Fixture.config(), c -> c);

    assertThat(second.key()).isNotEqualTo(first.key());
    assertThat(second.id()).isNotEqualTo(first.id()).matches("PUB_KEY_ID_[0-9]+");
    assertThat(verifiesWith(first.all(), Fixture.config())).isFalse();
  }

  @Test
  void askingForAnotherIdInTheSameStateDirGivesItAKeyOfItsOwn() {
    Configured first = run(Fixture.config().stateDir(stateDir), c -> c);
    Configured other =
        run(Fixture.config().stateDir(stateDir).publicKeyId("PUB_KEY_ID_0114000000000000000001"), c -> c);

    assertThat(other.id()).isEqualTo("PUB_KEY_ID_0114000000000000000001");
    assertThat(other.key()).isNotEqualTo(first.key());
  }

  /** The ids one run assigns to one order's life: order_id, transaction_id, notification ids. */
  private record Ids(String orderId, String transactionId, String confirmId, String paidId) {}

  private static Ids idsOfOneOrder(SandboxConfig.Builder config) throws Exception {
    try (NotifyReceiver receiver = new NotifyReceiver();
        PayScoreSandbox sandbox = PayScoreSandbox.start(config.build())) {
      Flows flows = new Flows(sandbox);
      String body =
          Fixture.create(
              "o-1",
              b -> {
                b.put("notify_url", receiver.url());
                Fixture.object(b, "time_range")
                    .put("start_time", flows.shanghai(java.time.Duration.ofHours(1)));
              });
      assertThat(flows.create(body).status()).isEqualTo(200);
      sandbox.confirm("o-1");
      String confirmId = MerchantClient.JSON.readTree(receiver.next().body()).path("id").asText();
      sandbox.clock().advance(java.time.Duration.ofHours(25));
      assertThat(flows.complete("o-1", flows.completeBody()).status()).isEqualTo(200);
      sandbox.pay("o-1");
      String paidId = MerchantClient.JSON.readTree(receiver.next().body()).path("id").asText();
      JsonNode order = flows.query("o-1").json();
      return new Ids(
          order.path("order_id").asText(),
          order.path("collection").path("details").get(0).path("transaction_id").asText(),
          confirmId,
          paidId);
    }
  }

  @Test
  void idsAreUniqueAcrossRunsUnlessASeedIsGiven() throws Exception {
    Ids first = idsOfOneOrder(Fixture.config());
    Ids second = idsOfOneOrder(Fixture.config());

    assertThat(first.orderId()).hasSize(31).containsOnlyDigits().isNotEqualTo(second.orderId());
    assertThat(first.transactionId())
        .hasSize(32)
        .containsOnlyDigits()
        .isNotEqualTo(second.transactionId());
    assertThat(first.confirmId()).isNotEqualTo(second.confirmId()).isNotEqualTo(first.paidId());
    assertThat(first.paidId()).isNotEqualTo(second.paidId());

    assertThat(idsOfOneOrder(Fixture.config().seed(7))).isEqualTo(idsOfOneOrder(Fixture.config().seed(7)));
  }
}
