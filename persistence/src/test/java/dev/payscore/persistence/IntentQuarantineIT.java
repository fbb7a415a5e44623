package dev.payscore.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.AuditEvent;
import dev.payscore.AuditEventType;
import dev.payscore.CompletionIntent;
import dev.payscore.IntentId;
import dev.payscore.IntentRef;
import dev.payscore.IntentStatus;
import dev.payscore.QuarantinedIntent;
import dev.payscore.StorageException;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.testing.contract.StorageContract;
import dev.payscore.testing.database.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An intent row changed behind the store's back (by hand, by an older or newer version) on real
 * PostgreSQL: the claim that meets it sets it aside with the reason and an audit event, claims
 * every other due row as usual, and listings show it instead of failing.
 */
@ExtendWith(TestDatabase.class)
class IntentQuarantineIT extends StorageContract {
  private static final Duration LEASE = Duration.ofSeconds(30);

  @Override
  protected Transactions newStorage() {
    TestDatabase.truncateAll();
    return new JooqTransactions(TestDatabase.dataSource());
  }

  /** Ways a row goes bad; each is one SQL statement on the row. */
  enum Corruption {
    /** The bytes no longer match their digest (a hand-fixed body). */
    BYTES(
        "UPDATE payscore.completion_intent SET body = convert_to('{\"appid\":\"x\"}', 'UTF8')"
            + " WHERE id = ?",
        "does not match its SHA-256"),
    /** The digest no longer matches the bytes. */
    DIGEST(
        "UPDATE payscore.completion_intent SET payload_sha256 = repeat('0', 64) WHERE id = ?",
        "does not match its SHA-256"),
    /** A kind this version does not know (written by a newer one). */
    KIND(
        "ALTER TABLE payscore.completion_intent DROP CONSTRAINT IF EXISTS completion_intent_kind_ck;"
            + " UPDATE payscore.completion_intent SET kind = 'REFUND' WHERE id = ?",
        "unknown kind REFUND"),
    /** Bytes that match their digest but are not a complete request. */
    PAYLOAD(
        "UPDATE payscore.completion_intent SET body = convert_to('not json', 'UTF8'),"
            + " payload_sha256 = encode(sha256(convert_to('not json', 'UTF8')), 'hex') WHERE id = ?",
        "the body is not a COMPLETE request");

    final String sql;
    final String reason;

    Corruption(String sql, String reason) {
      this.sql = sql;
      this.reason = reason;
    }
  }

  @ParameterizedTest
  @EnumSource(Corruption.class)
  void aCorruptedRowIsQuarantinedAndEveryOtherDueRowIsClaimed(Corruption corruption)
      throws SQLException {
    CompletionIntent first = recordedIntent(MCHID, T0);
    CompletionIntent bad = recordedIntent(MCHID, T0.minusSeconds(1)); // the oldest: in every batch
    CompletionIntent last = recordedIntent(OTHER_MCHID, T0);
    corrupt(corruption, bad.id());

    List<CompletionIntent> claimed = claim("worker-a", LEASE, 10);

    assertThat(claimed)
        .extracting(CompletionIntent::id)
        .containsExactlyInAnyOrder(first.id(), last.id());
    assertThat(claim("worker-b", LEASE, 10)).isEmpty();
    assertThat(column(bad.id(), "status")).isEqualTo(IntentStatus.NEEDS_ATTENTION.name());
    assertThat(column(bad.id(), "quarantine_reason")).contains(corruption.reason);
    assertThat(column(bad.id(), "lease_owner")).isNull();
    List<AuditEvent> history = history(MCHID, bad.outOrderNo());
    assertThat(history).last().satisfies(
        event -> {
          assertThat(event.entry().type()).isEqualTo(AuditEventType.INTENT_QUARANTINED);
          assertThat(event.entry().intentId()).isEqualTo(bad.id());
          assertThat(event.entry().actor()).isEqualTo("worker-a");
          assertThat(event.entry().detail()).contains(corruption.reason);
        });
    List<QuarantinedIntent> unreadable = tx(r -> r.intents().quarantined(MCHID, 10));
    assertThat(unreadable)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.ref().id()).isEqualTo(bad.id());
              assertThat(q.outOrderNo()).isEqualTo(bad.outOrderNo());
              assertThat(q.ref().status()).isEqualTo("NEEDS_ATTENTION");
              assertThat(q.ref().quarantined()).isTrue();
              assertThat(q.reason()).contains(corruption.reason);
            });
    assertThat(listIntents(MCHID, null, 10)).extracting(CompletionIntent::id).containsExactly(first.id());
    Optional<IntentRef> open = tx(r -> r.intents().open(MCHID, bad.outOrderNo()));
    assertThat(open)
        .hasValueSatisfying(ref -> assertThat(ref.quarantineReason()).contains(corruption.reason));
    assertThatThrownBy(() -> findIntent(bad.id()))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(corruption.reason);
  }

  @ParameterizedTest
  @EnumSource(
      value = Corruption.class,
      names = {"BYTES", "DIGEST", "KIND"})
  void aBrokenRowNoClaimHasMetIsListedWithItsReason(Corruption corruption) throws SQLException {
    CompletionIntent fine = recordedIntent(MCHID, T0);
    CompletionIntent broken = recordedIntent(MCHID, T0.plusSeconds(60)); // not due yet
    corrupt(corruption, broken.id());

    List<QuarantinedIntent> unreadable = tx(r -> r.intents().quarantined(MCHID, 10));

    assertThat(unreadable)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.ref().id()).isEqualTo(broken.id());
              assertThat(q.ref().quarantined()).isFalse();
              assertThat(q.reason()).contains(corruption.reason);
            });
    assertThat(listIntents(MCHID, null, 10)).extracting(CompletionIntent::id).containsExactly(fine.id());
    assertThat(countByStatus(MCHID)).containsKey(IntentStatus.PENDING);
  }

  /** The KIND corruption drops the kind check: empty the tables and put it back for the others. */
  @AfterEach
  void restoreTheKindCheck() throws SQLException {
    TestDatabase.truncateAll();
    try (Connection c = TestDatabase.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "ALTER TABLE payscore.completion_intent DROP CONSTRAINT IF EXISTS"
                    + " completion_intent_kind_ck, ADD CONSTRAINT completion_intent_kind_ck"
                    + " CHECK (kind IN ('COMPLETE', 'CANCEL', 'MODIFY'))")) {
      s.executeUpdate();
    }
  }

  private static void corrupt(Corruption corruption, IntentId id) throws SQLException {
    try (Connection c = TestDatabase.dataSource().getConnection()) {
      String[] statements = corruption.sql.split(";");
      for (String sql : statements) {
        try (PreparedStatement s = c.prepareStatement(sql.strip())) {
          if (sql.contains("?")) {
            s.setObject(1, id.value());
          }
          s.executeUpdate();
        }
      }
    }
  }

  private static String column(IntentId id, String column) throws SQLException {
    try (Connection c = TestDatabase.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT " + column + " FROM payscore.completion_intent WHERE id = ?")) {
      s.setObject(1, id.value());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

}
