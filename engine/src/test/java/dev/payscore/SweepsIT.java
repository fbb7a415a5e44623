package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.persistence.JooqTransactions;
import dev.payscore.testing.ServiceOrderFixtures;
import dev.payscore.testing.database.TestDatabase;
import dev.payscore.testing.fakes.ScriptedPayScoreGateway;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sweeps on real PostgreSQL with a scripted WeChat: the most urgent orders first, back-off for
 * orders that do not change, one audit row per finding, and only this instance's merchants. Time
 * passes by moving the rows' times back (the sweep reads the database's clock); each test has a
 * merchant of its own.
 */
@Tag("postgres")
@ExtendWith(TestDatabase.class)
final class SweepsIT {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final SweepOptions OPTIONS =
      SweepOptions.defaults()
          .disabled()
          .withThresholds(HOUR, HOUR, HOUR)
          .withBatchSize(10)
          .withMaxBackOff(Duration.ofHours(8));

  private final ScriptedPayScoreGateway wechat = new ScriptedPayScoreGateway();

  @Test
  void anUnpaidOrderIsLookedAtInTheFirstSweepDespiteABacklogOfCreatedOrders(DataSource db) {
    MerchantId mchid = MerchantId.of("1900000101");
    for (int i = 0; i < 30; i++) {
      open(db, mchid, "CREATED-" + i, LifecycleState.CREATED);
    }
    ServiceOrder unpaid = open(db, mchid, "UNPAID-1", LifecycleState.DOING_MCH_COMPLETE);
    wechat.moveTo(unpaid.outOrderNo(), LifecycleState.DONE); // its USER_PAID callback was missed
    age(db, Duration.ofHours(2));

    Sweeps.Report report = sweeps(db, mchid, PayScoreListener.NONE).runOnce();

    assertThat(report.checked()).isEqualTo(10);
    assertThat(report.advanced()).isEqualTo(1);
    assertThat(local(db, unpaid).lifecycle()).isEqualTo(LifecycleState.DONE);
  }

  @Test
  void everyStateGetsItsShareOfABatch(DataSource db) {
    MerchantId mchid = MerchantId.of("1900000102");
    for (int i = 0; i < 20; i++) {
      open(db, mchid, "CREATED-" + i, LifecycleState.CREATED);
      open(db, mchid, "UNPAID-" + i, LifecycleState.DOING_MCH_COMPLETE);
    }
    age(db, Duration.ofHours(2));

    sweeps(db, mchid, PayScoreListener.NONE).runOnce();

    List<String> looked =
        wechat.calls().stream()
            .map(c -> c.outOrderNo().value().replaceAll("-.*", ""))
            .toList();
    assertThat(looked).hasSize(10);
    assertThat(looked.stream().filter("CREATED"::equals).count()).isEqualTo(4); // a third, rounded up
    assertThat(looked.stream().filter("UNPAID"::equals).count()).isEqualTo(6); // its third and the rest
  }

  @Test
  void anAbandonedOrderIsLookedAtLessAndLessOftenAndItsFindingAuditedOnce(DataSource db) {
    MerchantId mchid = MerchantId.of("1900000103");
    ServiceOrder abandoned = open(db, mchid, "ABANDONED-1", LifecycleState.CREATED);
    Sweeps sweeps = sweeps(db, mchid, PayScoreListener.NONE);

    // two days of sweeps every 30 minutes; the threshold is an hour, the back-off at most 8 hours
    for (int tick = 0; tick < 96; tick++) {
      age(db, Duration.ofMinutes(30));
      sweeps.runOnce();
    }

    // looked at after 1 h, then 2, 4, 8, 8, … hours later: 1, 3, 7, 15, 23, 31, 39, 47 h
    assertThat(wechat.calls("query", abandoned.outOrderNo())).hasSize(8);
    assertThat(count(db, abandoned, AuditEventType.SWEEP_FINDING)).isEqualTo(1);

    wechat.moveTo(abandoned.outOrderNo(), LifecycleState.DOING_USER_CONFIRM); // confirmed at last
    for (int tick = 0; tick < 16; tick++) {
      age(db, Duration.ofMinutes(30));
      sweeps.runOnce();
    }

    assertThat(local(db, abandoned).lifecycle()).isEqualTo(LifecycleState.DOING_USER_CONFIRM);
    assertThat(count(db, abandoned, AuditEventType.STATE_OBSERVED)).isEqualTo(1);
    assertThat(count(db, abandoned, AuditEventType.SWEEP_FINDING)).isEqualTo(2);
  }

  @Test
  void aSweepClaimsOnlyTheMerchantsThisInstanceHoldsCredentialsFor(DataSource db) {
    MerchantId mine = MerchantId.of("1900000104");
    MerchantId theirs = MerchantId.of("1900000105");
    ServiceOrder ours = open(db, mine, "MINE-1", LifecycleState.DOING_MCH_COMPLETE);
    ServiceOrder other = open(db, theirs, "THEIRS-1", LifecycleState.DOING_MCH_COMPLETE);
    age(db, Duration.ofHours(2));

    Sweeps.Report report = sweeps(db, mine, PayScoreListener.NONE).runOnce();

    assertThat(report.checked()).isEqualTo(1);
    assertThat(wechat.calls("query", ours.outOrderNo())).hasSize(1);
    assertThat(wechat.calls("query", other.outOrderNo())).isEmpty();
  }

  @Test
  void aThrowingListenerChangesNothingAndAListenerHearsTheMove(DataSource db) {
    MerchantId mchid = MerchantId.of("1900000106");
    ServiceOrder first = open(db, mchid, "PAID-1", LifecycleState.DOING_MCH_COMPLETE);
    ServiceOrder second = open(db, mchid, "PAID-2", LifecycleState.DOING_MCH_COMPLETE);
    wechat.moveTo(first.outOrderNo(), LifecycleState.DONE);
    wechat.moveTo(second.outOrderNo(), LifecycleState.DONE);
    age(db, Duration.ofHours(2));
    List<String> heard = new CopyOnWriteArrayList<>();
    PayScoreListener throwing =
        new PayScoreListener() {
          @Override
          public void orderTransitioned(
              MerchantId m,
              OutOrderNo outOrderNo,
              @Nullable LifecycleState from,
              LifecycleState to,
              AuditCause cause) {
            heard.add(outOrderNo.value() + " " + from.name() + "->" + to.name() + " " + cause);
            throw new IllegalStateException("a listener bug");
          }
        };

    Sweeps.Report report = sweeps(db, mchid, throwing).runOnce();

    assertThat(report.advanced()).isEqualTo(2);
    assertThat(local(db, first).lifecycle()).isEqualTo(LifecycleState.DONE);
    assertThat(local(db, second).lifecycle()).isEqualTo(LifecycleState.DONE);
    assertThat(heard)
        .containsExactlyInAnyOrder(
            "PAID-1 DOING_MCH_COMPLETE->DONE QUERY", "PAID-2 DOING_MCH_COMPLETE->DONE QUERY");
  }

  private Sweeps sweeps(DataSource db, MerchantId mchid, PayScoreListener listener) {
    return new Sweeps(
        transactions(db), wechat, Clock.systemUTC(), OPTIONS, "it", Set.of(mchid), listener);
  }

  private ServiceOrder open(DataSource db, MerchantId mchid, String no, LifecycleState state) {
    ServiceOrder order =
        ServiceOrderFixtures.anOrder()
            .mchid(mchid.value())
            .outOrderNo(no)
            .lifecycle(state)
            .openid(ServiceOrderFixtures.OPENID)
            .build();
    ServiceOrder stored = transactions(db).inTransaction(r -> r.orders().insert(order));
    wechat.register(stored);
    return stored;
  }

  private static ServiceOrder local(DataSource db, ServiceOrder order) {
    return transactions(db)
        .inTransaction(r -> r.orders().find(order.mchid(), order.outOrderNo()).orElseThrow());
  }

  private static long count(DataSource db, ServiceOrder order, AuditEventType type) {
    return transactions(db)
        .inTransaction(r -> r.history().ofOrder(order.mchid(), order.outOrderNo()))
        .stream()
        .filter(e -> e.entry().type() == type)
        .count();
  }

  /** Time passes for every order: its last change and its next check move into the past. */
  private static void age(DataSource db, Duration by) {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      String interval = "interval '" + by.toSeconds() + " seconds'";
      s.executeUpdate(
          "UPDATE payscore.service_order SET updated_at = updated_at - "
              + interval
              + ", next_check_at = next_check_at - "
              + interval);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Transactions transactions(DataSource db) {
    return new JooqTransactions(db);
  }
}
