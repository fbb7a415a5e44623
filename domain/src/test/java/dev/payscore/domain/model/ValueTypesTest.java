package dev.payscore.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.AppId;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.ServiceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The value records refuse what WeChat would refuse, in their constructors. */
final class ValueTypesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"a", "1234567890", "Order_2024-11|26", "abcdefghijklmnopqrstuvwxyz012345"})
  void outOrderNoAcceptsTheCurrentAlphabetUpTo32(String value) {
    assertThat(OutOrderNo.of(value).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a*b", "有中文", "with space", "abcdefghijklmnopqrstuvwxyz0123456"})
  void outOrderNoRefusesOtherCharactersAndLengths(String value) {
    assertThatThrownBy(() -> OutOrderNo.of(value)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nullsAreRefusedWithTheFieldName() {
    assertThatThrownBy(() -> OutOrderNo.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("out_order_no == null");
    assertThatThrownBy(() -> new RiskFund(null, 1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name == null");
  }

  @Test
  void merchantIdIsDigits() {
    assertThat(MerchantId.of("1900000001").value()).isEqualTo("1900000001");
    assertThatThrownBy(() -> MerchantId.of("19x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerchantId.of("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void appIdAndServiceIdAreVisibleAsciiUpTo32() {
    assertThat(AppId.of("wxd678efh567hg6787")).hasToString("wxd678efh567hg6787");
    assertThat(ServiceId.of("2002000000000558128851361561536").value()).hasSize(31);
    assertThatThrownBy(() -> AppId.of("wx d")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServiceId.of("1".repeat(33)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void amountIsNonNegativeFen() {
    assertThat(Amount.ofFen(0).isZero()).isTrue();
    assertThat(Amount.ofFen(100)).isGreaterThan(Amount.ofFen(99)).hasToString("100 fen");
    assertThatThrownBy(() -> Amount.ofFen(-5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount < 0: -5");
  }

  @Test
  void riskFundIsPositiveAndOnlyDepositFreeKindsCapTheTotal() {
    assertThatThrownBy(() -> RiskFund.of(RiskFundName.DEPOSIT, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatCode(() -> RiskFund.of(RiskFundName.ADVANCE, 1)).doesNotThrowAnyException();
    assertThat(RiskFundName.DEPOSIT.capsTotal()).isTrue();
    assertThat(RiskFundName.ADVANCE.capsTotal()).isTrue();
    assertThat(RiskFundName.CASH_DEPOSIT.capsTotal()).isTrue();
    assertThat(RiskFundName.ESTIMATE_ORDER_COST.capsTotal()).isFalse();
  }
}
