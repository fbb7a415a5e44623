package dev.payscore.engine;

import dev.payscore.domain.completion.CompleteOrder;
import dev.payscore.domain.model.AppId;
import dev.payscore.domain.model.ConfirmationMode;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.MerchantId;
import dev.payscore.domain.model.OutOrderNo;
import dev.payscore.domain.model.PostPayment;
import dev.payscore.domain.model.RiskFund;
import dev.payscore.domain.model.RiskFundName;
import dev.payscore.domain.model.ServiceId;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.model.TimeRange;
import java.util.List;

/** Orders and completions for the engine's tests. */
public final class Fixtures {
  public static final MerchantId MCHID = MerchantId.of("1900000109");
  public static final AppId APPID = AppId.of("wxd678efh567hg6787");
  public static final ServiceId SERVICE_ID = ServiceId.of("500001");

  private Fixtures() {}

  /** A confirmed order (DOING/USER_CONFIRM) created with a second-precision start and no end. */
  public static ServiceOrder confirmedOrder(String outOrderNo) {
    return order(outOrderNo, LifecycleState.DOING_USER_CONFIRM);
  }

  public static ServiceOrder order(String outOrderNo, LifecycleState state) {
    return new ServiceOrder(
        MCHID, OutOrderNo.of(outOrderNo), APPID, SERVICE_ID, "充电宝", ConfirmationMode.CONFIRM,
        state, RiskFund.of(RiskFundName.DEPOSIT, 10_000),
        TimeRange.between("20260101090000", null), List.of(), List.of(), null, null,
        "https://merchant.example.com/payscore/notify", null, null, null, null, null, 0);
  }

  /** A completion of {@code total} fen in one line, end time left for the engine to freeze. */
  public static CompleteOrder completion(long total) {
    return new CompleteOrder(
        APPID.value(), SERVICE_ID.value(), List.of(new PostPayment("使用费", total, "2小时", 1)),
        List.of(), total, null, null, null, null, null);
  }
}
