package dev.payscore.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.AuditEventType;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.StorageException;
import dev.payscore.domain.model.LifecycleEvent;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.model.Transition;
import dev.payscore.domain.port.out.OrderKey;
import dev.payscore.domain.port.out.StaleWriteException;
import dev.payscore.domain.port.out.StorageLimits;
import dev.payscore.domain.port.out.SweepCandidate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contract of {@code ServiceOrders}, and of a transaction failing half-way. */
public abstract class ServiceOrdersContract extends StorageContract {

  @Test
  void insertedOrderIsFoundAtVersionOneWithEveryField() {
    ServiceOrder order = anOrder(MCHID, newOrderNo());

    ServiceOrder stored = tx(r -> r.orders().insert(order));

    assertThat(stored).isEqualTo(order.withVersion(1));
    assertThat(findOrder(MCHID, order.outOrderNo())).contains(stored);
  }

  @Test
  void bareOrderRoundTrips() {
    ServiceOrder order = aBareOrder(MCHID, newOrderNo());

    tx(r -> r.orders().insert(order));

    assertThat(findOrder(MCHID, order.outOrderNo())).contains(order.withVersion(1));
  }

  @Test
  void findIsScopedByMerchant() {
    OutOrderNo no = newOrderNo();
    tx(r -> r.orders().insert(anOrder(MCHID, no)));

    assertThat(findOrder(OTHER_MCHID, no)).isEmpty();
  }

  @Test
  void insertingAnExistingOrderIsAStorageException() {
    ServiceOrder order = anOrder(MCHID, newOrderNo());
    tx(r -> r.orders().insert(order));

    assertThatThrownBy(() -> tx(r -> r.orders().insert(order)))
        .isInstanceOf(StorageException.class);
    assertThat(findOrder(MCHID, order.outOrderNo())).contains(order.withVersion(1));
  }

  @Test
  void updateAtTheCurrentVersionStoresTheOrderAtTheNextVersion() {
    ServiceOrder stored = tx(r -> r.orders().insert(aBareOrder(MCHID, newOrderNo())));
    Transition.Moved moved = (Transition.Moved) stored.transition(LifecycleEvent.USER_CONFIRMED);

    ServiceOrder updated = tx(r -> r.orders().update(stored.after(moved)));

    assertThat(updated.version()).isEqualTo(2);
    assertThat(updated.lifecycle()).isEqualTo(LifecycleState.DOING_USER_CONFIRM);
    assertThat(findOrder(MCHID, stored.outOrderNo())).contains(updated);
  }

  @Test
  void staleVersionLoses() {
    ServiceOrder stored = tx(r -> r.orders().insert(anOrder(MCHID, newOrderNo())));
    ServiceOrder first = tx(r -> r.orders().update(stored));

    assertThatThrownBy(() -> tx(r -> r.orders().update(stored)))
        .isInstanceOf(StaleWriteException.class)
        .hasMessageContaining("version 1");
    assertThat(findOrder(MCHID, stored.outOrderNo())).contains(first);
  }

  @Test
  void updatingSeveralAtOnceStoresEveryFieldOfEachAtItsNextVersion() {
    ServiceOrder full = tx(r -> r.orders().insert(anOrder(MCHID, newOrderNo())));
    ServiceOrder bare = tx(r -> r.orders().insert(aBareOrder(OTHER_MCHID, newOrderNo())));
    Transition.Moved confirmed = (Transition.Moved) bare.transition(LifecycleEvent.USER_CONFIRMED);

    List<ServiceOrder> updated =
        tx(r -> r.orders().updateAll(List.of(full, bare.after(confirmed))));

    assertThat(updated)
        .containsExactly(full.withVersion(2), bare.after(confirmed).withVersion(2));
    assertThat(findOrder(MCHID, full.outOrderNo())).contains(full.withVersion(2));
    assertThat(findOrder(OTHER_MCHID, bare.outOrderNo()))
        .contains(bare.after(confirmed).withVersion(2));
  }

  @Test
  void updatingSeveralAtOnceWithOneStaleIsAStaleWriteAndTheTransactionKeepsNothing() {
    ServiceOrder a = tx(r -> r.orders().insert(anOrder(MCHID, newOrderNo())));
    ServiceOrder b = tx(r -> r.orders().insert(anOrder(MCHID, newOrderNo())));
    ServiceOrder bMovedOn = tx(r -> r.orders().update(b));

    assertThatThrownBy(() -> tx(r -> r.orders().updateAll(List.of(a, b))))
        .isInstanceOf(StaleWriteException.class)
        .hasMessageContaining(b.outOrderNo().value());
    assertThat(findOrder(MCHID, a.outOrderNo())).contains(a);
    assertThat(findOrder(MCHID, b.outOrderNo())).contains(bMovedOn);
  }

  @Test
  void lockingSeveralAtOnceReadsThoseThatExist() {
    ServiceOrder a = tx(r -> r.orders().insert(anOrder(MCHID, newOrderNo())));
    ServiceOrder b = tx(r -> r.orders().insert(aBareOrder(OTHER_MCHID, newOrderNo())));
    OutOrderNo missing = newOrderNo();

    List<ServiceOrder> locked =
        tx(
            r ->
                r.orders()
                    .lockAll(
                        List.of(
                            new OrderKey(OTHER_MCHID, b.outOrderNo()),
                            new OrderKey(MCHID, missing),
                            new OrderKey(MCHID, a.outOrderNo()))));

    assertThat(locked).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void updatingAnOrderThatDoesNotExistIsAStaleWrite() {
    ServiceOrder never = anOrder(MCHID, newOrderNo()).withVersion(1);

    assertThatThrownBy(() -> tx(r -> r.orders().update(never)))
        .isInstanceOf(StaleWriteException.class);
  }

  @Test
  void oversizedFieldsAreAllRefusedBeforeAnythingIsWritten() {
    ServiceOrder order = anOrder(MCHID, newOrderNo());
    ServiceOrder oversized =
        new ServiceOrder(
            order.mchid(),
            order.outOrderNo(),
            order.appid(),
            order.serviceId(),
            "x".repeat(65),
            order.mode(),
            order.lifecycle(),
            order.riskFund(),
            order.timeRange(),
            order.postPayments(),
            order.postDiscounts(),
            order.location(),
            "a".repeat(257),
            order.notifyUrl(),
            order.openid(),
            order.orderId(),
            order.totalAmount(),
            order.needCollection(),
            order.collection(), null,
            0);

    assertThatThrownBy(() -> tx(r -> r.orders().insert(oversized)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("service_introduction: at most 64 characters (was 65)")
        .hasMessageContaining("attach: at most 256 characters (was 257)");
    assertThat(findOrder(MCHID, order.outOrderNo())).isEmpty();
  }

  @Test
  void aFailureHalfWayLeavesNothingWritten() {
    ServiceOrder order = anOrder(MCHID, newOrderNo());
    ServiceOrder other = anOrder(MCHID, newOrderNo());
    tx(r -> r.orders().insert(order));

    assertThatThrownBy(
            () ->
                tx(
                    r -> {
                      r.orders().insert(other);
                      r.audit()
                          .append(
                              anEntry(MCHID, other.outOrderNo(), AuditEventType.ORDER_CREATED, T0));
                      return r.orders().insert(order); // the primary key refuses it
                    }))
        .isInstanceOf(StorageException.class);

    assertThat(findOrder(MCHID, other.outOrderNo())).isEmpty();
    assertThat(history(MCHID, other.outOrderNo())).isEmpty();
  }

  @Test
  void theConfirmationTimeIsKeptAndOnlyAnEarlierOneReplacesIt() {
    Instant confirmed = Instant.parse("2026-11-26T08:00:00.400Z");
    ServiceOrder order =
        tx(r -> r.orders().insert(anOrder(MCHID, newOrderNo()).withConfirmation(confirmed)));
    ServiceOrder later = tx(r -> r.orders().update(order.withConfirmation(confirmed.plusSeconds(5))));
    ServiceOrder earlier =
        tx(r -> r.orders().update(later.withConfirmation(confirmed.minusMillis(300))));

    assertThat(later.confirmedAt()).isEqualTo(confirmed);
    assertThat(findOrder(MCHID, order.outOrderNo()))
        .map(ServiceOrder::confirmedAt)
        .contains(confirmed.minusMillis(300));
    assertThat(findOrder(MCHID, order.outOrderNo())).contains(earlier);
  }

  @Test
  void aSweptOrderIsClaimedAgainOnlyWhenItsNextCheckComes() {
    ServiceOrder order = tx(r -> r.orders().insert(anOrder(MCHID, newOrderNo())));

    List<SweepCandidate> first = claimed(order.lifecycle(), Set.of());
    tx(r -> r.orders().recordSweep(order, Duration.ofHours(1), 1, "still waiting"));
    List<SweepCandidate> backedOff = claimed(order.lifecycle(), Set.of());
    tx(r -> r.orders().recordSweep(order, Duration.ofSeconds(-1), 2, "still waiting")); // due
    List<SweepCandidate> due = claimed(order.lifecycle(), Set.of());
    List<SweepCandidate> otherState = claimed(LifecycleState.EXPIRED, Set.of());

    assertThat(first)
        .filteredOn(c -> c.order().outOrderNo().equals(order.outOrderNo()))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.order()).isEqualTo(order);
              assertThat(c.checks()).isZero();
              assertThat(c.lastFinding()).isNull();
            });
    assertThat(numbers(backedOff)).doesNotContain(order.outOrderNo());
    assertThat(due)
        .filteredOn(c -> c.order().outOrderNo().equals(order.outOrderNo()))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.checks()).isEqualTo(2);
              assertThat(c.lastFinding()).isEqualTo("still waiting");
            });
    assertThat(numbers(otherState)).doesNotContain(order.outOrderNo());
    assertThat(findOrder(MCHID, order.outOrderNo())).contains(order);
  }

  @Test
  void aChangeStartsTheSweepScheduleOverAndARecordOfAnOlderVersionIsIgnored() {
    ServiceOrder order = tx(r -> r.orders().insert(anOrder(MCHID, newOrderNo())));
    claimed(order.lifecycle(), Set.of());
    tx(r -> r.orders().recordSweep(order, Duration.ofHours(1), 3, "still waiting"));

    ServiceOrder changed = tx(r -> r.orders().update(order));
    boolean stale = tx(r -> r.orders().recordSweep(order, Duration.ofHours(1), 4, "x"));

    assertThat(stale).isFalse();
    assertThat(claimed(order.lifecycle(), Set.of()))
        .filteredOn(c -> c.order().outOrderNo().equals(order.outOrderNo()))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.order()).isEqualTo(changed);
              assertThat(c.checks()).isZero();
              assertThat(c.lastFinding()).isNull();
            });
  }

  @Test
  void aSweepClaimsOnlyTheMerchantsItIsGiven() {
    MerchantId other = MerchantId.of("1900009999");
    ServiceOrder mine = tx(r -> r.orders().insert(anOrder(MCHID, newOrderNo())));
    ServiceOrder theirs = tx(r -> r.orders().insert(anOrder(other, newOrderNo())));

    List<OutOrderNo> claimed = numbers(claimed(mine.lifecycle(), Set.of(MCHID)));

    assertThat(claimed).contains(mine.outOrderNo()).doesNotContain(theirs.outOrderNo());
    assertThat(numbers(claimed(mine.lifecycle(), Set.of(other)))).contains(theirs.outOrderNo());
  }

  private List<SweepCandidate> claimed(LifecycleState state, Set<MerchantId> merchants) {
    return tx(
        r -> r.orders().claimForSweep(state, merchants, Duration.ZERO, StorageLimits.MAX_BATCH));
  }

  private static List<OutOrderNo> numbers(List<SweepCandidate> candidates) {
    return candidates.stream().map(c -> c.order().outOrderNo()).toList();
  }
}
