package dev.payscore;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The risk fund of an order ({@code risk_fund}): kind, amount (&gt; 0 fen) and display text. */
public record RiskFund(RiskFundName name, long amount, @Nullable String description) {
  public RiskFund {
    Objects.requireNonNull(name, "name == null");
    if (amount <= 0) {
      throw new InvalidValueException(
          "RiskFund",
          List.of(
              new Violation(
                  "risk_fund.amount",
                  Rule.AMOUNT_NOT_POSITIVE,
                  Long.toString(amount),
                  "must be more than 0 fen")));
    }
  }

  /** A risk fund of {@code amount} fen (&gt; 0), no display text. */
  public static RiskFund of(RiskFundName name, long amount) {
    return new RiskFund(name, amount, null);
  }

  /** This risk fund with a display text (at most 30 characters). */
  public RiskFund withDescription(@Nullable String value) {
    return new RiskFund(name, amount, value);
  }
}
