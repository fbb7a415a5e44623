package dev.payscore.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.CompletionIntent;
import dev.payscore.IntentId;
import dev.payscore.StorageException;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.testing.contract.StorageContract;
import dev.payscore.testing.database.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Claiming on two connections at once, with the first claimer's transaction deliberately held open:
 * the second skips the rows the first holds instead of waiting for them or taking them too. And
 * what is read back is checked, not trusted.
 */
@ExtendWith(TestDatabase.class)
class ClaimSkipLockedIT extends StorageContract {
  private static final Duration LEASE = Duration.ofSeconds(30);

  @Override
  protected Transactions newStorage() {
    TestDatabase.truncateAll();
    return new JooqTransactions(TestDatabase.dataSource());
  }

  @Test
  void aSecondClaimerSkipsTheRowsAnOpenClaimHolds() throws SQLException {
    Set<IntentId> all = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      all.add(recordedIntent(MCHID, T0.plusMillis(i)).id());
    }

    try (Connection first = TestDatabase.dataSource().getConnection();
        Connection second = TestDatabase.dataSource().getConnection()) {
      first.setAutoCommit(false);
      second.setAutoCommit(false);
      List<CompletionIntent> heldByFirst =
          JooqRepositories.of(first).intents().claimDue("worker-a", LEASE, Map.of(MCHID, 3), 3);
      List<CompletionIntent> takenBySecond =
          JooqRepositories.of(second).intents().claimDue("worker-b", LEASE, Map.of(MCHID, 10), 10);
      second.commit();
      first.commit();

      assertThat(heldByFirst).hasSize(3);
      assertThat(takenBySecond).hasSize(2);
      Set<IntentId> union = new HashSet<>();
      List<IntentId> both = new ArrayList<>();
      heldByFirst.forEach(i -> both.add(i.id()));
      takenBySecond.forEach(i -> both.add(i.id()));
      union.addAll(both);
      assertThat(both).doesNotHaveDuplicates();
      assertThat(union).isEqualTo(all);
    }
  }

  @Test
  void aBodyChangedBehindOurBackIsRefusedWhenRead() throws SQLException {
    CompletionIntent intent = recordedIntent(MCHID, T0);
    try (Connection c = TestDatabase.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "UPDATE payscore.completion_intent"
              + " SET body = convert_to(replace(convert_from(body, 'UTF8'), '300', '1'), 'UTF8')"
              + " WHERE id = '"
              + intent.id()
              + "'");
    }

    assertThatThrownBy(() -> findIntent(intent.id()))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("does not match its SHA-256");
  }
}
