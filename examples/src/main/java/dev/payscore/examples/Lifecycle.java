package dev.payscore.examples;

import dev.payscore.MerchantId;
import dev.payscore.OrderCommand;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScore;
import dev.payscore.PostPayment;
import dev.payscore.RequestCancelCommand;
import dev.payscore.RequestModifyCommand;
import java.sql.Connection;

/** The README's order lifecycle section: cancel, modify, sync, collect, refresh. */
final class Lifecycle {
  private Lifecycle() {}

  static void operations(
      PayScore payScore, Connection connection, MerchantId mchid, OutOrderNo outOrderNo) {
    // snippet:lifecycle
    // Cancel and modify are durable intents, like completions: recorded in your transaction (or one
    // of ours), sent by the dispatcher after commit, reconciled against WeChat, audited.
    payScore.orders().cancel(connection, new RequestCancelCommand(mchid, outOrderNo, "用户取消", "shop"));
    payScore.orders().modify(RequestModifyCommand.builder(mchid, outOrderNo)
        .addPostPayment(PostPayment.charged("租借费用", 20_00, "2小时"))
        .totalAmount(20_00)                                   // not above the current total
        .reason("优惠")
        .requestedBy("shop")
        .build());

    OrderCommand order = new OrderCommand(mchid, outOrderNo, "rental-service");
    payScore.orders().sync(order, "20260526120000");      // paid in another channel: → DONE
    payScore.orders().collect(order);                     // 催收: ask WeChat to collect again
    payScore.orders().refresh(order);                     // query WeChat, move the mirror forward only
    // end-snippet
  }
}
