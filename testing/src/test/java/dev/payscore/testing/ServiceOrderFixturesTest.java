package dev.payscore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import dev.payscore.Rule;
import dev.payscore.Violation;
import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.domain.model.CollectionState;
import dev.payscore.domain.model.LifecycleState;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ServiceOrderFixturesTest {
  private final CompletionValidator validator =
      new CompletionValidator(MutableClock.at(ServiceOrderFixtures.NOW));

  @Test
  void theDefaultCompletionIsValidForTheDoingOrder() {
    assertThat(
            validator.validate(
                ServiceOrderFixtures.aValidCompletion(), ServiceOrderFixtures.aDoingOrder()))
        .isEmpty();
  }

  @Test
  void theOtherOrdersAreNotCompletable() {
    assertThat(
            validator.validate(
                ServiceOrderFixtures.aValidCompletion(), ServiceOrderFixtures.aCreatedOrder()))
        .extracting(Violation::rule)
        .containsExactly(Rule.ORDER_STATE);
  }

  @Test
  void eachFixtureIsInItsState() {
    assertThat(ServiceOrderFixtures.aCreatedOrder().lifecycle()).isEqualTo(LifecycleState.CREATED);
    assertThat(ServiceOrderFixtures.aDoingOrder().lifecycle())
        .isEqualTo(LifecycleState.DOING_USER_CONFIRM);
    assertThat(ServiceOrderFixtures.aCompletedOrder().collectionState())
        .contains(CollectionState.USER_PAYING);
    assertThat(ServiceOrderFixtures.aPaidOrder().collectionState())
        .contains(CollectionState.USER_PAID);
  }

  @Test
  void aCompletionWithADiscountIsValidForTheDoingOrder() {
    var completion =
        ServiceOrderFixtures.aCompletion()
            .postPayments(List.of(PostPayment.charged("服务费", 3000)))
            .addPostDiscount(PostDiscount.of("新客优惠", "首单减5元", 500))
            .totalAmount(2500)
            .build();
    assertThat(completion.totalAmount()).isEqualTo(2500);
    assertThat(validator.validate(completion, ServiceOrderFixtures.aDoingOrder())).isEmpty();
  }

  @Test
  void buildersOverrideOneFieldAndKeepTheRest() {
    var order = ServiceOrderFixtures.anOrder().outOrderNo("other-1").version(3).build();
    assertThat(order.outOrderNo().value()).isEqualTo("other-1");
    assertThat(order.version()).isEqualTo(3);
    assertThat(order.appid()).isEqualTo(ServiceOrderFixtures.aCreatedOrder().appid());
  }
}
