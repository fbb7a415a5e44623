package dev.payscore.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.AppId;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.ServiceId;
import dev.payscore.TimeRange;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class ServiceOrderTest {
  private static final MerchantId MCHID = MerchantId.of("1900000001");
  private static final OutOrderNo OUT_ORDER_NO = OutOrderNo.of("order-0001");

  @Test
  void anAllowedEventMovesTheOrderAndKeepsItsVersion() {
    ServiceOrder created = order(LifecycleState.CREATED, 4);
    Transition transition = created.transition(LifecycleEvent.USER_CONFIRMED);

    assertThat(transition).isInstanceOf(Transition.Moved.class);
    ServiceOrder confirmed = created.after((Transition.Moved) transition);
    assertThat(confirmed.lifecycle()).isEqualTo(LifecycleState.DOING_USER_CONFIRM);
    assertThat(confirmed.state()).isEqualTo(ServiceOrderState.DOING);
    assertThat(confirmed.stateDescription()).contains(StateDescription.USER_CONFIRM);
    assertThat(confirmed.version()).isEqualTo(4);
  }

  @Test
  void aMoveFromAnotherStateIsAProgrammingError() {
    Transition.Moved fromDoing =
        new Transition.Moved(
            LifecycleState.DOING_USER_CONFIRM,
            LifecycleEvent.COMPLETED,
            LifecycleState.DOING_MCH_COMPLETE);
    assertThatThrownBy(() -> order(LifecycleState.CREATED, 0).after(fromDoing))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aViewAheadMovesTheOrderForwardAndTakesWeChatsFacts() {
    ServiceOrder created = order(LifecycleState.CREATED, 2);
    ServiceOrder refreshed = created.refreshedFrom(view(ServiceOrderState.DONE, null, 800L));

    assertThat(refreshed.lifecycle()).isEqualTo(LifecycleState.DONE);
    assertThat(refreshed.totalAmount()).isEqualTo(800L);
    assertThat(refreshed.orderId()).isEqualTo("1000000000201911011234567890123");
    assertThat(refreshed.version()).isEqualTo(2);
  }

  @Test
  void aStaleViewChangesNothing() {
    ServiceOrder completed = order(LifecycleState.DOING_MCH_COMPLETE, 1);
    ServiceOrder refreshed =
        completed.refreshedFrom(view(ServiceOrderState.DOING, StateDescription.USER_CONFIRM, null));
    assertThat(refreshed).isSameAs(completed);
  }

  @Test
  void aViewOfAnotherOrderIsRefused() {
    ObservedOrder other = view(OutOrderNo.of("order-0002"), ServiceOrderState.DONE, null, null);
    assertThatThrownBy(() -> order(LifecycleState.CREATED, 0).refreshedFrom(other))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCollectionStateIsDerivedUntilWeChatReportsIt() {
    assertThat(order(LifecycleState.DOING_MCH_COMPLETE, 0).collectionState())
        .contains(CollectionState.USER_PAYING);
    assertThat(order(LifecycleState.DOING_USER_CONFIRM, 0).collectionState()).isEmpty();
  }

  private static ServiceOrder order(LifecycleState lifecycle, long version) {
    return new ServiceOrder(
        MCHID,
        OUT_ORDER_NO,
        AppId.of("wxd678efh567hg6787"),
        ServiceId.of("1"),
        "充电宝",
        ConfirmationMode.CONFIRM,
        lifecycle,
        RiskFund.of(RiskFundName.DEPOSIT, 9900),
        TimeRange.between("20261126090000", null),
        List.of(),
        List.of(),
        null,
        null,
        "https://merchant.example/notify",
        null,
        null,
        null,
        null,
        null, null,
        version);
  }

  private static ObservedOrder view(
      ServiceOrderState state, @Nullable StateDescription description, @Nullable Long total) {
    return view(OUT_ORDER_NO, state, description, total);
  }

  private static ObservedOrder view(
      OutOrderNo outOrderNo,
      ServiceOrderState state,
      @Nullable StateDescription description,
      @Nullable Long total) {
    return new ObservedOrder(
        AppId.of("wxd678efh567hg6787"),
        MCHID,
        outOrderNo,
        ServiceId.of("1"),
        "充电宝",
        state,
        description,
        total,
        List.of(),
        List.of(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        "1000000000201911011234567890123",
        null, List.of());
  }
}
