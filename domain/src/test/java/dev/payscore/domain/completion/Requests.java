package dev.payscore.domain.completion;

import dev.payscore.AppId;
import dev.payscore.CompleteOrder;
import dev.payscore.Device;
import dev.payscore.Location;
import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.ServiceId;
import dev.payscore.TimeRange;
import dev.payscore.domain.model.LifecycleState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Requests of the domain's own tests (the {@code testing} module depends on this one). */
final class Requests {
  static final String APPID = "wxd678efh567hg6787";
  static final String SERVICE_ID = "2002000000000558128851361561536";
  static final Clock NOW = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);

  private Requests() {}

  /** The example request of WeChat's complete page, verbatim: its total is wrong (§4.1). */
  static CompleteOrder seed() {
    return seedWithTotal(50000);
  }

  static CompleteOrder seedWithTotal(long total) {
    return new CompleteOrder(
        APPID,
        SERVICE_ID,
        List.of(new PostPayment("就餐费用", 40000L, "就餐人均100元", 4)),
        List.of(new PostDiscount("满20减1元", "不与其他优惠叠加", 100L, 2)),
        total,
        new TimeRange("20091225091010", "备注1", "20091225121010", "备注2"),
        new Location(null, "嗨客时尚主题展餐厅"),
        true,
        "goods_tag",
        new Device("HG123456", "HG123456", "example_materiel_no"));
  }

  /** A request with the given payments, total and end time, nothing else. */
  static CompleteOrder withPayments(long total, PostPayment... payments) {
    return new CompleteOrder(
        APPID,
        SERVICE_ID,
        List.of(payments),
        List.of(),
        total,
        TimeRange.between(null, "20261126150000"),
        null,
        null,
        null,
        null);
  }

  /** The seed's order: DOING/USER_CONFIRM, created at second precision without an end time. */
  static CompletionTarget doingOrder(RiskFund riskFund) {
    return new CompletionTarget(
        AppId.of(APPID),
        ServiceId.of(SERVICE_ID),
        LifecycleState.DOING_USER_CONFIRM,
        riskFund,
        TimeRange.between("20091225091010", null));
  }

  static CompletionTarget doingOrder() {
    return doingOrder(RiskFund.of(RiskFundName.DEPOSIT, 50000));
  }
}
