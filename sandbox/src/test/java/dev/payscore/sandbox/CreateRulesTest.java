package dev.payscore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fact sheet §2.1: create rules the sandbox enforces as WeChat does, over real HTTP. */
final class CreateRulesTest {
  private PayScoreSandbox sandbox;
  private Flows flows;

  @BeforeEach
  void start() {
    sandbox = PayScoreSandbox.start(Fixture.config().build());
    flows = new Flows(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private MerchantClient.Answer createWithNotifyUrl(String url) {
    return flows.create(Fixture.create("o-1", b -> b.put("notify_url", url)));
  }

  @Test
  void aPlainHttpNotifyUrlOffLoopbackIsRefusedAsWechatDoes() {
    for (String url :
        new String[] {
          "http://merchant.example.com/payscore/notify", "http://10.0.0.7:8080/notify",
        }) {
      MerchantClient.Answer answer = createWithNotifyUrl(url);

      assertThat(answer.status()).as(url).isEqualTo(400);
      assertThat(answer.code()).isEqualTo("PARAM_ERROR");
      assertThat(answer.json().path("detail").path("field").asText()).isEqualTo("notify_url");
      assertThat(answer.signatureValid()).isTrue();
    }
    assertThat(sandbox.ledger()).isEmpty();
  }

  @Test
  void httpsAnywhereAndPlainHttpOnLoopbackAreAccepted() {
    assertThat(createWithNotifyUrl("https://merchant.example.com/payscore/notify").status())
        .isEqualTo(200);
    for (String url :
        new String[] {
          "http://127.0.0.1:8080/notify", "http://localhost:8080/notify", "http://[::1]:8080/n"
        }) {
      String outOrderNo = "o-" + Math.abs(url.hashCode());
      assertThat(flows.create(Fixture.create(outOrderNo, b -> b.put("notify_url", url))).status())
          .as(url)
          .isEqualTo(200);
    }
  }

  @Test
  void aDeviceIdOverItsLimitIsRefusedAtCreate() {
    MerchantClient.Answer answer =
        flows.create(
            Fixture.create("o-1", b -> b.putObject("device").put("start_device_id", "d".repeat(51))));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.message()).isEqualTo("device.start_device_id长度超过50");
  }

  @Test
  void aBlankRequiredTextIsMissingAsAnEmptyOne() {
    MerchantClient.Answer answer =
        flows.create(Fixture.create("o-1", b -> b.put("service_introduction", "  ")));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.message()).isEqualTo("service_introduction不能为空");
    assertThat(sandbox.ledger()).isEmpty();
  }

  @Test
  void anEndBeforeTheStartAndAnEndTooSoonAreToldApart() {
    // now is 10:00 in Shanghai; the fixture starts at 11:00
    MerchantClient.Answer beforeStart =
        flows.create(
            Fixture.create("o-1", b -> object(b, "time_range").put("end_time", "20261126110000")));
    MerchantClient.Answer tooSoon = createOnAccept("o-2", "20261126100100");
    MerchantClient.Answer justLateEnough = createOnAccept("o-3", "20261126100101");

    assertThat(beforeStart.message()).isEqualTo("预计服务结束时间需晚于开始时间");
    assertThat(tooSoon.message()).isEqualTo("预计服务结束时间需晚于当前时间1分钟");
    assertThat(justLateEnough.status()).isEqualTo(200);
  }

  /** An OnAccept create ending at {@code endTime}. */
  private MerchantClient.Answer createOnAccept(String outOrderNo, String endTime) {
    return flows.create(
        Fixture.create(
            outOrderNo,
            b -> object(b, "time_range").put("start_time", "OnAccept").put("end_time", endTime)));
  }

  private static ObjectNode object(ObjectNode body, String name) {
    return (ObjectNode) body.get(name);
  }
}
