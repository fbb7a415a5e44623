package dev.payscore.cli.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.payscore.AppId;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.ServiceId;
import dev.payscore.cli.internal.WireCompleteOrder.WireTimeRange;
import dev.payscore.cli.internal.WireJson.UnreadableInput;
import dev.payscore.domain.completion.CompletionTarget;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrderState;
import dev.payscore.domain.model.StateDescription;
import org.jspecify.annotations.Nullable;

/**
 * A service order as WeChat's query returns it (§2.2), reduced to what validating a completion
 * needs; other fields are ignored. {@code appid}, {@code service_id} and {@code state} are
 * required.
 */
public record WireOrder(
    @JsonProperty(value = "appid", required = true) String appid,
    @JsonProperty(value = "service_id", required = true) String serviceId,
    @JsonProperty(value = "state", required = true) ServiceOrderState state,
    @JsonProperty("state_description") @Nullable StateDescription stateDescription,
    @JsonProperty("risk_fund") @Nullable WireRiskFund riskFund,
    @JsonProperty("time_range") @Nullable WireTimeRange timeRange) {

  /** {@code risk_fund}. */
  public record WireRiskFund(
      @JsonProperty(value = "name", required = true) RiskFundName name,
      @JsonProperty(value = "amount", required = true) long amount) {}

  /** What validation checks a completion against; {@code shown} names the file in errors. */
  public CompletionTarget toTarget(String shown) throws UnreadableInput {
    try {
      return new CompletionTarget(
          AppId.of(appid),
          ServiceId.of(serviceId),
          LifecycleState.of(state, stateDescription),
          riskFund == null ? null : RiskFund.of(riskFund.name(), riskFund.amount()),
          timeRange == null ? null : timeRange.toTimeRange());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new UnreadableInput(shown + ": " + e.getMessage());
    }
  }
}
