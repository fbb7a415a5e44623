package dev.payscore.persistence.internal;

import static dev.payscore.persistence.internal.db.payscore.Tables.SERVICE_ORDER;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.payscore.domain.model.AppId;
import dev.payscore.domain.model.Collection;
import dev.payscore.domain.model.ConfirmationMode;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.Location;
import dev.payscore.domain.model.MerchantId;
import dev.payscore.domain.model.OutOrderNo;
import dev.payscore.domain.model.PostDiscount;
import dev.payscore.domain.model.PostPayment;
import dev.payscore.domain.model.RiskFund;
import dev.payscore.domain.model.RiskFundName;
import dev.payscore.domain.model.ServiceId;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.model.TimeRange;
import dev.payscore.domain.port.out.ServiceOrders;
import dev.payscore.domain.port.out.StaleWriteException;
import dev.payscore.domain.port.out.StorageLimits;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@link ServiceOrders} on {@code payscore.service_order}. */
public final class JooqServiceOrders implements ServiceOrders {
  private static final TypeReference<List<PostPayment>> PAYMENTS = new TypeReference<>() {};
  private static final TypeReference<List<PostDiscount>> DISCOUNTS = new TypeReference<>() {};

  private static final String FIND =
      "SELECT * FROM payscore.service_order WHERE mchid = ? AND out_order_no = ?";

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
  public List<ServiceOrder> claimUnchangedSince(
      Set<LifecycleState> states, Instant before, Instant now, int limit) {
    Objects.requireNonNull(states, "states == null");
    Objects.requireNonNull(before, "before == null");
    Objects.requireNonNull(now, "now == null");
    if (limit < 1) {
      throw new IllegalArgumentException("limit < 1: " + limit);
    }
    if (states.isEmpty()) {
      return List.of();
    }
    List<String> names = states.stream().map(Enum::name).sorted().toList();
    var due =
        dsl.select(SERVICE_ORDER.MCHID, SERVICE_ORDER.OUT_ORDER_NO)
            .from(SERVICE_ORDER)
            .where(SERVICE_ORDER.LIFECYCLE.in(names))
            .and(SERVICE_ORDER.UPDATED_AT.lt(before.atOffset(ZoneOffset.UTC)))
            .and(
                SERVICE_ORDER
                    .CHECKED_AT
                    .isNull()
                    .or(SERVICE_ORDER.CHECKED_AT.lt(before.atOffset(ZoneOffset.UTC))))
            .orderBy(SERVICE_ORDER.CHECKED_AT.asc().nullsFirst(), SERVICE_ORDER.UPDATED_AT)
            .limit(limit)
            .forUpdate()
            .skipLocked();
    return Sql.run(
        "claiming orders unchanged since " + before,
        () ->
            Jdbc.fetch(
            dsl.update(SERVICE_ORDER)
                .set(SERVICE_ORDER.CHECKED_AT, now.atOffset(ZoneOffset.UTC))
                .where(DSL.row(SERVICE_ORDER.MCHID, SERVICE_ORDER.OUT_ORDER_NO).in(due))
                .returning(),
            JooqServiceOrders::read));
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
