package dev.payscore.wechat.sandbox;

import static dev.payscore.wechat.sandbox.SandboxedGateway.APPID;
import static dev.payscore.wechat.sandbox.SandboxedGateway.MCHID;
import static dev.payscore.wechat.sandbox.SandboxedGateway.SERVICE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.CreateOrder;
import dev.payscore.OutOrderNo;
import dev.payscore.PostPayment;
import dev.payscore.domain.model.CollectionState;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.ServiceTime;
import dev.payscore.domain.port.out.CancelOrder;
import dev.payscore.domain.port.out.CollectOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.ModifyOrder;
import dev.payscore.domain.port.out.OrderQuery;
import dev.payscore.domain.port.out.OrderReceipt;
import dev.payscore.domain.port.out.SyncOrder;
import dev.payscore.sandbox.Operation;
import dev.payscore.sandbox.SandboxConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every endpoint of our gateway against the sandbox, in public-key and certificate mode. */
final class GatewayAgainstSandboxTest {
  @RegisterExtension static final SandboxedGateway wechat = SandboxedGateway.start();

  @SuppressWarnings("unchecked")
  static <T> T accepted(GatewayOutcome<T> outcome) {
    assertThat(outcome).isInstanceOf(GatewayOutcome.Accepted.class);
    return ((GatewayOutcome.Accepted<T>) outcome).body();
  }

  @Test
  void createAnswersTheCreatedOrderWithItsPackage() {
    OutOrderNo outOrderNo = wechat.nextOrder();
    CreateOrder body = wechat.createBody(outOrderNo, "https://merchant.example.com/notify");

    ObservedOrder created = accepted(wechat.gateway.create(MCHID, body));

    assertThat(created.outOrderNo()).isEqualTo(outOrderNo);
    assertThat(created.mchid()).isEqualTo(MCHID);
    assertThat(created.lifecycle()).isEqualTo(LifecycleState.CREATED);
    assertThat(created.riskFund()).isEqualTo(body.riskFund());
    assertThat(created.timeRange()).isEqualTo(body.timeRange());
    assertThat(created.confirmPackage()).isPresent();
    assertThat(created.orderId()).hasSize(31);
    assertThat(wechat.operations(outOrderNo)).containsExactly(Operation.CREATE);
  }

  @Test
  void anIdenticalCreateIsAReentryThatAppliesNothing() {
    OutOrderNo outOrderNo = wechat.nextOrder();
    CreateOrder body = wechat.createBody(outOrderNo, "https://merchant.example.com/notify");
    ObservedOrder first = accepted(wechat.gateway.create(MCHID, body));

    ObservedOrder again = accepted(wechat.gateway.create(MCHID, body));

    assertThat(again).isEqualTo(first);
    assertThat(wechat.operations(outOrderNo)).containsExactly(Operation.CREATE);
  }

  @Test
  void queryByOutOrderNoAndByQueryIdFindTheSameConfirmedOrder() {
    OutOrderNo outOrderNo = wechat.nextOrder();
    String queryId =
        wechat.confirmed(wechat.createBody(outOrderNo, "https://merchant.example.com/notify"));

    ObservedOrder byNumber =
        accepted(
            wechat.gateway.query(MCHID, OrderQuery.byOutOrderNo(APPID, SERVICE_ID, outOrderNo)));
    ObservedOrder byQueryId =
        accepted(wechat.gateway.query(MCHID, OrderQuery.byQueryId(APPID, SERVICE_ID, queryId)));

    assertThat(byNumber.lifecycle()).isEqualTo(LifecycleState.DOING_USER_CONFIRM);
    assertThat(byNumber.openid()).isNotBlank();
    assertThat(byQueryId).isEqualTo(byNumber);
  }

  @Test
  void completeAppliesExactlyTheSentBill() {
    OutOrderNo outOrderNo = wechat.confirmedAndUsed();

    ObservedOrder completed =
        accepted(wechat.gateway.complete(MCHID, outOrderNo, wechat.completeBody()));

    assertThat(completed.lifecycle()).isEqualTo(LifecycleState.DOING_MCH_COMPLETE);
    assertThat(completed.totalAmount()).isEqualTo(40_00L);
    assertThat(completed.needCollection()).isTrue();
    assertThat(completed.collection().state()).isEqualTo(CollectionState.USER_PAYING);
    assertThat(completed.postPayments()).isEqualTo(wechat.completeBody().postPayments());
    assertThat(completed.postDiscounts()).isEqualTo(wechat.completeBody().postDiscounts());
    assertThat(wechat.sandbox.ledger(outOrderNo.value()))
        .filteredOn(entry -> entry.operation() == Operation.COMPLETE)
        .singleElement()
        .satisfies(entry -> assertThat(entry.requestBody()).contains("\"total_amount\":4000"));
  }

  @Test
  void aZeroAmountCompleteEndsTheOrderAtOnce() {
    OutOrderNo outOrderNo = wechat.confirmedAndUsed();

    ObservedOrder completed =
        accepted(wechat.gateway.complete(MCHID, outOrderNo, wechat.completeBody(0)));

    assertThat(completed.lifecycle()).isEqualTo(LifecycleState.DONE);
    assertThat(completed.needCollection()).isFalse();
  }

  @Test
  void cancelAnswersTheReceiptAndRevokesTheOrder() {
    OutOrderNo outOrderNo = wechat.confirmedOrder();

    OrderReceipt receipt =
        accepted(
            wechat.gateway.cancel(
                MCHID, outOrderNo, new CancelOrder(APPID.value(), SERVICE_ID.value(), "用户取消")));

    assertThat(receipt.outOrderNo()).isEqualTo(outOrderNo);
    assertThat(receipt.orderId()).isEqualTo(wechat.query(outOrderNo).orderId());
    assertThat(wechat.query(outOrderNo).lifecycle()).isEqualTo(LifecycleState.REVOKED);
    assertThat(wechat.operations(outOrderNo)).endsWith(Operation.CANCEL);
  }

  @Test
  void modifyLowersTheTotalOfACompletedOrder() {
    OutOrderNo outOrderNo = wechat.completedOrder();
    ModifyOrder lower =
        new ModifyOrder(
            APPID.value(),
            SERVICE_ID.value(),
            List.of(new PostPayment("使用费", 30_00L, "3小时", null)),
            List.of(),
            30_00,
            "按实际时长收费",
            null);

    ObservedOrder modified = accepted(wechat.gateway.modify(MCHID, outOrderNo, lower));

    assertThat(modified.totalAmount()).isEqualTo(30_00L);
    assertThat(modified.lifecycle()).isEqualTo(LifecycleState.DOING_MCH_COMPLETE);
    assertThat(modified.collection().payingAmount()).isEqualTo(30_00L);
  }

  @Test
  void syncSettlesACompletedOrderPaidElsewhere() {
    OutOrderNo outOrderNo = wechat.completedOrder();
    String paidTime = ServiceTime.ofSeconds(wechat.clock.instant()).text();

    Optional<ObservedOrder> synced =
        accepted(
            wechat.gateway.sync(
                MCHID,
                outOrderNo,
                SyncOrder.orderPaid(APPID.value(), SERVICE_ID.value(), paidTime)));

    assertThat(synced).isPresent();
    assertThat(synced.get().lifecycle()).isEqualTo(LifecycleState.DONE);
    assertThat(synced.get().collection().state()).isEqualTo(CollectionState.USER_PAID);
    assertThat(synced.get().collection().details())
        .singleElement()
        .satisfies(
            detail -> {
              assertThat(detail.paidType()).isEqualTo("MCH");
              assertThat(detail.paidTime()).isEqualTo(paidTime);
              assertThat(detail.transactionId()).isNull();
            });
  }

  @Test
  void payAsksForCollectionAndChangesNothingElse() {
    OutOrderNo outOrderNo = wechat.completedOrder();

    Optional<OrderReceipt> receipt =
        accepted(
            wechat.gateway.pay(
                MCHID, outOrderNo, new CollectOrder(APPID.value(), SERVICE_ID.value())));

    assertThat(receipt).hasValueSatisfying(r -> assertThat(r.outOrderNo()).isEqualTo(outOrderNo));
    assertThat(wechat.query(outOrderNo).lifecycle()).isEqualTo(LifecycleState.DOING_MCH_COMPLETE);
    assertThat(wechat.operations(outOrderNo)).endsWith(Operation.COMPLETE, Operation.PAY);
  }

  @Test
  void inCertificateModeTheDownloadedCertificatesVerifyEveryAnswer() {
    try (SandboxedGateway certificates =
        SandboxedGateway.start(
            config -> config.keyMode(SandboxConfig.KeyMode.CERTIFICATE).platformCertificates(2),
            client -> client)) {
      OutOrderNo outOrderNo = certificates.confirmedAndUsed();

      ObservedOrder completed =
          accepted(certificates.gateway.complete(MCHID, outOrderNo, certificates.completeBody()));

      assertThat(completed.lifecycle()).isEqualTo(LifecycleState.DOING_MCH_COMPLETE);
      assertThat(certificates.sandbox.publicKeyId()).doesNotStartWith("PUB_KEY_ID_");
    }
  }
}
