package dev.payscore.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.AuditEventType;
import dev.payscore.CompletionIntent;
import dev.payscore.DispatcherOptions;
import dev.payscore.IntentKind;
import dev.payscore.IntentStatus;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScoreListener;
import dev.payscore.domain.completion.CompletionPayload;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.domain.settlement.Settlement;
import dev.payscore.persistence.JooqTransactions;
import dev.payscore.testing.ServiceOrderFixtures;
import dev.payscore.testing.database.TestDatabase;
import dev.payscore.testing.fakes.ScriptedPayScoreGateway;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Group settlement on real PostgreSQL: the attempts of one moment are settled in one transaction
 * (every row of the group carries the same {@code xmin}), each member fenced by its own claim; a
 * member whose row moved on, one the database refuses, or one whose lease was lost and taken over
 * in the middle of the group costs only itself.
 */
@ExtendWith(TestDatabase.class)
class GroupSettlementIT {
  private static final MerchantId MCHID = MerchantId.of(ServiceOrderFixtures.MCHID);
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final AtomicInteger ORDERS = new AtomicInteger();

  private final Transactions transactions = new JooqTransactions(TestDatabase.dataSource());
  private final ScriptedPayScoreGateway wechat = new ScriptedPayScoreGateway();
  private final Settler settler =
      new Settler(
          transactions,
          Clock.systemUTC(),
          new Random(1),
          DispatcherOptions.defaults(),
          "group-test",
          PayScoreListener.NONE);

  @BeforeEach
  void emptyTables() {
    TestDatabase.truncateAll();
  }

  @Test
  void theAttemptsOfOneMomentAreSettledInOneTransaction() throws SQLException {
    List<Settlement.Attempt> attempts = sent(claimed(5, "group-test"));

    List<AttemptRunner.Processed> processed = settler.settleAll(attempts);

    assertThat(processed).extracting(AttemptRunner.Processed::result)
        .containsOnly(AttemptRunner.Result.SETTLED);
    for (Settlement.Attempt a : attempts) {
      assertSucceeded(a.claimed().outOrderNo());
    }
    Set<String> transactionsSeen = new HashSet<>();
    for (Settlement.Attempt a : attempts) {
      transactionsSeen.addAll(writers(a.claimed().outOrderNo()));
    }
    assertThat(transactionsSeen).hasSize(1); // intents, orders and audit of all five: one commit
  }

  @Test
  void aMemberWhoseRowMovedOnIsRetriedAloneAndTheOthersStayOneGroup() throws SQLException {
    List<Settlement.Attempt> attempts = sent(claimed(4, "group-test"));
    OutOrderNo stale = attempts.get(1).claimed().outOrderNo();
    sql(
        "UPDATE payscore.completion_intent SET version = version + 1 WHERE out_order_no = ?",
        stale);

    List<AttemptRunner.Processed> processed = settler.settleAll(attempts);

    assertThat(processed.get(1).result()).isEqualTo(AttemptRunner.Result.LOST);
    CompletionIntent untouched = intent(stale);
    assertThat(untouched.status()).isEqualTo(IntentStatus.IN_FLIGHT);
    // as the claim left it (the claim counts the attempt): the group wrote nothing of it
    assertThat(untouched.attempts()).isEqualTo(attempts.get(1).claimed().attempts());
    assertThat(auditTypes(stale)).containsExactly(AuditEventType.COMPLETION_ATTEMPTED);
    assertThat(order(stale).lifecycle()).isEqualTo(LifecycleState.DOING_USER_CONFIRM);
    Set<String> groupWriters = new HashSet<>();
    for (int i : new int[] {0, 2, 3}) {
      assertThat(processed.get(i).result()).isEqualTo(AttemptRunner.Result.SETTLED);
      OutOrderNo no = attempts.get(i).claimed().outOrderNo();
      assertSucceeded(no);
      groupWriters.addAll(writers(no));
    }
    assertThat(groupWriters).hasSize(1);
    assertThat(writers(stale)).doesNotContainAnyElementsOf(groupWriters);
  }

  @Test
  void aMemberTheDatabaseRefusesFailsAloneAndTheOthersAreSettled() throws SQLException {
    List<Settlement.Attempt> attempts = sent(claimed(4, "group-test"));
    OutOrderNo refused = attempts.get(2).claimed().outOrderNo();
    sql(
        "CREATE FUNCTION payscore.refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$"
            + " BEGIN RAISE EXCEPTION 'refused for the test'; END; $$");
    sql(
        "CREATE TRIGGER refuse_one BEFORE UPDATE ON payscore.completion_intent FOR EACH ROW"
            + " WHEN (OLD.out_order_no = '"
            + refused.value()
            + "') EXECUTE FUNCTION payscore.refuse_one()");
    List<AttemptRunner.Processed> processed;
    try {
      processed = settler.settleAll(attempts);
    } finally {
      sql("DROP TRIGGER refuse_one ON payscore.completion_intent");
      sql("DROP FUNCTION payscore.refuse_one()");
    }

    assertThat(processed.get(2).result()).isEqualTo(AttemptRunner.Result.LOST);
    CompletionIntent untouched = intent(refused);
    assertThat(untouched.status()).isEqualTo(IntentStatus.IN_FLIGHT); // its lease will expire
    assertThat(untouched.version()).isEqualTo(attempts.get(2).claimed().version());
    assertThat(auditTypes(refused)).isEmpty();
    assertThat(order(refused).lifecycle()).isEqualTo(LifecycleState.DOING_USER_CONFIRM);
    for (int i : new int[] {0, 1, 3}) {
      assertThat(processed.get(i).result()).isEqualTo(AttemptRunner.Result.SETTLED);
      assertSucceeded(attempts.get(i).claimed().outOrderNo());
    }
  }

  @Test
  void aLeaseLostInTheMiddleOfAGroupRecordsOnlyThatAttemptAndLeavesTheNewHolderInCharge()
      throws SQLException {
    List<Settlement.Attempt> attempts = sent(claimed(5, "group-test"));
    OutOrderNo lost = attempts.get(2).claimed().outOrderNo();
    // Its holder stalled past the lease and another dispatcher claimed it before the group wrote.
    sql(
        "UPDATE payscore.completion_intent SET lease_expires_at = now() - interval '1 s'"
            + " WHERE out_order_no = ?",
        lost);
    List<CompletionIntent> takenOver =
        transactions.inTransaction(
            r -> r.intents().claimDue("other-dispatcher", LEASE, Map.of(MCHID, 10), 10));
    assertThat(takenOver).extracting(CompletionIntent::outOrderNo).containsExactly(lost);

    List<AttemptRunner.Processed> processed = settler.settleAll(attempts);

    assertThat(processed.get(2).result()).isEqualTo(AttemptRunner.Result.LOST);
    CompletionIntent held = intent(lost);
    assertThat(held).isEqualTo(takenOver.get(0)); // the new holder's claim stands untouched
    assertThat(auditTypes(lost)).containsExactly(AuditEventType.COMPLETION_ATTEMPTED);
    Set<String> groupWriters = new HashSet<>();
    for (int i : new int[] {0, 1, 3, 4}) {
      assertThat(processed.get(i).result()).isEqualTo(AttemptRunner.Result.SETTLED);
      OutOrderNo no = attempts.get(i).claimed().outOrderNo();
      assertSucceeded(no);
      groupWriters.addAll(writers(no));
    }
    assertThat(groupWriters).hasSize(1);
  }

  private void assertSucceeded(OutOrderNo no) {
    CompletionIntent settled = intent(no);
    assertThat(settled.status()).isEqualTo(IntentStatus.SUCCEEDED);
    assertThat(settled.attempts()).isEqualTo(1);
    assertThat(settled.leaseOwner()).isNull();
    assertThat(order(no).lifecycle()).isEqualTo(LifecycleState.DOING_MCH_COMPLETE);
    assertThat(auditTypes(no))
        .containsExactly(
            AuditEventType.COMPLETION_ATTEMPTED,
            AuditEventType.TRANSITION_APPLIED,
            AuditEventType.COMPLETION_SUCCEEDED);
    assertThat(wechat.applied(no)).isEqualTo(1);
  }

  /** {@code n} confirmed orders with a due completion each, claimed by {@code owner}. */
  private List<CompletionIntent> claimed(int n, String owner) {
    for (int i = 0; i < n; i++) {
      OutOrderNo no = OutOrderNo.of("GROUP-" + ORDERS.incrementAndGet());
      ServiceOrder order =
          ServiceOrderFixtures.anOrder()
              .outOrderNo(no.value())
              .lifecycle(LifecycleState.DOING_USER_CONFIRM)
              .openid(ServiceOrderFixtures.OPENID)
              .build();
      wechat.register(order);
      transactions.inTransaction(
          r -> {
            r.orders().insert(order);
            return r.intents()
                .record(
                    CompletionIntent.pending(
                        MCHID,
                        no,
                        CompletionPayload.of(ServiceOrderFixtures.aCompletion().build()),
                        "test",
                        Clock.systemUTC().instant()));
          });
    }
    List<CompletionIntent> claimed =
        transactions.inTransaction(r -> r.intents().claimDue(owner, LEASE, Map.of(MCHID, n), n));
    assertThat(claimed).hasSize(n);
    return claimed;
  }

  /** Each claimed intent sent to WeChat once: the attempts a dispatcher would settle. */
  private List<Settlement.Attempt> sent(List<CompletionIntent> claimed) {
    List<Settlement.Attempt> attempts = new ArrayList<>();
    for (CompletionIntent c : claimed) {
      attempts.add(
          new Settlement.Attempt(
              c, wechat.complete(c.mchid(), c.outOrderNo(), c.body().bytes()), null));
    }
    return attempts;
  }

  private CompletionIntent intent(OutOrderNo no) {
    return transactions.inTransaction(
        r -> r.intents().find(MCHID, no, IntentKind.COMPLETE).orElseThrow());
  }

  private ServiceOrder order(OutOrderNo no) {
    return transactions.inTransaction(r -> r.orders().find(MCHID, no).orElseThrow());
  }

  private List<AuditEventType> auditTypes(OutOrderNo no) {
    return transactions.inTransaction(
        r -> r.history().ofOrder(MCHID, no).stream().map(e -> e.entry().type()).toList());
  }

  /** The transactions that last wrote the order's intent, order row and audit events. */
  private static Set<String> writers(OutOrderNo no) throws SQLException {
    Set<String> xmins = new HashSet<>();
    for (String table : List.of("completion_intent", "service_order", "audit_event")) {
      try (Connection c = TestDatabase.dataSource().getConnection();
          PreparedStatement s =
              c.prepareStatement(
                  "SELECT xmin::text FROM payscore." + table + " WHERE out_order_no = ?")) {
        s.setString(1, no.value());
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            xmins.add(rs.getString(1));
          }
        }
      }
    }
    return xmins;
  }

  private static void sql(String statement, OutOrderNo no) throws SQLException {
    try (Connection c = TestDatabase.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      s.setString(1, no.value());
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = TestDatabase.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
