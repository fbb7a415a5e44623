package dev.payscore.examples;

import dev.payscore.ApiV3Key;
import dev.payscore.CompleteOrder;
import dev.payscore.CreateOrder;
import dev.payscore.CreateServiceOrderCommand;
import dev.payscore.LifecycleResult;
import dev.payscore.MerchantCredentials;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScore;
import dev.payscore.PostPayment;
import dev.payscore.RequestCompletionCommand;
import dev.payscore.RequestCompletionResult;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.TimeRange;
import dev.payscore.WechatKeys;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** The README's "Embedding payscore" section: build, start, and request a completion. */
final class Embedding {
  private Embedding() {}

  static PayScore start(
      DataSource dataSource,
      MerchantId mchid,
      String certificateSerial,
      PrivateKey privateKey,
      PublicKey wechatPayPublicKey,
      String apiV3Key) {
    // snippet:builder
    WechatKeys wechatKeys = WechatKeys.publicKey("PUB_KEY_ID_0114…", wechatPayPublicKey);
    PayScore payScore = PayScore.builder()
        .dataSource(dataSource)                                 // a pool, e.g. HikariCP
        .merchant(new MerchantCredentials(mchid, certificateSerial, privateKey), wechatKeys)
        .notifications(wechatKeys, ApiV3Key.ofText(apiV3Key))   // verifies and decrypts callbacks
        .build();
    payScore.migrate();                                       // schema payscore, own history table
    payScore.start();                                         // dispatcher + LISTEN payscore_intents
    // ... and payScore.close() when the application stops
    // end-snippet
    return payScore;
  }

  static CompleteOrder completeOrder() {
    // snippet:complete-order
    CompleteOrder completeOrder = new CompleteOrder(
        "wxd678efh567hg6787",                                 // appid
        "500001",                                             // service_id
        List.of(new PostPayment("收费标准", null, "2元/小时", null),   // post_payments, as
            new PostPayment("使用时长", null, "10小时", null)),      // POWER_BANK has them
        List.of(),                                            // post_discounts
        2000,                                                 // total_amount, fen
        null,                                                 // time_range: end time = now
        null, null, null, null);                              // location, profit_sharing, goods_tag, device
    // end-snippet
    return completeOrder;
  }

  static LifecycleResult create(PayScore payScore, MerchantId mchid) {
    // snippet:create
    CreateOrder createOrder = new CreateOrder(
        "rent-20261126-0001",                                 // out_order_no
        "wxd678efh567hg6787", "500001",                       // appid, service_id
        "充电宝租借",                                           // service_introduction
        List.of(new PostPayment("收费标准", null, "2元/小时", null)), List.of(),
        TimeRange.between("OnAccept", null),                  // the service starts when confirmed
        null, RiskFund.of(RiskFundName.DEPOSIT, 100_00), null,
        "https://shop.example.com/payscore/notify",           // notify_url
        null, null, null);                                    // openid, need_user_confirm, device
    LifecycleResult result =
        payScore.orders().create(new CreateServiceOrderCommand(mchid, createOrder, "checkout"));
    if (result instanceof LifecycleResult.Applied applied) {
      String confirmPackage = applied.confirmPackageValue().orElseThrow(); // for the confirm page
    }
    // end-snippet
    return result;
  }

  static RequestCompletionResult returnRental(
      PayScore payScore,
      Connection connection,
      MerchantId mchid,
      OutOrderNo outOrderNo,
      CompleteOrder completeOrder)
      throws SQLException {
    // snippet:own-transaction
    connection.setAutoCommit(false);
    markRentalReturned(connection, outOrderNo);                 // your own SQL
    RequestCompletionResult result = payScore.completions().request(connection,
        new RequestCompletionCommand(mchid, outOrderNo, completeOrder, "checkout-service"));
    if (result instanceof RequestCompletionResult.Requested
        || result instanceof RequestCompletionResult.AlreadyRequested) {
      connection.commit();                                      // a dispatcher sends it
    } else {
      connection.rollback();                                    // Invalid, WrongState, Conflict, …
    }
    // end-snippet
    return result;
  }

  private static void markRentalReturned(Connection connection, OutOrderNo outOrderNo)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement("UPDATE rental SET returned_at = now() WHERE order_no = ?")) {
      update.setString(1, outOrderNo.value());
      update.executeUpdate();
    }
  }
}
