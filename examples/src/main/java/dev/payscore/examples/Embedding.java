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
import dev.payscore.RequestCompletionsResult;
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
    CompleteOrder completeOrder = CompleteOrder.builder()
        .appid("wxd678efh567hg6787")
        .serviceId("500001")
        .addPostPayment(PostPayment.described("收费标准", "2元/小时"))   // as POWER_BANK
        .addPostPayment(PostPayment.described("使用时长", "10小时"))     // bills them
        .totalAmount(20_00)                                   // fen
        .build();                                             // no end time: "now" when requested
    // end-snippet
    return completeOrder;
  }

  static LifecycleResult create(PayScore payScore, MerchantId mchid) {
    // snippet:create
    CreateOrder createOrder = CreateOrder.builder()
        .outOrderNo("rent-20261126-0001")
        .appid("wxd678efh567hg6787")
        .serviceId("500001")
        .serviceIntroduction("充电宝租借")
        .addPostPayment(PostPayment.described("收费标准", "2元/小时"))
        .timeRange(TimeRange.onAccept())                      // starts when the user confirms
        .riskFund(RiskFund.of(RiskFundName.DEPOSIT, 100_00))
        .notifyUrl("https://shop.example.com/payscore/notify")
        .build();                                             // every problem at once, or the value
    LifecycleResult result =
        payScore.orders().create(new CreateServiceOrderCommand(mchid, createOrder, "checkout"));
    if (result.isApplied()) {
      String confirmPackage = result.confirmPackageValue().orElseThrow(); // for the confirm page
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
    if (result.isRecorded()) {                                  // Requested or AlreadyRequested
      connection.commit();                                      // a dispatcher sends it
    } else {
      connection.rollback();                                    // Invalid, WrongState, Conflict, …
    }
    // end-snippet
    return result;
  }

  static RequestCompletionsResult endOfDay(
      PayScore payScore, Connection connection, List<RequestCompletionCommand> returns)
      throws SQLException {
    // snippet:batch
    connection.setAutoCommit(false);
    RequestCompletionsResult result = payScore.completions().request(connection, returns);
    if (result instanceof RequestCompletionsResult.Refused refused) {
      refused.refusals().forEach(r -> System.err.println(r.index() + ": " + r.result()));
    }
    connection.commit();                    // all recorded, or none of the batch (your SQL stays)
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
