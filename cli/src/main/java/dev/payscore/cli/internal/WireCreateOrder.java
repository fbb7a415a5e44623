package dev.payscore.cli.internal;

import static dev.payscore.cli.internal.WireCompleteOrder.orEmpty;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.payscore.CreateOrder;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.Rule;
import dev.payscore.TimeRange;
import dev.payscore.Violation;
import dev.payscore.cli.internal.WireCompleteOrder.Discount;
import dev.payscore.cli.internal.WireCompleteOrder.Payment;
import dev.payscore.cli.internal.WireCompleteOrder.WireDevice;
import dev.payscore.cli.internal.WireCompleteOrder.WireLocation;
import dev.payscore.cli.internal.WireCompleteOrder.WireTimeRange;
import dev.payscore.domain.model.ServiceTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A create request body as WeChat's documentation writes it (snake_case), every field optional so
 * that validation, not parsing, reports what is missing.
 */
public record WireCreateOrder(
    @JsonProperty("out_order_no") @Nullable String outOrderNo,
    @JsonProperty("appid") @Nullable String appid,
    @JsonProperty("service_id") @Nullable String serviceId,
    @JsonProperty("service_introduction") @Nullable String serviceIntroduction,
    @JsonProperty("post_payments") @Nullable List<@Nullable Payment> postPayments,
    @JsonProperty("post_discounts") @Nullable List<@Nullable Discount> postDiscounts,
    @JsonProperty("time_range") @Nullable WireTimeRange timeRange,
    @JsonProperty("location") @Nullable WireLocation location,
    @JsonProperty("risk_fund") @Nullable WireRiskFund riskFund,
    @JsonProperty("attach") @Nullable String attach,
    @JsonProperty("notify_url") @Nullable String notifyUrl,
    @JsonProperty("openid") @Nullable String openid,
    @JsonProperty("need_user_confirm") @Nullable Boolean needUserConfirm,
    @JsonProperty("device") @Nullable WireDevice device) {

  /** {@code risk_fund}. */
  public record WireRiskFund(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("amount") @Nullable Long amount,
      @JsonProperty("description") @Nullable String description) {}

  /**
   * The domain command; what its types cannot hold (no time range or risk fund, an unknown fund
   * name, an amount not above 0) is added to {@code problems} and a harmless stand-in used.
   */
  public CreateOrder toCommand(List<Violation> problems) {
    TimeRange range = TimeRange.between(ServiceTime.ON_ACCEPT, null);
    if (timeRange == null) {
      problems.add(new Violation("time_range", Rule.REQUIRED, null, "is required"));
    } else {
      range = timeRange.toTimeRange();
    }
    return new CreateOrder(
        orEmpty(outOrderNo),
        orEmpty(appid),
        orEmpty(serviceId),
        orEmpty(serviceIntroduction),
        WireCompleteOrder.payments(postPayments),
        WireCompleteOrder.discounts(postDiscounts),
        range,
        location == null ? null : location.toLocation(),
        riskFund(problems),
        attach,
        orEmpty(notifyUrl),
        openid,
        needUserConfirm,
        WireCompleteOrder.device(device));
  }

  private RiskFund riskFund(List<Violation> problems) {
    if (riskFund == null) {
      problems.add(new Violation("risk_fund", Rule.REQUIRED, null, "is required"));
      return RiskFund.of(RiskFundName.DEPOSIT, 1);
    }
    RiskFundName name = RiskFundName.DEPOSIT;
    if (riskFund.name() == null) {
      problems.add(new Violation("risk_fund.name", Rule.REQUIRED, null, "is required"));
    } else {
      try {
        name = RiskFundName.valueOf(riskFund.name());
      } catch (IllegalArgumentException e) {
        problems.add(
            new Violation(
                "risk_fund.name",
                Rule.RISK_FUND_NAME,
                riskFund.name(),
                "must be DEPOSIT, ADVANCE, CASH_DEPOSIT or ESTIMATE_ORDER_COST"));
      }
    }
    long amount = 1;
    if (riskFund.amount() == null) {
      problems.add(new Violation("risk_fund.amount", Rule.REQUIRED, null, "is required"));
    } else if (riskFund.amount() < 1) {
      problems.add(
          new Violation(
              "risk_fund.amount",
              Rule.RISK_FUND_AMOUNT,
              riskFund.amount().toString(),
              "must be > 0 fen"));
    } else {
      amount = riskFund.amount();
    }
    return new RiskFund(name, amount, riskFund.description());
  }
}
