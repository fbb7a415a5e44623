package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.persistence.JooqTransactions;
import dev.payscore.testing.database.TestDatabase;
import dev.payscore.testing.fakes.ScriptedPayScoreGateway;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13 item 9 through the facade on real PostgreSQL: authentic callbacks (real RSA signature,
 * real AES-GCM) carrying values this version does not know are answered 2xx, recorded with their
 * raw values, and never move the order on them.
 */
@Tag("postgres")
@ExtendWith(TestDatabase.class)
final class OddCallbacksIT {
  static final String PUB_KEY_ID = "PUB_KEY_ID_0119000000012026120700000000000001";
  static final ApiV3Key API_V3_KEY = ApiV3Key.ofText("0123456789abcdef0123456789ABCDEF");
  static final KeyPair WECHAT = newKeys();

  private DataSource dataSource;
  private PayScore payScore;

  @BeforeEach
  void start(DataSource dataSource) {
    TestDatabase.truncateAll();
    this.dataSource = dataSource;
    payScore =
        PayScore.builder()
            .dataSource(dataSource)
            .gateway(new ScriptedPayScoreGateway())
            .notifications(WechatKeys.publicKey(PUB_KEY_ID, WECHAT.getPublic()), API_V3_KEY)
            .listen(false)
            .build();
  }

  @AfterEach
  void stop() {
    payScore.close();
  }

  private void given(String no, LifecycleState state) {
    ServiceOrder order = Fixtures.order(no, state);
    new JooqTransactions(dataSource).inTransaction(repos -> repos.orders().insert(order));
  }

  private LifecycleState local(String no) {
    return new JooqTransactions(dataSource)
        .inTransaction(repos -> repos.orders().find(Fixtures.MCHID, OutOrderNo.of(no)))
        .orElseThrow()
        .lifecycle();
  }

  private List<AuditEvent> trail(String no) {
    return payScore.history().ofOrder(Fixtures.MCHID, OutOrderNo.of(no));
  }

  static String order(String no, String state, String description, String collection) {
    return "{\"appid\":\"" + Fixtures.APPID.value() + "\",\"mchid\":\"" + Fixtures.MCHID.value()
        + "\",\"out_order_no\":\"" + no + "\",\"service_id\":\"" + Fixtures.SERVICE_ID.value()
        + "\",\"state\":\"" + state + "\",\"state_description\":\"" + description + "\""
        + collection + "}";
  }

  static final String PAID_BY_A_NEW_CHANNEL =
      ",\"total_amount\":300,\"need_collection\":true,\"collection\":{\"state\":\"USER_PAID\","
          + "\"total_amount\":300,\"paying_amount\":0,\"paid_amount\":300,\"details\":[{\"seq\":1,"
          + "\"amount\":300,\"paid_type\":\"DIGITAL_RMB\",\"paid_time\":\"20261126120000\"}]}";

  Notifications.Answer deliver(String id, String eventType, String plaintext) {
    String body =
        "{\"id\":\"" + id + "\",\"create_time\":\"2026-11-26T20:00:00+08:00\","
            + "\"resource_type\":\"encrypt-resource\",\"event_type\":\"" + eventType + "\","
            + "\"summary\":\"x\",\"resource\":{\"original_type\":\"payscore\","
            + "\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\"" + encrypt(plaintext)
            + "\",\"associated_data\":\"payscore\",\"nonce\":\"n0nce0000001\"}}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return payScore.notifications().handle(signed(bytes), bytes);
  }

  @Test
  void aPaidCallbackWithAnEmptyStateDescriptionAndANewPaidTypeIsAppliedAndItsOddValueRecorded() {
    given("ODD-1", LifecycleState.DOING_MCH_COMPLETE);

    Notifications.Answer answer =
        deliver("EV-ODD-1", "PAYSCORE.USER_PAID", order("ODD-1", "DONE", "", PAID_BY_A_NEW_CHANNEL));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(local("ODD-1")).isEqualTo(LifecycleState.DONE);
    assertThat(trail("ODD-1"))
        .anySatisfy(
            e -> {
              assertThat(e.entry().type()).isEqualTo(AuditEventType.ODD_VALUES_RECORDED);
              assertThat(e.entry().detail()).contains("state_description=\"\" (EMPTY_VALUE)");
            });
  }

  @Test
  void aCallbackWithAStateThisVersionDoesNotKnowIsRecordedWithoutMovingTheOrder() {
    given("ODD-2", LifecycleState.DOING_USER_CONFIRM);

    Notifications.Answer answer =
        deliver("EV-ODD-2", "PAYSCORE.USER_PAID", order("ODD-2", "SETTLING", "", ""));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(local("ODD-2")).isEqualTo(LifecycleState.DOING_USER_CONFIRM);
    assertThat(trail("ODD-2"))
        .anySatisfy(
            e -> {
              assertThat(e.entry().type()).isEqualTo(AuditEventType.ODD_VALUES_RECORDED);
              assertThat(e.entry().detail()).contains("state=\"SETTLING\" (UNKNOWN_VALUE)");
            });
  }

  @Test
  void aCallbackOfAnEventThisVersionDoesNotKnowIsRecordedWithoutMovingTheOrder() {
    given("ODD-3", LifecycleState.DOING_MCH_COMPLETE);

    Notifications.Answer answer =
        deliver("EV-ODD-3", "PAYSCORE.USER_REFUNDED", order("ODD-3", "DONE", "", PAID_BY_A_NEW_CHANNEL));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(local("ODD-3")).isEqualTo(LifecycleState.DOING_MCH_COMPLETE);
    assertThat(trail("ODD-3"))
        .anySatisfy(
            e -> assertThat(e.entry().detail()).contains("event_type=\"PAYSCORE.USER_REFUNDED\""));
    assertThat(deliver("EV-ODD-3", "PAYSCORE.USER_REFUNDED", order("ODD-3", "DONE", "", "")).status())
        .as("a redelivery")
        .isEqualTo(200);
  }

  static Map<String, String> signed(byte[] body) {
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    String nonce = "callbacknonce";
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Wechatpay-Timestamp", timestamp);
    headers.put("Wechatpay-Nonce", nonce);
    headers.put("Wechatpay-Serial", PUB_KEY_ID);
    headers.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(WECHAT.getPrivate());
      signer.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
      signer.update(body);
      signer.update((byte) '\n');
      headers.put("Wechatpay-Signature", Base64.getEncoder().encodeToString(signer.sign()));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
    return headers;
  }

  static String encrypt(String plaintext) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          API_V3_KEY.secretKey(),
          new GCMParameterSpec(128, "n0nce0000001".getBytes(StandardCharsets.UTF_8)));
      cipher.updateAAD("payscore".getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static KeyPair newKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
