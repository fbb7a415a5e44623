package dev.payscore.domain.completion;

import dev.payscore.CompleteOrder;
import dev.payscore.CreateOrder;
import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import dev.payscore.RiskFund;
import dev.payscore.Rule;
import dev.payscore.TimeRange;
import dev.payscore.Violation;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.model.ServiceTime;
import dev.payscore.domain.model.TimePrecision;
import dev.payscore.domain.port.out.CancelOrder;
import dev.payscore.domain.port.out.ModifyOrder;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks a complete request against WeChat's rules (§4.1–4.5 of the API notes), the order it
 * completes and the merchant's billing convention, and reports <em>every</em> violation at once. It
 * never throws for any request: whatever the input, the answer is a list (empty when valid).
 *
 * <pre>{@code
 * CompletionValidator validator =
 *     new CompletionValidator(clock, CompletionLimits.defaults(), BillingConvention.POWER_BANK);
 * List<Violation> violations = validator.validate(request, order);
 * }</pre>
 *
 * <p>Create, modify and cancel bodies are judged by the same rule of each field they share ({@link
 * #validateCreate}, {@link #validateModify}, {@link #validateCancel}): one rule set, one code per
 * rule, whatever the request.
 *
 * <p>Lengths count Unicode code points (a Chinese character or an emoji is one). Without an order
 * ({@link #validate(CompleteOrder)}) the rules that need one are skipped: state, appid and
 * service_id equality, the risk-fund cap, and whether {@code end_time} is required and in which
 * precision (the request's own start and end must still agree with each other).
 */
public final class CompletionValidator {
  /** The one payment name that may repeat (smart retail: one line per product). */
  public static final String REPEATABLE_NAME = FieldRules.REPEATABLE_NAME;

  /** A second-precision expected end must be this long after the create call (§2.1). */
  private static final Duration CREATE_END_AFTER = Duration.ofMinutes(1);

  /**
   * The widest limits WeChat's documents allow, for {@link #withoutContext()}: a builder refuses
   * only what is wrong under every configuration.
   */
  private static final CompletionLimits DOCUMENTED_MAXIMA =
      CompletionLimits.defaults().withLocationMaxLength(50);

  private final @Nullable Clock clock;
  private final CompletionLimits limits;
  private final BillingConvention convention;

  public CompletionValidator(Clock clock, CompletionLimits limits, BillingConvention convention) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.limits = Objects.requireNonNull(limits, "limits == null");
    this.convention = Objects.requireNonNull(convention, "convention == null");
  }

  private CompletionValidator(CompletionLimits limits) {
    this.clock = null;
    this.limits = limits;
    this.convention = BillingConvention.NONE;
  }

  /**
   * The rules a request value breaks on its own, whenever and for whichever merchant it is sent: no
   * rule that needs the time now, the order, a billing convention or a configured limit (limits at
   * the widest WeChat documents). The request builders check this at {@code build()}; the facade
   * checks everything again, with its clock, limits and the order, when a request is made.
   */
  public static CompletionValidator withoutContext() {
    return new CompletionValidator(DOCUMENTED_MAXIMA);
  }

  /** A validator with the default limits and no billing convention. */
  public CompletionValidator(Clock clock) {
    this(clock, CompletionLimits.defaults(), BillingConvention.NONE);
  }

  /** The request on its own: every rule that does not need the order. */
  public List<Violation> validate(CompleteOrder request) {
    return check(Objects.requireNonNull(request, "request == null"), null);
  }

  /** The request as a completion of {@code order}. */
  public List<Violation> validate(CompleteOrder request, ServiceOrder order) {
    return validate(request, CompletionTarget.of(order));
  }

  /** The request as a completion of {@code target}. */
  public List<Violation> validate(CompleteOrder request, CompletionTarget target) {
    return check(
        Objects.requireNonNull(request, "request == null"),
        Objects.requireNonNull(target, "target == null"));
  }

  /**
   * A create body (§2.1): ids, {@code service_introduction}, items (0..100 payments; discounts
   * described, amounts optional), the expected time range against now, location, risk fund (within
   * the service's risk cap when it is configured), {@code attach}, {@code notify_url}, device, and
   * {@code openid} in no-confirm mode. The billing convention is for bills, not for create.
   */
  public List<Violation> validateCreate(CreateOrder request) {
    Objects.requireNonNull(request, "request == null");
    Report report = new Report();
    FieldRules.outOrderNo(request.outOrderNo(), report);
    FieldRules.id("appid", request.appid(), Rule.APPID_FORMAT, report);
    FieldRules.id("service_id", request.serviceId(), Rule.SERVICE_ID_FORMAT, report);
    FieldRules.serviceIntroduction(request.serviceIntroduction(), report);
    FieldRules.payments(request.postPayments(), 0, report);
    FieldRules.discounts(request.postDiscounts(), false, report);
    checkCreateTimeRange(request.timeRange(), report);
    FieldRules.location(request.location(), limits.locationMaxLength(), true, report);
    checkRiskFund(request.serviceId(), request.riskFund(), report);
    FieldRules.text("attach", request.attach(), FieldRules.MAX_ATTACH, Rule.ATTACH_LENGTH, report);
    FieldRules.device(request.device(), limits, report);
    FieldRules.notifyUrl(request.notifyUrl(), report);
    String openid = request.openid();
    if (Boolean.FALSE.equals(request.needUserConfirm()) && (openid == null || openid.isBlank())) {
      report.add("openid", Rule.REQUIRED, null, "is required in no-confirm mode");
    }
    return report.violations();
  }

  /**
   * A modify body on its own (§2.4): the bill under the same rules as a completion's (1..100
   * payments, discounts with amounts, the total formula, the billing convention), {@code reason}
   * and device.
   */
  public List<Violation> validateModify(ModifyOrder request) {
    return checkModify(Objects.requireNonNull(request, "request == null"), null);
  }

  /**
   * A modify body for {@code order}: also its appid and service_id, and a total not above the
   * order's current one (equal is allowed: "≤ the current amount").
   */
  public List<Violation> validateModify(ModifyOrder request, ServiceOrder order) {
    return checkModify(
        Objects.requireNonNull(request, "request == null"),
        Objects.requireNonNull(order, "order == null"));
  }

  /** A cancel body (§2.3): ids and {@code reason}. */
  public List<Violation> validateCancel(CancelOrder request) {
    Objects.requireNonNull(request, "request == null");
    Report report = new Report();
    FieldRules.id("appid", request.appid(), Rule.APPID_FORMAT, report);
    FieldRules.id("service_id", request.serviceId(), Rule.SERVICE_ID_FORMAT, report);
    FieldRules.reason(request.reason(), report);
    return report.violations();
  }

  private List<Violation> check(CompleteOrder request, @Nullable CompletionTarget target) {
    Report report = new Report();
    checkState(target, report);
    checkIds(
        request.appid(),
        request.serviceId(),
        target == null ? null : target.appid().value(),
        target == null ? null : target.serviceId().value(),
        report);
    FieldRules.payments(request.postPayments(), 1, report);
    FieldRules.discounts(request.postDiscounts(), true, report);
    checkTotal(request, target, report);
    checkTimeRange(request.timeRange(), target, report);
    FieldRules.text(
        "goods_tag", request.goodsTag(), FieldRules.MAX_GOODS_TAG, Rule.GOODS_TAG_LENGTH, report);
    FieldRules.location(request.location(), limits.locationMaxLength(), false, report);
    FieldRules.device(request.device(), limits, report);
    convention.check(request.postPayments(), request.totalAmount(), report);
    return report.violations();
  }

  private List<Violation> checkModify(ModifyOrder request, @Nullable ServiceOrder order) {
    Report report = new Report();
    checkIds(
        request.appid(),
        request.serviceId(),
        order == null ? null : order.appid().value(),
        order == null ? null : order.serviceId().value(),
        report);
    FieldRules.payments(request.postPayments(), 1, report);
    FieldRules.discounts(request.postDiscounts(), true, report);
    long total = request.totalAmount();
    if (total < 0) {
      report.add("total_amount", Rule.TOTAL_NEGATIVE, Long.toString(total), "must be >= 0 fen");
    } else {
      checkFormula(request.postPayments(), request.postDiscounts(), total, report);
    }
    Long current = order == null ? null : order.totalAmount();
    if (current != null && total > current) {
      report.add(
          "total_amount",
          Rule.TOTAL_ABOVE_CURRENT,
          Long.toString(total),
          "must not exceed the order's current total of " + current + " fen");
    }
    FieldRules.reason(request.reason(), report);
    FieldRules.device(request.device(), limits, report);
    convention.check(request.postPayments(), total, report);
    return report.violations();
  }

  private static void checkState(@Nullable CompletionTarget target, Report report) {
    if (target != null && target.lifecycle() != LifecycleState.DOING_USER_CONFIRM) {
      report.add(
          "order.state",
          Rule.ORDER_STATE,
          target.lifecycle().toString(),
          "WeChat completes only a DOING/USER_CONFIRM order; this one is " + target.lifecycle());
    }
  }

  /** Well-formed ids, and the order's own when the order is known. */
  private static void checkIds(
      String appid,
      String serviceId,
      @Nullable String orderAppid,
      @Nullable String orderServiceId,
      Report report) {
    boolean appidOk = FieldRules.id("appid", appid, Rule.APPID_FORMAT, report);
    boolean serviceIdOk = FieldRules.id("service_id", serviceId, Rule.SERVICE_ID_FORMAT, report);
    if (orderAppid != null && appidOk && !orderAppid.equals(appid)) {
      report.add("appid", Rule.APPID_MISMATCH, appid, "must equal the order's appid " + orderAppid);
    }
    if (orderServiceId != null && serviceIdOk && !orderServiceId.equals(serviceId)) {
      report.add(
          "service_id",
          Rule.SERVICE_ID_MISMATCH,
          serviceId,
          "must equal the order's service_id " + orderServiceId);
    }
  }

  private void checkTotal(CompleteOrder request, @Nullable CompletionTarget target, Report report) {
    long total = request.totalAmount();
    if (total < 0) {
      report.add("total_amount", Rule.TOTAL_NEGATIVE, Long.toString(total), "must be >= 0 fen");
      return;
    }
    checkFormula(request.postPayments(), request.postDiscounts(), total, report);
    RiskFund fund = target == null ? null : target.riskFund();
    if (fund != null && fund.name().capsTotal() && total > fund.amount()) {
      report.add(
          "total_amount",
          Rule.TOTAL_OVER_RISK_FUND,
          Long.toString(total),
          "must not exceed the order's " + fund.name() + " of " + fund.amount() + " fen");
    }
    // a 先免 total is capped by its fund, itself within the cap; a 先享 estimate caps nothing
    Long cap = target == null ? null : limits.serviceRiskCaps().get(target.serviceId().value());
    if (fund != null && !fund.name().capsTotal() && cap != null && total > cap) {
      report.add(
          "total_amount",
          Rule.TOTAL_OVER_SERVICE_RISK_CAP,
          Long.toString(total),
          "must not exceed the risk cap of service "
              + target.serviceId().value()
              + ", "
              + cap
              + " fen");
    }
  }

  /**
   * Σ payments − Σ discounts (exact: no long overflow can fake a match), when it can be judged: not
   * when an amount is already reported (a negative one, a discount without one), and (by default)
   * not when no payment carries an amount.
   */
  private void checkFormula(
      List<PostPayment> payments, List<PostDiscount> discounts, long total, Report report) {
    formula(payments, discounts)
        .filter(sum -> !sum.equals(BigInteger.valueOf(total)))
        .ifPresent(
            sum ->
                report.add(
                    "total_amount",
                    Rule.TOTAL_FORMULA,
                    Long.toString(total),
                    "must equal Σ post_payments.amount − Σ post_discounts.amount = " + sum));
  }

  private Optional<BigInteger> formula(List<PostPayment> payments, List<PostDiscount> discounts) {
    boolean anyPaymentAmount = false;
    BigInteger sum = BigInteger.ZERO;
    for (PostPayment payment : payments) {
      Long amount = payment.amount();
      if (amount != null) {
        if (amount < 0) {
          return Optional.empty();
        }
        anyPaymentAmount = true;
        sum = sum.add(BigInteger.valueOf(amount));
      }
    }
    for (PostDiscount discount : discounts) {
      Long amount = discount.amount();
      if (amount == null || amount < 0) {
        return Optional.empty();
      }
      sum = sum.subtract(BigInteger.valueOf(amount));
    }
    if (!anyPaymentAmount && !limits.totalCheckedWithoutAmounts()) {
      return Optional.empty();
    }
    return Optional.of(sum);
  }

  /**
   * The expected time range at create (§2.1): a start later than now (seconds), not before today
   * (days), or {@code OnAccept}; an end, if any, in the start's precision (seconds for OnAccept),
   * not before the start, and (seconds) more than a minute after now.
   */
  private void checkCreateTimeRange(TimeRange range, Report report) {
    FieldRules.remark("time_range.start_time_remark", range.startTimeRemark(), report);
    FieldRules.remark("time_range.end_time_remark", range.endTimeRemark(), report);
    Instant now = clock == null ? null : clock.instant();
    String startText = range.startTime();
    boolean onAccept = ServiceTime.ON_ACCEPT.equals(startText);
    ServiceTime start = null;
    if (startText == null || startText.isEmpty()) {
      report.add("time_range.start_time", Rule.REQUIRED, null, "is required");
    } else if (!onAccept) {
      start = parse("time_range.start_time", startText, report);
    }
    if (start != null && now != null && !isAfter(start, now)) {
      report.add(
          "time_range.start_time",
          Rule.START_TIME_PASSED,
          start.text(),
          start.precision() == TimePrecision.DAY
              ? "must not be before today"
              : "must be later than now (" + ServiceTime.ofSeconds(now).text() + ")");
    }
    TimePrecision precision =
        onAccept ? TimePrecision.SECOND : start == null ? null : start.precision();
    ServiceTime end =
        inPrecision(
            "time_range.end_time",
            parse("time_range.end_time", range.endTime(), report),
            precision,
            report);
    if (end == null) {
      return;
    }
    if (start != null && !isAfter(end, start)) {
      report.add(
          "time_range.end_time",
          Rule.END_TIME_BEFORE_START,
          end.text(),
          "must be after the start " + start.text());
    }
    if (now == null) {
      return;
    }
    Instant soonest = now.plus(CREATE_END_AFTER);
    if (end.precision() == TimePrecision.SECOND && !end.start().isAfter(soonest)) {
      report.add(
          "time_range.end_time",
          Rule.END_TIME_TOO_SOON,
          end.text(),
          "must be later than a minute from now (" + ServiceTime.ofSeconds(soonest).text() + ")");
    }
  }

  /** Seconds: a later second than {@code now}. Days: today or later (Beijing). */
  private static boolean isAfter(ServiceTime start, Instant now) {
    return start.precision() == TimePrecision.DAY
        ? !start.value().toLocalDate().isBefore(LocalDate.ofInstant(now, ServiceTime.BEIJING))
        : start.start().isAfter(now);
  }

  /** The risk fund's text, and its amount within the service's risk cap when one is configured. */
  private void checkRiskFund(String serviceId, RiskFund fund, Report report) {
    FieldRules.text(
        "risk_fund.description",
        fund.description(),
        FieldRules.MAX_DESCRIPTION,
        Rule.DESCRIPTION_LENGTH,
        report);
    Long cap = limits.serviceRiskCaps().get(serviceId);
    if (cap != null && fund.amount() > cap) {
      report.add(
          "risk_fund.amount",
          Rule.RISK_FUND_OVER_SERVICE_RISK_CAP,
          Long.toString(fund.amount()),
          "must not exceed the risk cap of service " + serviceId + ", " + cap + " fen");
    }
  }

  private void checkTimeRange(
      @Nullable TimeRange range, @Nullable CompletionTarget target, Report report) {
    TimeRange created = target == null ? null : target.createTimeRange();
    boolean endSetAtCreate = created != null && created.endTime() != null;
    String endText = range == null ? null : range.endTime();
    if ((endText == null || endText.isEmpty()) && target != null && !endSetAtCreate) {
      report.add(
          "time_range.end_time",
          Rule.END_TIME_REQUIRED,
          null,
          "is required: the order was created without an end time");
    }
    if (range == null) {
      return;
    }
    FieldRules.remark("time_range.start_time_remark", range.startTimeRemark(), report);
    FieldRules.remark("time_range.end_time_remark", range.endTimeRemark(), report);

    ServiceTime parsedStart = parse("time_range.start_time", range.startTime(), report);
    ServiceTime parsedEnd = parse("time_range.end_time", range.endTime(), report);
    TimePrecision precision = created == null ? null : createPrecision(created);
    if (precision == null && parsedStart != null) {
      precision = parsedStart.precision(); // no order: start and end must at least agree
    }
    ServiceTime start = inPrecision("time_range.start_time", parsedStart, precision, report);
    ServiceTime end = inPrecision("time_range.end_time", parsedEnd, precision, report);
    if (end == null) {
      return;
    }
    if (start == null && created != null && created.startTime() != null) {
      start = ServiceTime.tryParse(created.startTime()).orElse(null);
    }
    if (start != null && start.precision() == end.precision() && !isAfter(end, start)) {
      report.add(
          "time_range.end_time",
          Rule.END_TIME_BEFORE_START,
          end.text(),
          "must be after the start " + start.text());
    }
    if (start == null && target != null) {
      checkAfterConfirmation(end, created, target.confirmedAt(), report);
    }
    if (clock == null) {
      return;
    }
    Instant latest = clock.instant().minus(limits.endTimeMargin());
    if (isLater(end, latest)) {
      report.add(
          "time_range.end_time",
          Rule.END_TIME_IN_FUTURE,
          end.text(),
          "must not be later than now (" + ServiceTime.ofSeconds(latest).text() + ")");
    }
  }

  /**
   * An {@code OnAccept} order starts when the user confirms: with that moment known, the end must
   * be a later second.
   */
  private static void checkAfterConfirmation(
      ServiceTime end, @Nullable TimeRange created, @Nullable Instant confirmedAt, Report report) {
    if (created == null
        || confirmedAt == null
        || !ServiceTime.ON_ACCEPT.equals(created.startTime())
        || end.precision() != TimePrecision.SECOND) {
      return;
    }
    ServiceTime confirmed = ServiceTime.ofSeconds(confirmedAt);
    if (!isAfter(end, confirmed)) {
      report.add(
          "time_range.end_time",
          Rule.END_TIME_BEFORE_CONFIRMATION,
          end.text(),
          "must be after " + confirmed.text() + ", when the user confirmed (the service's start)");
    }
  }

  /**
   * The precision the order was created with: its start's, else its end's; OnAccept means seconds.
   */
  private static @Nullable TimePrecision createPrecision(TimeRange created) {
    if (ServiceTime.ON_ACCEPT.equals(created.startTime())) {
      return TimePrecision.SECOND;
    }
    for (String text : new String[] {created.startTime(), created.endTime()}) {
      if (text != null) {
        Optional<ServiceTime> time = ServiceTime.tryParse(text);
        if (time.isPresent()) {
          return time.get().precision();
        }
      }
    }
    return null;
  }

  /** The time, if any: an empty text is none, as the adapter leaves it out of the body. */
  private static @Nullable ServiceTime parse(String path, @Nullable String text, Report report) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    Optional<ServiceTime> time = ServiceTime.tryParse(text);
    if (time.isEmpty()) {
      report.add(path, Rule.TIME_FORMAT, text, "must be yyyyMMddHHmmss or yyyyMMdd (Beijing time)");
    }
    return time.orElse(null);
  }

  /** The time if it has the expected precision (or none is known); else reported and dropped. */
  private static @Nullable ServiceTime inPrecision(
      String path, @Nullable ServiceTime time, @Nullable TimePrecision expected, Report report) {
    if (time == null || expected == null || time.precision() == expected) {
      return time;
    }
    report.add(
        path,
        Rule.PRECISION_MISMATCH,
        time.text(),
        "must use the order's "
            + (expected == TimePrecision.DAY ? "yyyyMMdd" : "yyyyMMddHHmmss")
            + " precision");
    return null;
  }

  /** Seconds: strictly after. Days: the same day or later (the create rule for day precision). */
  private static boolean isAfter(ServiceTime end, ServiceTime start) {
    return end.precision() == TimePrecision.DAY
        ? end.compareTo(start) >= 0
        : end.compareTo(start) > 0;
  }

  /** Seconds: after {@code latest}. Days: a later Beijing date than {@code latest}'s. */
  private static boolean isLater(ServiceTime end, Instant latest) {
    return end.precision() == TimePrecision.DAY
        ? end.value().toLocalDate().isAfter(LocalDate.ofInstant(latest, ServiceTime.BEIJING))
        : end.start().isAfter(latest);
  }

  /** Collects violations in the order the checks find them. */
  static final class Report {
    private final List<Violation> violations = new ArrayList<>();

    void add(String path, Rule rule, @Nullable String value, String message) {
      violations.add(new Violation(path, rule, value, message));
    }

    List<Violation> violations() {
      return List.copyOf(violations);
    }
  }
}
