package dev.payscore.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.CompleteOrder;
import dev.payscore.CompletionIntent;
import dev.payscore.Device;
import dev.payscore.IntentId;
import dev.payscore.IntentStatus;
import dev.payscore.Location;
import dev.payscore.MerchantId;
import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import dev.payscore.QuarantinedIntent;
import dev.payscore.StorageException;
import dev.payscore.TimeRange;
import dev.payscore.domain.completion.CompletionPayload;
import dev.payscore.domain.intent.CancelPayload;
import dev.payscore.domain.intent.IntentPayload;
import dev.payscore.domain.intent.ModifyPayload;
import dev.payscore.domain.port.out.CancelOrder;
import dev.payscore.domain.port.out.ModifyOrder;
import dev.payscore.migrations.PayscoreMigrations;
import dev.payscore.testing.database.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * V3 on a database holding V2 rows (jsonb payloads in the canonical form and their digests): each
 * row gets the exact bytes that were sent, byte for byte what {@code CanonicalJson} wrote, so its
 * digest still matches; a row whose payload had been changed by hand is unreadable and listed; of
 * two open intents of one order the newer is closed.
 */
@ExtendWith(TestDatabase.class)
class IntentBytesMigrationIT {
  private static final String DATABASE =
      "payscore_v3_" + UUID.randomUUID().toString().substring(0, 8);
  private static final String MCHID = "1230000109";
  private static final String APPID = "wxd678efh567hg6787";
  private static final String SERVICE_ID = "500001";
  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  /** Everything CanonicalJson escapes, and what it leaves as is (non-ASCII, '/'). */
  private static final String AWKWARD =
      "引号\"反斜杠\\换行\n制表\t回车\r控制\u0001\u001f退格\b换页\f表情😀/斜杠";

  private static PGSimpleDataSource database;

  @BeforeAll
  static void createDatabaseAtV2(DataSource server) throws SQLException {
    execute(server, "CREATE DATABASE " + DATABASE);
    database = new PGSimpleDataSource();
    database.setUrl(TestDatabase.jdbcUrl());
    database.setDatabaseName(DATABASE);
    Flyway.configure(PayscoreMigrations.class.getClassLoader())
        .dataSource(database)
        .locations(PayscoreMigrations.LOCATION)
        .schemas(PayscoreMigrations.SCHEMA)
        .createSchemas(true)
        .table(PayscoreMigrations.HISTORY_TABLE)
        .target("2")
        .load()
        .migrate();
  }

  @AfterAll
  static void dropIt(DataSource server) throws SQLException {
    execute(server, "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
  }

  @Test
  void everyV2RowGetsTheBytesItSentAndOnlyTamperedOnesAreUnreadable() throws SQLException {
    CompletionPayload full =
        CompletionPayload.of(
            new CompleteOrder(
                APPID,
                SERVICE_ID,
                List.of(
                    new PostPayment(AWKWARD, 300L, "3小时", 1),
                    new PostPayment("押金", null, null, null)),
                List.of(new PostDiscount("新用户", AWKWARD, 100L, 2)),
                200L,
                new TimeRange("20261126100000", "借出", "20261126130000", AWKWARD),
                new Location("上海站", "北京站"),
                false,
                "tag-1",
                new Device("dev-1", null, "m-1")));
    CompletionPayload bare =
        CompletionPayload.of(
            new CompleteOrder(
                APPID,
                SERVICE_ID,
                List.of(new PostPayment("租借费", 0L, null, null)),
                List.of(),
                0L,
                new TimeRange(null, null, null, null),
                null,
                null,
                null,
                null));
    CancelPayload cancel = CancelPayload.of(new CancelOrder(APPID, SERVICE_ID, AWKWARD));
    ModifyPayload modify =
        ModifyPayload.of(
            new ModifyOrder(
                APPID,
                SERVICE_ID,
                List.of(new PostPayment("租借费", 150L, "改价", 1)),
                List.of(),
                150L,
                "用户投诉",
                new Device(null, "dev-2", null)));
    UUID fullId = v2Intent("o-full", "COMPLETE", full, full.sha256(), "SUCCEEDED", 0);
    UUID bareId = v2Intent("o-bare", "COMPLETE", bare, bare.sha256(), "PENDING", 0);
    UUID cancelId = v2Intent("o-cancel", "CANCEL", cancel, cancel.sha256(), "FAILED", 0);
    UUID modifyId = v2Intent("o-modify", "MODIFY", modify, modify.sha256(), "PENDING", 0);
    CompletionPayload changed = CompletionPayload.of(withTotal(full.order(), 1L));
    UUID tamperedId = v2Intent("o-tampered", "COMPLETE", changed, full.sha256(), "PENDING", 0);
    UUID olderOpen = v2Intent("o-both", "COMPLETE", bare, bare.sha256(), "PENDING", 0);
    UUID newerOpen = v2Intent("o-both", "CANCEL", cancel, cancel.sha256(), "IN_FLIGHT", 1);

    PayscoreMigrations.migrate(database);

    for (Object[] row :
        new Object[][] {
          {fullId, full}, {bareId, bare}, {cancelId, cancel}, {modifyId, modify}, {olderOpen, bare}
        }) {
      UUID id = (UUID) row[0];
      IntentPayload sent = (IntentPayload) row[1];
      assertThat(body(id)).as("bytes of " + id).isEqualTo(sent.bytes());
      CompletionIntent read =
          new JooqTransactions(database)
              .inTransaction(r -> r.intents().find(new IntentId(id)))
              .orElseThrow();
      assertThat(read.body()).isEqualTo(sent.body());
      assertThat(read.payload()).isEqualTo(sent);
      assertThat(read.generation()).isEqualTo(1);
    }
    assertThatThrownBy(
            () ->
                new JooqTransactions(database)
                    .inTransaction(r -> r.intents().find(new IntentId(tamperedId))))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("does not match its SHA-256");
    List<QuarantinedIntent> unreadable =
        new JooqTransactions(database)
            .inTransaction(r -> r.intents().quarantined(MerchantId.of(MCHID), 10));
    assertThat(unreadable)
        .singleElement()
        .satisfies(q -> assertThat(q.ref().id().value()).isEqualTo(tamperedId));
    assertThat(text(olderOpen, "status")).isEqualTo("PENDING");
    assertThat(text(newerOpen, "status")).isEqualTo("FAILED");
    assertThat(text(newerOpen, "last_outcome")).isEqualTo("V3_ANOTHER_INTENT_OPEN");
    assertThat(text(newerOpen, "lease_owner")).isNull();
    List<CompletionIntent> claimed =
        new JooqTransactions(database)
            .inTransaction(
                r ->
                    r.intents()
                        .claimDue("w", Duration.ofSeconds(30), Map.of(MerchantId.of(MCHID), 10), 10));
    assertThat(claimed)
        .extracting(i -> i.id().value())
        .containsExactlyInAnyOrder(bareId, modifyId, olderOpen);
    assertThat(text(tamperedId, "status")).isEqualTo(IntentStatus.NEEDS_ATTENTION.name());
  }

  private static CompleteOrder withTotal(CompleteOrder o, long total) {
    return new CompleteOrder(
        o.appid(),
        o.serviceId(),
        o.postPayments(),
        o.postDiscounts(),
        total,
        o.timeRange(),
        o.location(),
        o.profitSharing(),
        o.goodsTag(),
        o.device());
  }

  /** An order (if new) and an intent as V2 stored them: the canonical JSON as jsonb. */
  private static UUID v2Intent(
      String outOrderNo, String kind, IntentPayload payload, String sha256, String status, int n)
      throws SQLException {
    UUID id = UUID.randomUUID();
    OffsetDateTime at = T0.plusSeconds(n).atOffset(ZoneOffset.UTC);
    boolean inFlight = status.equals("IN_FLIGHT");
    try (Connection c = database.getConnection()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO payscore.service_order (mchid, out_order_no, appid, service_id,"
                  + " service_introduction, mode, lifecycle, risk_fund_name, risk_fund_amount,"
                  + " time_range, post_payments, post_discounts, notify_url, version)"
                  + " VALUES (?, ?, ?, ?, '租借', 'CONFIRM', 'DOING_USER_CONFIRM', 'DEPOSIT', 9900,"
                  + " '{}', '[]', '[]', 'https://example.com/n', 1) ON CONFLICT DO NOTHING")) {
        s.setString(1, MCHID);
        s.setString(2, outOrderNo);
        s.setString(3, APPID);
        s.setString(4, SERVICE_ID);
        s.executeUpdate();
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO payscore.completion_intent (id, mchid, out_order_no, kind, payload,"
                  + " payload_sha256, status, attempts, next_attempt_at, lease_owner,"
                  + " lease_expires_at, requested_by, created_at, updated_at, version)"
                  + " VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, 0, ?, ?, ?, 'test', ?, ?, 1)")) {
        s.setObject(1, id);
        s.setString(2, MCHID);
        s.setString(3, outOrderNo);
        s.setString(4, kind);
        s.setString(5, payload.json());
        s.setString(6, sha256);
        s.setString(7, status);
        s.setObject(8, at);
        s.setString(9, inFlight ? "old-dispatcher" : null);
        s.setObject(10, inFlight ? at.plusSeconds(30) : null);
        s.setObject(11, at);
        s.setObject(12, at);
        s.executeUpdate();
      }
    }
    return id;
  }

  private static byte[] body(UUID id) throws SQLException {
    try (Connection c = database.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT body FROM payscore.completion_intent WHERE id = ?")) {
      s.setObject(1, id);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBytes(1);
      }
    }
  }

  private static String text(UUID id, String column) throws SQLException {
    try (Connection c = database.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT " + column + " FROM payscore.completion_intent WHERE id = ?")) {
      s.setObject(1, id);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
