package dev.payscore.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.domain.model.LifecycleState;
import dev.payscore.testing.database.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A sweep reads each state's orders from the sweep indexes in index order and stops at its quota,
 * even under the generic plan a server-side prepared statement ends up with: its cost does not grow
 * with a backlog of abandoned orders, and it never sorts them. Sequential scans are switched off:
 * on a table this small the planner would rightly prefer one.
 */
@ExtendWith(TestDatabase.class)
class SweepPlanIT {

  static List<Arguments> claims() {
    List<Arguments> claims = new java.util.ArrayList<>();
    for (LifecycleState state :
        List.of(
            LifecycleState.CREATED,
            LifecycleState.DOING_USER_CONFIRM,
            LifecycleState.DOING_MCH_COMPLETE)) {
      for (boolean scoped : new boolean[] {false, true}) {
        claims.add(Arguments.of(state, false, scoped, "service_order_sweep_first_idx"));
        claims.add(Arguments.of(state, true, scoped, "service_order_sweep_again_idx"));
      }
    }
    return claims;
  }

  @ParameterizedTest(name = "{0} again={1} scoped={2}")
  @MethodSource("claims")
  void eachSweepClaimReadsItsIndexInOrderUnderAGenericPlan(
      LifecycleState state, boolean again, boolean scoped, String index, DataSource dataSource)
      throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SET enable_seqscan = off");
      s.execute("SET plan_cache_mode = force_generic_plan");
      s.execute("PREPARE claim AS " + numbered(JooqServiceOrders.claimSql(state, again, scoped)));
      String arguments =
          "3600000"
              + (again ? "" : ", 3600000")
              + (scoped ? ", ARRAY['1900000001']::varchar[]" : "")
              + ", 10";
      try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE claim(" + arguments + ")")) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      } finally {
        s.execute("DEALLOCATE claim");
      }
    }

    // "Index Scan using": read in index order, stopping at the limit; a bitmap scan or a sort
    // would read every due order and sort them all, the whole backlog per sweep.
    assertThat(plan.toString())
        .as(plan.toString())
        .contains("Index Scan using " + index)
        .doesNotContain("Bitmap")
        .doesNotContain("Sort");
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
