package dev.payscore.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.testing.database.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The claim reaches due intents through the partial indexes, never through the settled rows, even
 * with the generic plan that a server-side prepared statement ends up with, and reads them in
 * index order, so its cost does not grow with a backlog of due intents either. Sequential scans are
 * switched off: on a table this small the planner would rightly prefer one.
 */
@ExtendWith(TestDatabase.class)
class ClaimPlanIT {

  @Test
  void theClaimUsesThePartialIndexesOfDueIntentsUnderAGenericPlan(DataSource dataSource)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      aRealisticBacklog(s);
      s.execute("SET enable_seqscan = off");
      s.execute("SET plan_cache_mode = force_generic_plan");
      s.execute("PREPARE claim AS " + numbered(JooqCompletionIntents.CLAIM));
      StringBuilder plan = new StringBuilder();
      try (ResultSet rs =
          s.executeQuery(
              "EXPLAIN EXECUTE claim("
                  + "ARRAY['1230000109', '1900000001'], ARRAY[10, 10], 5, 10, 'worker', 30000, 5)")) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      } finally {
        s.execute("DEALLOCATE claim");
      }

      // "Index Scan using": read in index order, stopping at the limit. A bitmap scan ("Bitmap
      // Index Scan on") would fetch every due row and sort them all, the whole backlog per claim.
      assertThat(plan.toString())
          .contains("Index Scan using completion_intent_pending_due_idx")
          .contains("Index Scan using completion_intent_lease_due_idx")
          .doesNotContain("Bitmap");
    }
  }

  /**
   * A table shaped like production (most intents settled, a few due or in flight), analyzed: the
   * plan must not depend on what earlier test classes left in the shared database.
   */
  private static void aRealisticBacklog(Statement s) throws SQLException {
    TestDatabase.truncateAll();
    s.execute(
        "INSERT INTO payscore.service_order (mchid, out_order_no, appid, service_id,"
            + " service_introduction, mode, lifecycle, risk_fund_name, risk_fund_amount,"
            + " time_range, post_payments, post_discounts, notify_url, version)"
            + " SELECT '1230000109', 'plan-' || g, 'wx', 's', 'x', 'CONFIRM',"
            + " 'DOING_USER_CONFIRM', 'DEPOSIT', 1, '{}', '[]', '[]', 'https://e.com/n', 1"
            + " FROM generate_series(1, 2000) g");
    s.execute(
        "INSERT INTO payscore.completion_intent (id, mchid, out_order_no, kind, body,"
            + " payload_sha256, status, attempts, next_attempt_at, lease_owner, lease_expires_at,"
            + " requested_by, created_at, updated_at, version)"
            + " SELECT gen_random_uuid(), '1230000109', 'plan-' || g, 'COMPLETE', '\\x7b7d',"
            + " repeat('0', 64), CASE g % 100 WHEN 0 THEN 'PENDING' WHEN 1 THEN 'IN_FLIGHT'"
            + " ELSE 'SUCCEEDED' END, 0, now(), CASE g % 100 WHEN 1 THEN 'w' END,"
            + " CASE g % 100 WHEN 1 THEN now() END, 'plan', now(), now(), 1"
            + " FROM generate_series(1, 2000) g");
    s.execute("ANALYZE payscore.service_order, payscore.completion_intent");
  }

  @AfterAll
  static void emptyTheBacklog() {
    TestDatabase.truncateAll();
  }

  /** JDBC's {@code ?} placeholders as PostgreSQL's {@code $1, $2, …}. */
  private static String numbered(String sql) {
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (char ch : sql.toCharArray()) {
      if (ch == '?') {
        out.append('$').append(++n);
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }
}
