package dev.payscore.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.testing.database.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
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
      s.execute("SET enable_seqscan = off");
      s.execute("SET plan_cache_mode = force_generic_plan");
      s.execute("PREPARE claim AS " + numbered(JooqCompletionIntents.CLAIM));
      StringBuilder plan = new StringBuilder();
      try (ResultSet rs =
          s.executeQuery(
              "EXPLAIN EXECUTE claim("
                  + "ARRAY['1230000109', '1900000001'], ARRAY[10, 10], 'worker', 30000, 10)")) {
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
