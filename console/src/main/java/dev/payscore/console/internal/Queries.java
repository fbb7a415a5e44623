package dev.payscore.console.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The console's reads: plain SQL over the payscore schema, each in one read-only repeatable-read
 * transaction, every statement limited to the console's merchants. Ages and windows are measured
 * on the database's clock. It reads rows as stored (kind and status as text, the body only for its
 * amount), so a row the engine cannot read (quarantined) is shown, never a failure.
 */
public final class Queries {
  /** The most rows a page or a section shows. */
  public static final int MAX_ROWS = 500;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INTENT_COLUMNS =
      "i.id, i.mchid, i.out_order_no, i.kind, i.status, i.generation, i.attempts, i.body,"
          + " i.last_outcome, i.last_error, i.quarantine_reason, i.requested_by, i.created_at,"
          + " i.updated_at, i.next_attempt_at, now() - i.updated_at AS waited";

  private final DataSource dataSource;
  private final Set<String> merchants;

  /**
   * @param merchants the merchants this console shows; empty: every merchant
   */
  public Queries(DataSource dataSource, Set<String> merchants) {
    this.dataSource = dataSource;
    this.merchants = Set.copyOf(merchants);
  }

  /** An intent row as stored. {@code waited}: since its last change, by the database's clock. */
  public record IntentRow(
      UUID id,
      String mchid,
      String outOrderNo,
      String kind,
      String status,
      int generation,
      int attempts,
      @Nullable Long amount,
      @Nullable String lastOutcome,
      @Nullable String lastError,
      @Nullable String quarantineReason,
      String requestedBy,
      Instant createdAt,
      Instant updatedAt,
      Instant nextAttemptAt,
      Duration waited) {

    /** Why a person should look: the quarantine reason, else the last outcome and error. */
    public String reason() {
      if (quarantineReason != null) {
        return quarantineReason;
      }
      String outcome = lastOutcome == null ? "" : lastOutcome;
      return lastError == null ? outcome : (outcome + " " + lastError).strip();
    }

    /** The reason's class for the summary: "QUARANTINED" or the last outcome. */
    public String reasonClass() {
      return quarantineReason != null ? "QUARANTINED" : lastOutcome == null ? "" : lastOutcome;
    }
  }

  /** An order as the timeline's header shows it. */
  public record OrderRow(
      String mchid,
      String outOrderNo,
      String lifecycle,
      @Nullable Long totalAmount,
      @Nullable String openid,
      @Nullable String orderId,
      Instant createdAt,
      Instant updatedAt) {}

  /** Counts by status, the oldest pending intent, completions per minute (oldest minute first). */
  public record Overview(
      Map<String, Long> byStatus,
      long quarantined,
      @Nullable Duration oldestPending,
      Instant now,
      int[] perMinute) {}

  /** What the intents page filters on; null is "any". Times bound {@code created_at}: [from, to). */
  public record IntentFilter(
      @Nullable String mchid,
      @Nullable String status,
      @Nullable String kind,
      @Nullable Instant from,
      @Nullable Instant to) {}

  /** The keyset position after the last row of a page: (created_at, id), newest first. */
  public record Cursor(Instant createdAt, UUID id) {
    /** "micros_uuid": opaque for URLs. */
    public String encode() {
      long micros = createdAt.getEpochSecond() * 1_000_000 + createdAt.getNano() / 1_000;
      return micros + "_" + id;
    }

    /**
     * @throws IllegalArgumentException if {@code text} is not an encoded cursor
     */
    public static Cursor decode(String text) {
      int sep = text.indexOf('_');
      try {
        long micros = Long.parseLong(text.substring(0, sep));
        return new Cursor(
            Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L),
            UUID.fromString(text.substring(sep + 1)));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("not a cursor", e);
      }
    }
  }

  /** One page of intents and the cursor of the next, null on the last. */
  public record IntentPage(List<IntentRow> rows, @Nullable Cursor next) {}

  /** The merchants to offer in filters: the scope, or those with orders (at most 200). */
  public SortedSet<String> merchants() {
    if (!merchants.isEmpty()) {
      return new TreeSet<>(merchants);
    }
    return read(
        c -> {
          SortedSet<String> found = new TreeSet<>();
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT DISTINCT mchid FROM payscore.service_order ORDER BY mchid LIMIT 200");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              found.add(r.getString(1));
            }
          }
          return found;
        });
  }

  /** Whether the console shows {@code mchid}. */
  public boolean inScope(String mchid) {
    return merchants.isEmpty() || merchants.contains(mchid);
  }

  /** NEEDS_ATTENTION intents (quarantined ones with their reason), longest waiting first. */
  public List<IntentRow> needingAttention(
      @Nullable String mchid, @Nullable String kind, boolean quarantinedOnly) {
    Where where = scoped("i.status = 'NEEDS_ATTENTION'").eq("i.mchid", mchid).eq("i.kind", kind);
    if (quarantinedOnly) {
      where.and("i.quarantine_reason IS NOT NULL");
    }
    return intents(where, "i.updated_at, i.id", MAX_ROWS);
  }

  /** FAILED intents changed in the last seven days (database time), newest first. */
  public List<IntentRow> recentlyFailed(@Nullable String mchid, @Nullable String kind) {
    Where where =
        scoped("i.status = 'FAILED' AND i.updated_at > now() - interval '7 days'")
            .eq("i.mchid", mchid)
            .eq("i.kind", kind);
    return intents(where, "i.updated_at DESC, i.id DESC", MAX_ROWS);
  }

  /** A page of intents matching {@code filter}, newest first, after {@code after}. */
  public IntentPage intents(IntentFilter filter, @Nullable Cursor after, int limit) {
    Where where =
        scoped("TRUE")
            .eq("i.mchid", filter.mchid())
            .eq("i.status", filter.status())
            .eq("i.kind", filter.kind());
    if (filter.from() != null) {
      where.and("i.created_at >= ?", OffsetDateTime.ofInstant(filter.from(), Format.SHANGHAI));
    }
    if (filter.to() != null) {
      where.and("i.created_at < ?", OffsetDateTime.ofInstant(filter.to(), Format.SHANGHAI));
    }
    if (after != null) {
      where.and(
          "(i.created_at, i.id) < (?, ?)",
          OffsetDateTime.ofInstant(after.createdAt(), Format.SHANGHAI),
          after.id());
    }
    List<IntentRow> rows = intents(where, "i.created_at DESC, i.id DESC", limit + 1);
    if (rows.size() <= limit) {
      return new IntentPage(rows, null);
    }
    IntentRow last = rows.get(limit - 1);
    return new IntentPage(rows.subList(0, limit), new Cursor(last.createdAt(), last.id()));
  }

  /** Every intent (all kinds and generations) of one order, oldest first. */
  public List<IntentRow> intentsOf(String mchid, String outOrderNo) {
    return intents(
        scoped("TRUE").eq("i.mchid", mchid).eq("i.out_order_no", outOrderNo),
        "i.created_at, i.id",
        MAX_ROWS);
  }

  /** The orders numbered {@code outOrderNo} among the console's merchants (one per merchant). */
  public List<OrderRow> orders(String outOrderNo) {
    Where where = scopedOn("o.mchid", "o.out_order_no = ?", outOrderNo);
    return read(
        c -> {
          List<OrderRow> found = new ArrayList<>();
          try (PreparedStatement s =
              where.prepare(
                  c,
                  "SELECT o.mchid, o.out_order_no, o.lifecycle, o.total_amount, o.openid,"
                      + " o.order_id, o.created_at, o.updated_at FROM payscore.service_order o"
                      + " WHERE ",
                  " ORDER BY o.mchid LIMIT 50")) {
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                found.add(
                    new OrderRow(
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        r.getObject(4, Long.class),
                        r.getString(5),
                        r.getString(6),
                        instant(r, 7),
                        instant(r, 8)));
              }
            }
          }
          return found;
        });
  }

  /** The overview, with completions per minute over the last {@code hours}. */
  public Overview overview(int hours) {
    return read(
        c -> {
          Map<String, Long> byStatus = new LinkedHashMap<>();
          long quarantined = 0;
          Where all = scoped("TRUE");
          try (PreparedStatement s =
              all.prepare(
                  c,
                  "SELECT i.status, count(*), count(i.quarantine_reason)"
                      + " FROM payscore.completion_intent i WHERE ",
                  " GROUP BY i.status ORDER BY i.status")) {
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                byStatus.put(r.getString(1), r.getLong(2));
                quarantined += r.getLong(3);
              }
            }
          }
          Duration oldest = null;
          Instant now;
          try (PreparedStatement s =
              all.prepare(
                  c,
                  "SELECT now(), now() - min(i.created_at) FROM payscore.completion_intent i"
                      + " WHERE i.status = 'PENDING' AND ",
                  "")) {
            try (ResultSet r = s.executeQuery()) {
              r.next();
              now = instant(r, 1);
              oldest = interval(r, 2);
            }
          }
          int minutes = hours * 60;
          int[] perMinute = new int[minutes];
          Where window =
              scopedOn(
                  "e.mchid",
                  "e.event_type = 'COMPLETION_SUCCEEDED'"
                      + " AND e.occurred_at > now() - make_interval(mins => ?)",
                  minutes);
          try (PreparedStatement s =
              window.prepare(
                  c,
                  "SELECT floor(extract(epoch FROM now() - e.occurred_at) / 60)::int, count(*)"
                      + " FROM payscore.audit_event e WHERE ",
                  " GROUP BY 1")) {
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                int ago = r.getInt(1);
                if (ago >= 0 && ago < minutes) {
                  perMinute[minutes - 1 - ago] = r.getInt(2);
                }
              }
            }
          }
          return new Overview(byStatus, quarantined, oldest, now, perMinute);
        });
  }

  private List<IntentRow> intents(Where where, String order, int limit) {
    return read(
        c -> {
          List<IntentRow> rows = new ArrayList<>();
          try (PreparedStatement s =
              where.prepare(
                  c,
                  "SELECT " + INTENT_COLUMNS + " FROM payscore.completion_intent i WHERE ",
                  " ORDER BY " + order + " LIMIT " + limit)) {
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                rows.add(intent(r));
              }
            }
          }
          return rows;
        });
  }

  private static IntentRow intent(ResultSet r) throws SQLException {
    Duration waited = interval(r, 16);
    return new IntentRow(
        r.getObject(1, UUID.class),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        r.getInt(6),
        r.getInt(7),
        amount(r.getBytes(8)),
        r.getString(9),
        r.getString(10),
        r.getString(11),
        r.getString(12),
        instant(r, 13),
        instant(r, 14),
        instant(r, 15),
        waited == null ? Duration.ZERO : waited);
  }

  /** {@code total_amount} of a complete or modify body; null if absent or unreadable. */
  private static @Nullable Long amount(byte @Nullable [] body) {
    if (body == null) {
      return null;
    }
    try {
      JsonNode total = JSON.readTree(body).get("total_amount");
      return total != null && total.canConvertToLong() && total.isIntegralNumber()
          ? total.longValue()
          : null;
    } catch (IOException | RuntimeException e) {
      return null; // a broken body is the quarantine reason's business, not the listing's
    }
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    return r.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static @Nullable Duration interval(ResultSet r, int column) throws SQLException {
    // read as seconds: the JDBC driver's PGInterval has no Duration mapping
    Object value = r.getObject(column);
    if (value == null) {
      return null;
    }
    org.postgresql.util.PGInterval interval = (org.postgresql.util.PGInterval) value;
    double seconds =
        ((interval.getDays() + interval.getMonths() * 30.0 + interval.getYears() * 365.0) * 24
                    + interval.getHours())
                * 3600
            + interval.getMinutes() * 60
            + interval.getSeconds();
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  private Where scoped(String condition) {
    return scopedOn("i.mchid", condition);
  }

  private Where scopedOn(String column, String condition, Object... params) {
    Where where = new Where().and(condition, params);
    if (!merchants.isEmpty()) {
      where.and(column + " = ANY (?)", (Object) merchants.toArray(String[]::new));
    }
    return where;
  }

  private <T> T read(SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("console query failed: " + e.getMessage(), e);
    }
  }

  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  /** A WHERE clause of ANDed conditions and their parameters. */
  private static final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    Where and(String condition, Object... values) {
      conditions.add(condition);
      params.addAll(List.of(values));
      return this;
    }

    Where eq(String column, @Nullable String value) {
      return value == null ? this : and(column + " = ?", value);
    }

    PreparedStatement prepare(Connection c, String head, String tail) throws SQLException {
      PreparedStatement s = c.prepareStatement(head + String.join(" AND ", conditions) + tail);
      try {
        for (int i = 0; i < params.size(); i++) {
          Object p = params.get(i);
          if (p instanceof String[] array) {
            s.setArray(i + 1, c.createArrayOf("varchar", array));
          } else {
            s.setObject(i + 1, p);
          }
        }
        return s;
      } catch (SQLException | RuntimeException e) {
        s.close();
        throw e;
      }
    }
  }
}
