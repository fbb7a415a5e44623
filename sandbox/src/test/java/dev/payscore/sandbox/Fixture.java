package dev.payscore.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** One merchant, its keys and request bodies; the clock starts at 2026-11-26 10:00 Shanghai. */
final class Fixture {
  static final String MCHID = "1900000001";
  static final String SERIAL = "5A1B2C3D4E5F60718293A4B5C6D7E8F900112233";
  static final String APPID = "wx0000000000000001";
  static final String OTHER_APPID = "wx0000000000000002";
  static final String CONFIRM_SERVICE = "00004000000000000000000000000001";
  static final String NO_CONFIRM_SERVICE = "00004000000000000000000000000002";
  static final String API_V3_KEY = "0123456789abcdef0123456789ABCDEF";
  static final long RISK_CAP = 500_00;
  static final Instant START = Instant.parse("2026-11-26T02:00:00Z");
  static final KeyPair MERCHANT_KEYS = newKeys();

  private Fixture() {}

  static KeyPair newKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static SandboxConfig.Merchant merchant() {
    return new SandboxConfig.Merchant(
        MCHID,
        SERIAL,
        MERCHANT_KEYS.getPublic(),
        API_V3_KEY,
        Set.of(APPID, OTHER_APPID),
        List.of(
            new SandboxConfig.Service(CONFIRM_SERVICE, SandboxConfig.ServiceMode.CONFIRM, RISK_CAP),
            new SandboxConfig.Service(
                NO_CONFIRM_SERVICE, SandboxConfig.ServiceMode.NO_CONFIRM, RISK_CAP)));
  }

  static SandboxConfig.Builder config() {
    return SandboxConfig.builder()
        .merchant(merchant())
        .clock(Clock.fixed(START, ZoneOffset.UTC))
        .callbackTimeScale(0.0001);
  }

  /** A confirm-mode create body: start tomorrow 10:00, deposit 100 yuan. */
  static String create(String outOrderNo, Consumer<ObjectNode> change) {
    ObjectNode body = MerchantClient.JSON.createObjectNode();
    body.put("out_order_no", outOrderNo);
    body.put("appid", APPID);
    body.put("service_id", CONFIRM_SERVICE);
    body.put("service_introduction", "充电宝租借");
    body.putArray("post_payments").addObject().put("name", "收费标准").put("description", "2元/小时");
    ObjectNode range = body.putObject("time_range");
    range.put("start_time", "20261126110000");
    ObjectNode fund = body.putObject("risk_fund");
    fund.put("name", "DEPOSIT");
    fund.put("amount", 100_00);
    body.put("notify_url", "https://merchant.example.com/payscore/notify");
    change.accept(body);
    return body.toString();
  }

  static String create(String outOrderNo) {
    return create(outOrderNo, body -> {});
  }

  /** A no-confirm create body: the order starts DOING/USER_CONFIRM. */
  static String createNoConfirm(String outOrderNo, Consumer<ObjectNode> change) {
    return create(
        outOrderNo,
        body -> {
          body.put("service_id", NO_CONFIRM_SERVICE);
          body.put("need_user_confirm", false);
          body.put("openid", "oUser0000000000000000000001");
          object(body, "time_range").put("start_time", "OnAccept");
          change.accept(body);
        });
  }

  static String createNoConfirm(String outOrderNo) {
    return createNoConfirm(outOrderNo, body -> {});
  }

  /** A complete body: one 50-yuan fee minus a 10-yuan discount, ended 10:30 the day after. */
  static String complete(Consumer<ObjectNode> change) {
    ObjectNode body = MerchantClient.JSON.createObjectNode();
    body.put("appid", APPID);
    body.put("service_id", CONFIRM_SERVICE);
    body.putArray("post_payments")
        .addObject()
        .put("name", "使用费")
        .put("amount", 50_00)
        .put("description", "5小时");
    body.putArray("post_discounts")
        .addObject()
        .put("name", "新用户优惠")
        .put("amount", 10_00)
        .put("description", "首单减10元");
    body.put("total_amount", 40_00);
    body.putObject("time_range").put("end_time", "20261127103000");
    change.accept(body);
    return body.toString();
  }

  static ObjectNode object(ObjectNode parent, String name) {
    return (ObjectNode) parent.get(name);
  }

  static String complete() {
    return complete(body -> {});
  }

  static String completeNoConfirm(long total) {
    return complete(
        body -> {
          body.put("service_id", NO_CONFIRM_SERVICE);
          ((ObjectNode) body.get("post_payments").get(0)).put("amount", total + 10_00);
          body.put("total_amount", total);
          object(body, "time_range").put("end_time", "20261126100500");
        });
  }
}
