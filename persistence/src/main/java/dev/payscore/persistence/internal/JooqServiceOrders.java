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
import dev.payscore.persistence.internal.db.payscore.tables.records.ServiceOrderRecord;
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
            dsl.selectFrom(SERVICE_ORDER)
                .where(SERVICE_ORDER.MCHID.eq(mchid.value()))
                .and(SERVICE_ORDER.OUT_ORDER_NO.eq(outOrderNo.value()))
                .fetchOptional()
                .map(JooqServiceOrders::toOrder));
  }

  @Override
  public ServiceOrder insert(ServiceOrder order) {
    StorageLimits.check(order);
    ServiceOrderRecord row = toRecord(order);
    row.setVersion(1L);
    return Sql.run(
        "inserting service order " + order.mchid() + "/" + order.outOrderNo(),
        () -> toOrder(dsl.insertInto(SERVICE_ORDER).set(row).returning().fetchSingle()));
  }

  @Override
  public ServiceOrder update(ServiceOrder order) {
    StorageLimits.check(order);
    ServiceOrderRecord row = toRecord(order);
    row.setVersion(order.version() + 1);
    row.changed(SERVICE_ORDER.MCHID, false);
    row.changed(SERVICE_ORDER.OUT_ORDER_NO, false);
    String what = "service order " + order.mchid() + "/" + order.outOrderNo();
    Optional<ServiceOrderRecord> updated =
        Sql.run(
            "updating " + what,
            () ->
                dsl.update(SERVICE_ORDER)
                    .set(row)
                    .set(SERVICE_ORDER.UPDATED_AT, DSL.currentOffsetDateTime())
                    .where(SERVICE_ORDER.MCHID.eq(order.mchid().value()))
                    .and(SERVICE_ORDER.OUT_ORDER_NO.eq(order.outOrderNo().value()))
                    .and(SERVICE_ORDER.VERSION.eq(order.version()))
                    .returning()
                    .fetchOptional());
    return toOrder(updated.orElseThrow(() -> new StaleWriteException(what, order.version())));
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
            dsl.update(SERVICE_ORDER)
                .set(SERVICE_ORDER.CHECKED_AT, now.atOffset(ZoneOffset.UTC))
                .where(DSL.row(SERVICE_ORDER.MCHID, SERVICE_ORDER.OUT_ORDER_NO).in(due))
                .returning()
                .fetch()
                .map(JooqServiceOrders::toOrder));
  }

  private static ServiceOrderRecord toRecord(ServiceOrder o) {
    ServiceOrderRecord r = new ServiceOrderRecord();
    r.setMchid(o.mchid().value());
    r.setOutOrderNo(o.outOrderNo().value());
    r.setAppid(o.appid().value());
    r.setServiceId(o.serviceId().value());
    r.setServiceIntroduction(o.serviceIntroduction());
    r.setMode(o.mode().name());
    r.setLifecycle(o.lifecycle().name());
    r.setRiskFundName(o.riskFund().name().name());
    r.setRiskFundAmount(o.riskFund().amount());
    r.setRiskFundDescription(o.riskFund().description());
    r.setTimeRange(JsonColumns.write(o.timeRange()));
    r.setPostPayments(JsonColumns.write(o.postPayments()));
    r.setPostDiscounts(JsonColumns.write(o.postDiscounts()));
    r.setLocation(JsonColumns.writeOrNull(o.location()));
    r.setAttach(o.attach());
    r.setNotifyUrl(o.notifyUrl());
    r.setOpenid(o.openid());
    r.setOrderId(o.orderId());
    r.setTotalAmount(o.totalAmount());
    r.setNeedCollection(o.needCollection());
    r.setCollection(JsonColumns.writeOrNull(o.collection()));
    return r;
  }

  static ServiceOrder toOrder(ServiceOrderRecord r) {
    return new ServiceOrder(
        MerchantId.of(r.getMchid()),
        OutOrderNo.of(r.getOutOrderNo()),
        AppId.of(r.getAppid()),
        ServiceId.of(r.getServiceId()),
        r.getServiceIntroduction(),
        ConfirmationMode.valueOf(r.getMode()),
        LifecycleState.valueOf(r.getLifecycle()),
        new RiskFund(
            RiskFundName.valueOf(r.getRiskFundName()),
            r.getRiskFundAmount(),
            r.getRiskFundDescription()),
        JsonColumns.read(r.getTimeRange(), TimeRange.class, "time_range"),
        JsonColumns.readList(r.getPostPayments(), PAYMENTS, "post_payments"),
        JsonColumns.readList(r.getPostDiscounts(), DISCOUNTS, "post_discounts"),
        JsonColumns.readOrNull(r.getLocation(), Location.class, "location"),
        r.getAttach(),
        r.getNotifyUrl(),
        r.getOpenid(),
        r.getOrderId(),
        r.getTotalAmount(),
        r.getNeedCollection(),
        JsonColumns.readOrNull(r.getCollection(), Collection.class, "collection"),
        r.getVersion());
  }
}
