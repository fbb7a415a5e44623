package dev.payscore.wechat.sandbox;

import static dev.payscore.wechat.sandbox.SandboxedGateway.APPID;
import static dev.payscore.wechat.sandbox.SandboxedGateway.MCHID;
import static dev.payscore.wechat.sandbox.SandboxedGateway.SERVICE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.CompleteOrder;
import dev.payscore.CreateOrder;
import dev.payscore.OutOrderNo;
import dev.payscore.PostPayment;
import dev.payscore.ServiceId;
import dev.payscore.domain.port.out.CancelOrder;
import dev.payscore.domain.port.out.CollectOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.ModifyOrder;
import dev.payscore.domain.port.out.OrderQuery;
import dev.payscore.domain.port.out.SyncOrder;
import dev.payscore.sandbox.Endpoint;
import dev.payscore.sandbox.FaultKind;
import dev.payscore.sandbox.FaultRule;
import dev.payscore.sandbox.Operation;
import java.util.List;
import org.assertj.core.api.ObjectAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every refusal of §6.2 the sandbox can answer, as the {@link GatewayOutcome} our gateway makes of
 * it.
 */
final class GatewayErrorsAgainstSandboxTest {
  @RegisterExtension static final SandboxedGateway wechat = SandboxedGateway.start();

  /** A signed refusal: Rejected with WeChat's status, code and message. */
  private static <T> void assertRejected(
      GatewayOutcome<T> outcome, int status, String code, String message) {
    ObjectAssert<GatewayOutcome<T>> that = assertThat(outcome);
    that.isInstanceOf(GatewayOutcome.Rejected.class);
    that.extracting("status", "code", "message").containsExactly(status, code, message);
    that.extracting("requestId").asString().startsWith("08");
  }

  private static CancelOrder cancel() {
    return new CancelOrder(APPID.value(), SERVICE_ID.value(), "用户取消");
  }

  private static ModifyOrder modify(long total) {
    return new ModifyOrder(
        APPID.value(),
        SERVICE_ID.value(),
        List.of(new PostPayment("使用费", total, null, null)),
        List.of(),
        total,
        "调价",
        null);
  }

  private static SyncOrder sync() {
    return SyncOrder.orderPaid(APPID.value(), SERVICE_ID.value(), "20261126120000");
  }

  private static CollectOrder collect() {
    return new CollectOrder(APPID.value(), SERVICE_ID.value());
  }

  @Test
  void aBrokenFormulaIsAParamErrorNamingTheField() {
    OutOrderNo outOrderNo = wechat.confirmedAndUsed();
    CompleteOrder good = wechat.completeBody();
    CompleteOrder wrongTotal =
        new CompleteOrder(
            good.appid(),
            good.serviceId(),
            good.postPayments(),
            good.postDiscounts(),
            50_00,
            good.timeRange(),
            null,
            null,
            null,
            null);

    GatewayOutcome<?> outcome = wechat.gateway.complete(MCHID, outOrderNo, wrongTotal);

    assertRejected(outcome, 400, "PARAM_ERROR", "最终总金额计算非法");
    assertThat(((GatewayOutcome.Rejected<?>) outcome).detail())
        .contains("\"field\":\"total_amount\"");
    assertThat(wechat.operations(outOrderNo)).doesNotContain(Operation.COMPLETE);
  }

  @Test
  void completeRepeatedWithOtherParametersIsAReentryParamError() {
    OutOrderNo outOrderNo = wechat.completedOrder();

    assertRejected(
        wechat.gateway.complete(MCHID, outOrderNo, wechat.completeBody(30_00)),
        400,
        "PARAM_ERROR",
        "订单重入参数校验失败");
  }

  @Test
  void completeRepeatedIdenticallyIsRefusedAsTheWrongState() {
    OutOrderNo outOrderNo = wechat.completedOrder();

    assertRejected(
        wechat.gateway.complete(MCHID, outOrderNo, wechat.completeBody()),
        400,
        "INVALID_REQUEST",
        "当前订单状态不合法");
    assertThat(wechat.operations(outOrderNo)).containsOnlyOnce(Operation.COMPLETE);
  }

  @Test
  void completeOfAnUnconfirmedOrderIsRefusedAsTheWrongState() {
    OutOrderNo outOrderNo = wechat.nextOrder();
    wechat.gateway.create(
        MCHID, wechat.createBody(outOrderNo, "https://merchant.example.com/notify"));

    assertRejected(
        wechat.gateway.complete(MCHID, outOrderNo, wechat.completeBody()),
        400,
        "INVALID_REQUEST",
        "当前订单状态不合法");
  }

  @Test
  void createRepeatedWithOtherParametersIsAnInvalidRequest() {
    OutOrderNo outOrderNo = wechat.nextOrder();
    CreateOrder body = wechat.createBody(outOrderNo, "https://merchant.example.com/notify");
    wechat.gateway.create(MCHID, body);

    assertRejected(
        wechat.gateway.create(
            MCHID, wechat.createBody(outOrderNo, "https://merchant.example.com/other")),
        400,
        "INVALID_REQUEST",
        "订单重入参数校验失败");
  }

  @Test
  void modifySyncAndPayBeforeCompletionAreTheWrongOrderState() {
    OutOrderNo outOrderNo = wechat.confirmedOrder();

    assertRejected(
        wechat.gateway.modify(MCHID, outOrderNo, modify(10_00)),
        400,
        "INVALID_ORDER_STATE",
        "单据状态错误");
    assertRejected(
        wechat.gateway.sync(MCHID, outOrderNo, sync()), 400, "INVALID_ORDER_STATE", "单据状态错误");
    assertRejected(
        wechat.gateway.pay(MCHID, outOrderNo, collect()), 400, "INVALID_ORDER_STATE", "单据状态错误");
  }

  @Test
  void modifySyncAndPayOfACancelledOrderAreOrderCanceled() {
    OutOrderNo outOrderNo = wechat.confirmedOrder();
    wechat.gateway.cancel(MCHID, outOrderNo, cancel());

    assertRejected(
        wechat.gateway.modify(MCHID, outOrderNo, modify(10_00)), 400, "ORDER_CANCELED", "单据已取消");
    assertRejected(wechat.gateway.sync(MCHID, outOrderNo, sync()), 400, "ORDER_CANCELED", "单据已取消");
    assertRejected(
        wechat.gateway.pay(MCHID, outOrderNo, collect()), 400, "ORDER_CANCELED", "单据已取消");
  }

  @Test
  void cancelModifyAndPayOfAPaidOrderAreOrderDone() {
    OutOrderNo outOrderNo = wechat.completedOrder();
    wechat.sandbox.pay(outOrderNo.value());

    assertRejected(wechat.gateway.cancel(MCHID, outOrderNo, cancel()), 400, "ORDER_DONE", "订单已完成");
    assertRejected(
        wechat.gateway.modify(MCHID, outOrderNo, modify(10_00)), 400, "ORDER_DONE", "订单已完成");
    assertRejected(wechat.gateway.pay(MCHID, outOrderNo, collect()), 400, "ORDER_DONE", "订单已完成");
  }

  @Test
  void aHigherModifiedTotalIsAParamError() {
    OutOrderNo outOrderNo = wechat.completedOrder();

    assertRejected(
        wechat.gateway.modify(MCHID, outOrderNo, modify(50_00)),
        400,
        "PARAM_ERROR",
        "修改后金额不能高于原金额");
  }

  @Test
  void anUnboundServiceIdIsNoAuth() {
    OutOrderNo outOrderNo = wechat.confirmedOrder();

    assertRejected(
        wechat.gateway.query(
            MCHID,
            OrderQuery.byOutOrderNo(
                APPID, ServiceId.of("00004000000000000000000000000999"), outOrderNo)),
        403,
        "NO_AUTH",
        "商户暂无权限使用此服务");
  }

  @Test
  void anUnknownOrderIsOrderNotExist() {
    OutOrderNo unknown = wechat.nextOrder();

    assertRejected(
        wechat.gateway.query(MCHID, OrderQuery.byOutOrderNo(APPID, SERVICE_ID, unknown)),
        404,
        "ORDER_NOT_EXIST",
        "订单不存在");
    assertRejected(
        wechat.gateway.complete(MCHID, unknown, wechat.completeBody()),
        404,
        "ORDER_NOT_EXIST",
        "订单不存在");
  }

  @Test
  void aDeductionInFlightIsAnInvalidRequestToRetryLater() {
    OutOrderNo outOrderNo = wechat.completedOrder();
    wechat.sandbox.addFault(
        FaultRule.scripted(FaultKind.DEDUCTING, Endpoint.CANCEL, outOrderNo.value(), 1));

    assertRejected(
        wechat.gateway.cancel(MCHID, outOrderNo, cancel()),
        400,
        "INVALID_REQUEST",
        "单据正在扣款中，请稍后再试");
    assertThat(wechat.operations(outOrderNo)).doesNotContain(Operation.CANCEL);
  }
}
