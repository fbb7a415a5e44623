package dev.payscore;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The risk fund of an order ({@code risk_fund}): kind, amount (&gt; 0 fen) and display text. */
public record RiskFund(RiskFundName name, long amount, @Nullable String description) {
  public RiskFund {
    Objects.requireNonNull(name, "name == null");
    if (amount <= 0) {
      throw new IllegalArgumentException("risk_fund.amount <= 0: " + amount);
    }
  }

  public static RiskFund of(RiskFundName name, long amount) {
    return new RiskFund(name, amount, null);
  }
}
