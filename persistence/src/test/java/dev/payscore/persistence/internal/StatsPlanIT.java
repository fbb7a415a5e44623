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
 * The stats count reads the open intents of the merchants from an index, never the table nor the
 * settled rows, under the generic plan a server-side prepared statement ends up with: a health
 * check or a metrics scrape costs the open rows, not the history. Sequential scans are switched
 * off: on a table this small the planner would rightly prefer one.
 */
@ExtendWith(TestDatabase.class)
class StatsPlanIT {

  @Test
  void theStatsCountReadsOnlyTheOpenRowsThroughAnIndexUnderAGenericPlan(DataSource dataSource)
      throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      TestDatabase.truncateAll();
      s.execute(
          "INSERT INTO payscore.service_order (mchid, out_order_no, appid, service_id,"
              + " service_introduction, mode, lifecycle, risk_fund_name, risk_fund_amount,"
              + " time_range, post_payments, post_discounts, notify_url, version)"
              + " SELECT '1230000109', 'stats-' || g, 'wx', 's', 'x', 'CONFIRM',"
              + " 'DOING_USER_CONFIRM', 'DEPOSIT', 1, '{}', '[]', '[]', 'https://e.com/n', 1"
              + " FROM generate_series(1, 2000) g");
      s.execute(
          "INSERT INTO payscore.completion_intent (id, mchid, out_order_no, kind, body,"
              + " payload_sha256, status, attempts, next_attempt_at, requested_by, created_at,"
              + " updated_at, version)"
              + " SELECT gen_random_uuid(), '1230000109', 'stats-' || g, 'COMPLETE', '\\x7b7d',"
              + " repeat('0', 64), CASE g % 100 WHEN 0 THEN 'PENDING' WHEN 1 THEN"
              + " 'NEEDS_ATTENTION' ELSE 'SUCCEEDED' END, 0, now(), 'plan', now(), now(), 1"
              + " FROM generate_series(1, 2000) g");
      s.execute("ANALYZE payscore.service_order, payscore.completion_intent");
      s.execute("SET enable_seqscan = off");
      s.execute("SET plan_cache_mode = force_generic_plan");
      s.execute("PREPARE stats AS " + JooqCompletionIntents.STATS.replace("?", "$1"));
      try (ResultSet rs =
          s.executeQuery("EXPLAIN EXECUTE stats(ARRAY['1230000109', '1900000001'])")) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      } finally {
        s.execute("DEALLOCATE stats");
      }
    }

    // Either index reaches the open rows only: the partial one of open intents (one per order), or
    // the ranges of the open statuses in (mchid, status, created_at). Never the table.
    assertThat(plan.toString())
        .as(plan.toString())
        .containsAnyOf("on completion_intent_open_uk", "on completion_intent_mchid_status_idx")
        .doesNotContain("Seq Scan");
  }

  @AfterAll
  static void emptyTheTable() {
    TestDatabase.truncateAll();
  }
}
