package dev.payscore.persistence.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.payscore.AppId;
import dev.payscore.Location;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.ServiceId;
import dev.payscore.TimeRange;
import dev.payscore.domain.model.Collection;
import dev.payscore.domain.model.ConfirmationMode;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.OrderKey;
import dev.payscore.domain.port.out.ServiceOrders;
import dev.payscore.domain.port.out.StaleWriteException;
import dev.payscore.domain.port.out.StorageLimits;
import dev.payscore.domain.port.out.SweepCandidate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/** {@link ServiceOrders} on {@code payscore.service_order}. */
public final class JooqServiceOrders implements ServiceOrders {
  private static final TypeReference<List<PostPayment>> PAYMENTS = new TypeReference<>() {};
  private static final TypeReference<List<PostDiscount>> DISCOUNTS = new TypeReference<>() {};

  private static final String FIND =
      "SELECT * FROM payscore.service_order WHERE mchid = ? AND out_order_no = ?";
  private static final String LOCK = FIND + " FOR UPDATE";

  /** The order's columns in the order {@link #columns} binds them, then version, mchid, number. */
  private static final String INSERT =
      """
      INSERT INTO payscore.service_order (appid, service_id, service_introduction, mode, lifecycle,
        risk_fund_name, risk_fund_amount, risk_fund_description, time_range, post_payments,
        post_discounts, location, attach, notify_url, openid, order_id, total_amount,
        need_collection, collection, confirmed_at, version, mchid, out_order_no)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?,
        ?::jsonb, ?, ?, ?, ?)""";

  /**
   * Every column of the domain, versioned: the write fails if someone wrote first. A change starts
   * the order's sweep schedule over (never looked at since this change).
   */
  private static final String UPDATE =
      """
      UPDATE payscore.service_order SET
        appid = ?, service_id = ?, service_introduction = ?, mode = ?, lifecycle = ?,
        risk_fund_name = ?, risk_fund_amount = ?, risk_fund_description = ?,
        time_range = ?::jsonb, post_payments = ?::jsonb, post_discounts = ?::jsonb,
        location = ?::jsonb, attach = ?, notify_url = ?, openid = ?, order_id = ?,
        total_amount = ?, need_collection = ?, collection = ?::jsonb, confirmed_at = ?,
        version = ?, updated_at = now(),
        next_check_at = NULL, sweep_checks = 0, sweep_finding = NULL
      WHERE mchid = ? AND out_order_no = ? AND version = ?""";

  /** Reads and locks several orders in key order: overlapping lockers queue, never deadlock. */
  private static final String LOCK_ALL =
      """
      SELECT o.* FROM payscore.service_order o
      JOIN unnest(?::text[], ?::text[]) AS k(mchid, out_order_no)
        ON o.mchid = k.mchid AND o.out_order_no = k.out_order_no
      ORDER BY o.mchid, o.out_order_no
      FOR UPDATE OF o""";

  /**
   * The columns of the domain in the order {@link #texts} gives them, with the cast from text each
   * needs ("" for none).
   */
  private static final List<Map.Entry<String, String>> DOMAIN_COLUMNS =
      List.of(
          Map.entry("appid", ""),
          Map.entry("service_id", ""),
          Map.entry("service_introduction", ""),
          Map.entry("mode", ""),
          Map.entry("lifecycle", ""),
          Map.entry("risk_fund_name", ""),
          Map.entry("risk_fund_amount", "::bigint"),
          Map.entry("risk_fund_description", ""),
          Map.entry("time_range", "::jsonb"),
          Map.entry("post_payments", "::jsonb"),
          Map.entry("post_discounts", "::jsonb"),
          Map.entry("location", "::jsonb"),
          Map.entry("attach", ""),
          Map.entry("notify_url", ""),
          Map.entry("openid", ""),
          Map.entry("order_id", ""),
          Map.entry("total_amount", "::bigint"),
          Map.entry("need_collection", "::boolean"),
          Map.entry("collection", "::jsonb"),
          Map.entry("confirmed_at", "::timestamptz"));

  /**
   * {@link #UPDATE} of many orders in one statement, from parallel text arrays (one per domain
   * column, then mchid, out_order_no) and the versions read; returns the keys it wrote.
   */
  private static final String UPDATE_ALL =
      "UPDATE payscore.service_order o SET "
          + DOMAIN_COLUMNS.stream()
              .map(c -> c.getKey() + " = u." + c.getKey() + c.getValue())
              .collect(Collectors.joining(", "))
          + ", version = o.version + 1, updated_at = now(),"
          + " next_check_at = NULL, sweep_checks = 0, sweep_finding = NULL"
          + " FROM unnest("
          + "?::text[], ".repeat(DOMAIN_COLUMNS.size() + 2)
          + "?::bigint[]) AS u("
          + DOMAIN_COLUMNS.stream().map(Map.Entry::getKey).collect(Collectors.joining(", "))
          + ", mchid, out_order_no, version)"
          + " WHERE o.mchid = u.mchid AND o.out_order_no = u.out_order_no AND o.version = u.version"
          + " RETURNING o.mchid, o.out_order_no";

  private final DSLContext dsl;

  public JooqServiceOrders(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl == null");
  }

  @Override
  public Optional<ServiceOrder> find(MerchantId mchid, OutOrderNo outOrderNo) {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    return Sql.run(
        "finding service order " + mchid + "/" + outOrderNo,
        () ->
            Jdbc.queryOne(
                dsl,
                FIND,
                p -> p.text(mchid.value()).text(outOrderNo.value()),
                JooqServiceOrders::read));
  }

  @Override
  public Optional<ServiceOrder> lock(MerchantId mchid, OutOrderNo outOrderNo) {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    return Sql.run(
        "locking service order " + mchid + "/" + outOrderNo,
        () ->
            Jdbc.queryOne(
                dsl,
                LOCK,
                p -> p.text(mchid.value()).text(outOrderNo.value()),
                JooqServiceOrders::read));
  }

  @Override
  public ServiceOrder insert(ServiceOrder order) {
    StorageLimits.check(order);
    Sql.run(
        "inserting service order " + order.mchid() + "/" + order.outOrderNo(),
        () ->
            Jdbc.update(
                dsl,
                INSERT,
                p ->
                    columns(p, order)
                        .number(1L)
                        .text(order.mchid().value())
                        .text(order.outOrderNo().value())));
    // the row holds exactly what the order says (no column of the domain is computed on insert)
    return order.withVersion(1L);
  }

  @Override
  public ServiceOrder update(ServiceOrder order) {
    StorageLimits.check(order);
    String what = "service order " + order.mchid() + "/" + order.outOrderNo();
    long next = order.version() + 1;
    int updated =
        Sql.run(
            "updating " + what,
            () ->
                Jdbc.update(
                    dsl,
                    UPDATE,
                    p ->
                        columns(p, order)
                            .number(next)
                            .text(order.mchid().value())
                            .text(order.outOrderNo().value())
                            .number(order.version())));
    if (updated == 0) {
      throw new StaleWriteException(what, order.version());
    }
    // every column of the domain was written from this order: no need to read it back
    return order.withVersion(next);
  }

  @Override
  public List<ServiceOrder> lockAll(java.util.Collection<OrderKey> keys) {
    Objects.requireNonNull(keys, "keys == null");
    if (keys.isEmpty()) {
      return List.of();
    }
    String[] mchids = keys.stream().map(k -> k.mchid().value()).toArray(String[]::new);
    String[] numbers = keys.stream().map(k -> k.outOrderNo().value()).toArray(String[]::new);
    return Sql.run(
        "locking " + keys.size() + " service orders",
        () ->
            Jdbc.query(
                dsl, LOCK_ALL, p -> p.texts(mchids).texts(numbers), JooqServiceOrders::read));
  }

  @Override
  public List<ServiceOrder> updateAll(List<ServiceOrder> orders) {
    Objects.requireNonNull(orders, "orders == null");
    if (orders.size() <= 1) {
      return ServiceOrders.super.updateAll(orders);
    }
    orders.forEach(StorageLimits::check);
    if (orders.stream().map(o -> new OrderKey(o.mchid(), o.outOrderNo())).distinct().count()
        < orders.size()) {
      throw new IllegalArgumentException("an order is updated twice in one call");
    }
    int n = orders.size();
    String[][] columns = new String[DOMAIN_COLUMNS.size() + 2][n];
    Long[] versions = new Long[n];
    for (int k = 0; k < n; k++) {
      ServiceOrder order = orders.get(k);
      String[] values = texts(order);
      for (int c = 0; c < values.length; c++) {
        columns[c][k] = values[c];
      }
      columns[values.length][k] = order.mchid().value();
      columns[values.length + 1][k] = order.outOrderNo().value();
      versions[k] = order.version();
    }
    Set<OrderKey> written =
        new HashSet<>(
            Sql.run(
                "updating " + n + " service orders",
                () ->
                    Jdbc.query(
                        dsl,
                        UPDATE_ALL,
                        p -> {
                          for (String[] column : columns) {
                            p.texts(column);
                          }
                          p.numbers(versions);
                        },
                        rs ->
                            new OrderKey(
                                MerchantId.of(rs.getString("mchid")),
                                OutOrderNo.of(rs.getString("out_order_no"))))));
    List<ServiceOrder> updated = new ArrayList<>(n);
    for (ServiceOrder order : orders) {
      if (!written.contains(new OrderKey(order.mchid(), order.outOrderNo()))) {
        throw new StaleWriteException(
            "service order " + order.mchid() + "/" + order.outOrderNo(), order.version());
      }
      updated.add(order.withVersion(order.version() + 1));
    }
    return updated;
  }

  /** The domain columns of {@code order} as text, in {@link #DOMAIN_COLUMNS} order. */
  private static String[] texts(ServiceOrder order) {
    Long totalAmount = order.totalAmount();
    Boolean needCollection = order.needCollection();
    Instant confirmedAt = order.confirmedAt();
    return new String[] {
      order.appid().value(),
      order.serviceId().value(),
      order.serviceIntroduction(),
      order.mode().name(),
      order.lifecycle().name(),
      order.riskFund().name().name(),
      Long.toString(order.riskFund().amount()),
      order.riskFund().description(),
      JsonColumns.json(order.timeRange()),
      JsonColumns.json(order.postPayments()),
      JsonColumns.json(order.postDiscounts()),
      JsonColumns.jsonOrNull(order.location()),
      order.attach(),
      order.notifyUrl(),
      order.openid(),
      order.orderId(),
      totalAmount == null ? null : totalAmount.toString(),
      needCollection == null ? null : needCollection.toString(),
      JsonColumns.jsonOrNull(order.collection()),
      confirmedAt == null ? null : confirmedAt.toString()
    };
  }

  /**
   * Binds the order's columns but its key and version, in the order {@link #INSERT} and {@link
   * #UPDATE} name them.
   */
  private static Jdbc.Parameters columns(Jdbc.Parameters p, ServiceOrder order)
      throws SQLException {
    return p.text(order.appid().value())
        .text(order.serviceId().value())
        .text(order.serviceIntroduction())
        .text(order.mode().name())
        .text(order.lifecycle().name())
        .text(order.riskFund().name().name())
        .number(order.riskFund().amount())
        .text(order.riskFund().description())
        .text(JsonColumns.json(order.timeRange()))
        .text(JsonColumns.json(order.postPayments()))
        .text(JsonColumns.json(order.postDiscounts()))
        .text(JsonColumns.jsonOrNull(order.location()))
        .text(order.attach())
        .text(order.notifyUrl())
        .text(order.openid())
        .text(order.orderId())
        .number(order.totalAmount())
        .bool(order.needCollection())
        .text(JsonColumns.jsonOrNull(order.collection()))
        .time(order.confirmedAt());
  }

  @Override
  public List<SweepCandidate> claimForSweep(
      LifecycleState state, Set<MerchantId> merchants, Duration unchangedFor, int limit) {
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(merchants, "merchants == null");
    Objects.requireNonNull(unchangedFor, "unchangedFor == null");
    if (limit < 1) {
      throw new IllegalArgumentException("limit < 1: " + limit);
    }
    String[] mchids = merchants.stream().map(MerchantId::value).sorted().toArray(String[]::new);
    long millis = unchangedFor.toMillis();
    return Sql.run(
        "claiming " + state + " orders for a sweep",
        () -> {
          List<SweepCandidate> claimed =
              new ArrayList<>(claim(state, false, mchids, millis, limit));
          if (claimed.size() < limit) {
            claimed.addAll(claim(state, true, mchids, millis, limit - claimed.size()));
          }
          return claimed;
        });
  }

  private List<SweepCandidate> claim(
      LifecycleState state, boolean again, String[] mchids, long millis, int limit) {
    boolean scoped = mchids.length > 0;
    return Jdbc.query(
        dsl,
        claimSql(state, again, scoped),
        p -> {
          p.number(millis);
          if (!again) {
            p.number(millis);
          }
          if (scoped) {
            p.texts(mchids);
          }
          p.integer(limit);
        },
        rs ->
            new SweepCandidate(read(rs), rs.getInt("sweep_checks"), rs.getString("sweep_finding")));
  }

  /**
   * The claim of orders in {@code state}: never looked at since their last change ({@code again}
   * false, through {@code service_order_sweep_first_idx} in {@code updated_at} order) or due again
   * ({@code again} true, through {@code service_order_sweep_again_idx} in {@code next_check_at}
   * order). The state is written into the text, not bound, so that even a generic plan knows the
   * partial index applies. Parameters: the threshold in milliseconds (the claimed order's next
   * check), again unless {@code again} (how long unchanged), the merchants when {@code scoped}, the
   * limit.
   */
  static String claimSql(LifecycleState state, boolean again, boolean scoped) {
    String due =
        again
            ? "next_check_at IS NOT NULL AND next_check_at < now()"
            : "next_check_at IS NULL AND updated_at <= now() - ? * interval '1 millisecond'";
    return "UPDATE payscore.service_order o"
        + " SET checked_at = now(), next_check_at = now() + ? * interval '1 millisecond'"
        + " FROM (SELECT mchid, out_order_no FROM payscore.service_order"
        + " WHERE lifecycle = '" + state.name() + "' AND " + due
        + (scoped ? " AND mchid = ANY (?::varchar[])" : "")
        + " ORDER BY " + (again ? "next_check_at" : "updated_at")
        + " LIMIT ? FOR UPDATE SKIP LOCKED) due"
        + " WHERE o.mchid = due.mchid AND o.out_order_no = due.out_order_no"
        + " RETURNING o.*";
  }

  private static final String RECORD_SWEEP =
      """
      UPDATE payscore.service_order
      SET next_check_at = now() + ? * interval '1 millisecond', sweep_checks = ?, sweep_finding = ?
      WHERE mchid = ? AND out_order_no = ? AND version = ?""";

  @Override
  public boolean recordSweep(
      ServiceOrder order, Duration nextCheckIn, int checks, @Nullable String lastFinding) {
    Objects.requireNonNull(order, "order == null");
    Objects.requireNonNull(nextCheckIn, "nextCheckIn == null");
    if (checks < 0) {
      throw new IllegalArgumentException("checks < 0: " + checks);
    }
    String finding =
        lastFinding == null || lastFinding.length() <= StorageLimits.ERROR
            ? lastFinding
            : lastFinding.substring(0, StorageLimits.ERROR);
    int updated =
        Sql.run(
            "recording a sweep of " + order.mchid() + "/" + order.outOrderNo(),
            () ->
                Jdbc.update(
                    dsl,
                    RECORD_SWEEP,
                    p ->
                        p.number(nextCheckIn.toMillis())
                            .integer(checks)
                            .text(finding)
                            .text(order.mchid().value())
                            .text(order.outOrderNo().value())
                            .number(order.version())));
    return updated == 1;
  }

  /** The order of the current row (a row of {@code service_order}, all columns). */
  static ServiceOrder read(ResultSet rs) throws SQLException {
    return new ServiceOrder(
        MerchantId.of(rs.getString("mchid")),
        OutOrderNo.of(rs.getString("out_order_no")),
        AppId.of(rs.getString("appid")),
        ServiceId.of(rs.getString("service_id")),
        rs.getString("service_introduction"),
        ConfirmationMode.valueOf(rs.getString("mode")),
        LifecycleState.valueOf(rs.getString("lifecycle")),
        new RiskFund(
            RiskFundName.valueOf(rs.getString("risk_fund_name")),
            rs.getLong("risk_fund_amount"),
            rs.getString("risk_fund_description")),
        JsonColumns.read(rs.getString("time_range"), TimeRange.class, "time_range"),
        JsonColumns.readList(rs.getString("post_payments"), PAYMENTS, "post_payments"),
        JsonColumns.readList(rs.getString("post_discounts"), DISCOUNTS, "post_discounts"),
        JsonColumns.readOrNull(rs.getString("location"), Location.class, "location"),
        rs.getString("attach"),
        rs.getString("notify_url"),
        rs.getString("openid"),
        rs.getString("order_id"),
        Jdbc.nullableLong(rs, "total_amount"),
        Jdbc.nullableBoolean(rs, "need_collection"),
        JsonColumns.readOrNull(rs.getString("collection"), Collection.class, "collection"),
        Jdbc.instant(rs, "confirmed_at"),
        rs.getLong("version"));
  }
}
