package dev.payscore;

import static dev.payscore.testing.ServiceOrderFixtures.anOrder;

import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.testing.ServiceOrderFixtures;

/** The shared fixtures as the engine's tests use them: many orders, completions of any amount. */
public final class Fixtures {
  public static final MerchantId MCHID = MerchantId.of(ServiceOrderFixtures.MCHID);
  public static final AppId APPID = AppId.of(ServiceOrderFixtures.APPID);
  public static final ServiceId SERVICE_ID = ServiceId.of(ServiceOrderFixtures.SERVICE_ID);

  private Fixtures() {}

  /** A confirmed order (DOING/USER_CONFIRM) created with a second-precision start and no end. */
  public static ServiceOrder confirmedOrder(String outOrderNo) {
    return order(outOrderNo, LifecycleState.DOING_USER_CONFIRM);
  }

  public static ServiceOrder order(String outOrderNo, LifecycleState state) {
    return anOrder()
        .outOrderNo(outOrderNo)
        .lifecycle(state)
        .openid(ServiceOrderFixtures.OPENID)
        .build();
  }

  /** A completion of {@code total} fen in one line, its end time left for the request to freeze. */
  public static CompleteOrder completion(long total) {
    return CompleteOrder.builder()
        .appid(ServiceOrderFixtures.APPID)
        .serviceId(ServiceOrderFixtures.SERVICE_ID)
        .addPostPayment(PostPayment.charged("使用费", total, "2小时").withCount(1))
        .totalAmount(total)
        .build();
  }
}
