package dev.payscore.domain.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.AppId;
import dev.payscore.CompleteOrder;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PostPayment;
import dev.payscore.ServiceId;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.ServiceOrderState;
import dev.payscore.domain.model.StateDescription;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ReconciliationTest {
  private static final OutOrderNo NO = OutOrderNo.of("R1");
  private static final CompleteOrder FROZEN =
      new CompleteOrder(
          "wx1",
          "svc",
          List.of(new PostPayment("费用", 300L, "2小时", null)),
          List.of(),
          300,
          null,
          null,
          null,
          null,
          null);

  private static ObservedOrder wechat(String appid, long total, List<PostPayment> items) {
    return new ObservedOrder(
        AppId.of(appid),
        MerchantId.of("1900000001"),
        NO,
        ServiceId.of("svc"),
        null,
        ServiceOrderState.DOING,
        StateDescription.MCH_COMPLETE,
        total,
        items,
        List.of(),
        null,
        null,
        null,
        null,
        null,
        true,
        null,
        null,
        null,
        null, List.of());
  }

  @Test
  void anEchoWithWechatsDefaultCountAgrees() {
    ObservedOrder echo = wechat("wx1", 300, List.of(new PostPayment("费用", 300L, "2小时", 1)));

    assertThat(Reconciliation.differences(NO, FROZEN, echo)).isEmpty();
  }

  @Test
  void everyDifferingFieldIsReportedWithBothSides() {
    ObservedOrder other = wechat("wx2", 250, List.of(new PostPayment("费用", 250L, "2小时", 1)));

    List<Reconciliation.Difference> differences = Reconciliation.differences(NO, FROZEN, other);

    assertThat(differences)
        .extracting(Reconciliation.Difference::field)
        .containsExactly("appid", "total_amount", "post_payments");
    assertThat(Reconciliation.describe(differences))
        .contains("appid: frozen=wx1 wechat=wx2")
        .contains("total_amount: frozen=300 wechat=250");
  }

  @Test
  void itemsNotEchoedAreNotCompared() {
    assertThat(Reconciliation.differences(NO, FROZEN, wechat("wx1", 300, List.of()))).isEmpty();
  }
}
