package dev.payscore.testing;

import dev.payscore.CompleteOrder;
import dev.payscore.PostPayment;
import dev.payscore.domain.model.Collection;
import dev.payscore.domain.model.CollectionState;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import java.time.Instant;
import java.util.List;

/**
 * Ready-made orders in each lifecycle state, and a completion that is valid for {@link
 * #aDoingOrder()} at {@link #NOW}. Start a {@link MutableClock} at {@code NOW} so that the times
 * agree; change one field through {@link #anOrder()} or {@link #aCompletion()}.
 */
public final class ServiceOrderFixtures {
  /** 2026-11-26 16:00:00 in Beijing. */
  public static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

  public static final String MCHID = "1900000001";
  public static final String OUT_ORDER_NO = "order-0001";
  public static final String APPID = "wxd678efh567hg6787";
  public static final String SERVICE_ID = "2002000000000558128851361561536";

  /** The create-time start (second precision, no end: the completion must give one). */
  public static final String START_TIME = "20261126090000";

  /** The default completion's end, an hour before {@link #NOW}. */
  public static final String END_TIME = "20261126150000";

  public static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

  /** DEPOSIT of 99 yuan. */
  public static final long RISK_FUND = 9900;

  private ServiceOrderFixtures() {}

  /** The default builder: a confirm-mode order just created. */
  public static ServiceOrderBuilder anOrder() {
    return new ServiceOrderBuilder();
  }

  /**
   * The default completion builder: valid for {@link #aDoingOrder()} at {@link #NOW} (one 10-yuan
   * fee, ended an hour before now); set a field again to change it.
   */
  public static CompleteOrder.Builder aCompletion() {
    return CompleteOrder.builder()
        .appid(APPID)
        .serviceId(SERVICE_ID)
        .addPostPayment(PostPayment.charged("服务费", 1000, "2元/小时，封顶20元/天"))
        .totalAmount(1000)
        .endTime(END_TIME);
  }

  /** A valid completion of {@link #aDoingOrder()}: 10 yuan, ended an hour before {@link #NOW}. */
  public static CompleteOrder aValidCompletion() {
    return aCompletion().build();
  }

  /** CREATED: waiting for the user to confirm. */
  public static ServiceOrder aCreatedOrder() {
    return anOrder().build();
  }

  /** DOING/USER_CONFIRM: confirmed, the one state a completion is allowed in. */
  public static ServiceOrder aDoingOrder() {
    return anOrder().lifecycle(LifecycleState.DOING_USER_CONFIRM).openid(OPENID).build();
  }

  /** DOING/MCH_COMPLETE: completed with 10 yuan, WeChat collecting. */
  public static ServiceOrder aCompletedOrder() {
    return anOrder()
        .lifecycle(LifecycleState.DOING_MCH_COMPLETE)
        .openid(OPENID)
        .orderId("1000000000201911011234567890123")
        .totalAmount(1000L)
        .needCollection(true)
        .collection(new Collection(CollectionState.USER_PAYING, 1000, 1000, 0, List.of()))
        .build();
  }

  /** DONE: the completed 10 yuan were paid through Pay Score. */
  public static ServiceOrder aPaidOrder() {
    return anOrder()
        .lifecycle(LifecycleState.DONE)
        .openid(OPENID)
        .orderId("1000000000201911011234567890123")
        .totalAmount(1000L)
        .needCollection(true)
        .collection(
            new Collection(
                CollectionState.USER_PAID,
                1000,
                0,
                1000,
                List.of(
                    new Collection.Detail(
                        1, 1000, "NEWTON", "20261126153000", "4200000000202611260000000001"))))
        .build();
  }
}
