package dev.payscore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Drives orders into each state through the API and the simulated user. */
final class Flows {
  static final String ORDERS = "/v3/payscore/serviceorder";
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneId.of("Asia/Shanghai"));

  final PayScoreSandbox sandbox;
  final MerchantClient client;

  Flows(PayScoreSandbox sandbox) {
    this.sandbox = sandbox;
    this.client = MerchantClient.of(sandbox);
  }

  static String path(String outOrderNo, String action) {
    return ORDERS + "/" + outOrderNo + "/" + action;
  }

  MerchantClient.Answer create(String body) {
    return client.post(ORDERS, body);
  }

  /** A time on the sandbox clock, as WeChat writes it: {@code yyyyMMddHHmmss}, Shanghai. */
  String shanghai(Duration fromNow) {
    return TIME.format(sandbox.clock().instant().plus(fromNow));
  }

  /** Created (confirm mode), the service starting an hour from now. */
  void created(String outOrderNo) {
    String body =
        Fixture.create(
            outOrderNo,
            b -> Fixture.object(b, "time_range").put("start_time", shanghai(Duration.ofHours(1))));
    assertThat(create(body).status()).isEqualTo(200);
  }

  /** The fixture's complete body, the service ended half an hour ago. */
  String completeBody() {
    return Fixture.complete(
        b -> Fixture.object(b, "time_range").put("end_time", shanghai(Duration.ofMinutes(-30))));
  }

  /** Created, confirmed by the user, and a day and an hour later (the service has ended). */
  void confirmed(String outOrderNo) {
    created(outOrderNo);
    sandbox.confirm(outOrderNo);
    sandbox.clock().advance(Duration.ofHours(25));
  }

  MerchantClient.Answer complete(String outOrderNo, String body) {
    return client.post(path(outOrderNo, "complete"), body);
  }

  /** Completed with 40 yuan to collect: DOING/MCH_COMPLETE, USER_PAYING. */
  void completed(String outOrderNo) {
    confirmed(outOrderNo);
    assertThat(complete(outOrderNo, completeBody()).status()).isEqualTo(200);
  }

  MerchantClient.Answer query(String outOrderNo) {
    return client.get(
        ORDERS + "?out_order_no=" + outOrderNo + "&service_id=" + Fixture.CONFIRM_SERVICE
            + "&appid=" + Fixture.APPID);
  }

  String state(String outOrderNo) {
    var order = query(outOrderNo).json();
    String description = order.path("state_description").asText("");
    return order.path("state").asText() + (description.isEmpty() ? "" : "/" + description);
  }

  static String appidAndService() {
    return "\"appid\":\"" + Fixture.APPID + "\",\"service_id\":\"" + Fixture.CONFIRM_SERVICE + "\"";
  }

  MerchantClient.Answer cancel(String outOrderNo, String reason) {
    return client.post(
        path(outOrderNo, "cancel"), "{" + appidAndService() + ",\"reason\":\"" + reason + "\"}");
  }
}
