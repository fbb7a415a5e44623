package dev.payscore.domain.completion;

import dev.payscore.CompleteOrder;
import dev.payscore.Device;
import dev.payscore.Location;
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
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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
 * <p>Lengths count Unicode code points (a Chinese character or an emoji is one). Without an order
 * ({@link #validate(CompleteOrder)}) the rules that need one are skipped: state, appid and
 * service_id equality, the risk-fund cap, and whether {@code end_time} is required and in which
 * precision (the request's own start and end must still agree with each other).
 */
public final class CompletionValidator {
  /** The one payment name that may repeat (smart retail: one line per product). */
  public static final String REPEATABLE_NAME = "商品信息";

  static final int MAX_PAYMENTS = 100;
  static final int MAX_DISCOUNTS = 30;
  static final int MAX_NAME = 20;
  static final int MAX_DESCRIPTION = 30;
  static final int MAX_REMARK = 20;
  static final int MAX_GOODS_TAG = 32;
  static final int MAX_ID = 32;
  static final int MIN_COUNT = 1;
  static final int MAX_COUNT = 100;

  private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7e]+");

  private final Clock clock;
  private final CompletionLimits limits;
  private final BillingConvention convention;

  public CompletionValidator(Clock clock, CompletionLimits limits, BillingConvention convention) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.limits = Objects.requireNonNull(limits, "limits == null");
    this.convention = Objects.requireNonNull(convention, "convention == null");
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

  private List<Violation> check(CompleteOrder request, @Nullable CompletionTarget target) {
    Report report = new Report();
    checkIds(request, target, report);
    checkPayments(request.postPayments(), report);
    checkDiscounts(request.postDiscounts(), report);
    checkTotal(request, target, report);
    checkTimeRange(request.timeRange(), target, report);
    checkLengths(request, report);
    checkTexts(request, report);
    convention.check(request, report);
    return report.violations();
  }

  private static void checkIds(
      CompleteOrder request, @Nullable CompletionTarget target, Report report) {
    if (target != null && target.lifecycle() != LifecycleState.DOING_USER_CONFIRM) {
      report.add(
          "order.state",
          Rule.ORDER_STATE,
          target.lifecycle().toString(),
          "WeChat completes only a DOING/USER_CONFIRM order; this one is " + target.lifecycle());
    }
    boolean appidOk = checkId("appid", request.appid(), Rule.APPID_FORMAT, report);
    boolean serviceIdOk =
        checkId("service_id", request.serviceId(), Rule.SERVICE_ID_FORMAT, report);
    if (target != null && appidOk && !target.appid().value().equals(request.appid())) {
      report.add(
          "appid",
          Rule.APPID_MISMATCH,
          request.appid(),
          "must equal the order's appid " + target.appid().value());
    }
    if (target != null && serviceIdOk && !target.serviceId().value().equals(request.serviceId())) {
      report.add(
          "service_id",
          Rule.SERVICE_ID_MISMATCH,
          request.serviceId(),
          "must equal the order's service_id " + target.serviceId().value());
    }
  }

  /** Whether the id is well formed; reports it if not. */
  private static boolean checkId(String path, String value, Rule format, Report report) {
    if (value.isEmpty()) {
      report.add(path, Rule.REQUIRED, null, "is required");
      return false;
    }
    if (length(value) > MAX_ID || !VISIBLE_ASCII.matcher(value).matches()) {
      report.add(path, format, value, "must be 1.." + MAX_ID + " visible ASCII characters");
      return false;
    }
    return true;
  }

  private static void checkPayments(List<PostPayment> payments, Report report) {
    if (payments.isEmpty() || payments.size() > MAX_PAYMENTS) {
      report.add(
          "post_payments",
          Rule.POST_PAYMENTS_SIZE,
          Integer.toString(payments.size()),
          "must have 1.." + MAX_PAYMENTS + " items, has " + payments.size());
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < payments.size(); i++) {
      PostPayment payment = payments.get(i);
      String path = "post_payments[" + i + "]";
      checkName(path, payment.name(), names, REPEATABLE_NAME, report);
      checkDescription(path, payment.description(), report);
      checkAmount(path, payment.amount(), report);
      checkCount(path, payment.count(), report);
      if (payment.amount() == null && payment.description() == null) {
        report.add(path, Rule.ITEM_EMPTY, null, "needs an amount or a description");
      }
    }
  }

  private static void checkDiscounts(List<PostDiscount> discounts, Report report) {
    if (discounts.size() > MAX_DISCOUNTS) {
      report.add(
          "post_discounts",
          Rule.POST_DISCOUNTS_SIZE,
          Integer.toString(discounts.size()),
          "must have at most " + MAX_DISCOUNTS + " items, has " + discounts.size());
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < discounts.size(); i++) {
      PostDiscount discount = discounts.get(i);
      String path = "post_discounts[" + i + "]";
      checkName(path, discount.name(), names, null, report);
      String description = discount.description();
      if (description == null || description.isEmpty()) {
        report.add(
            path + ".description",
            Rule.DESCRIPTION_REQUIRED,
            null,
            "a discount needs a description");
      }
      checkDescription(path, discount.description(), report);
      if (discount.amount() == null) {
        report.add(path + ".amount", Rule.AMOUNT_REQUIRED, null, "a discount needs an amount");
      }
      checkAmount(path, discount.amount(), report);
      checkCount(path, discount.count(), report);
    }
  }

  private static void checkName(
      String item, String name, Set<String> seen, @Nullable String repeatable, Report report) {
    int length = length(name);
    if (length == 0) {
      report.add(item + ".name", Rule.REQUIRED, null, "is required");
    } else if (length > MAX_NAME) {
      report.add(
          item + ".name",
          Rule.NAME_LENGTH,
          name,
          "must have at most " + MAX_NAME + " characters, has " + length);
    }
    if (length > 0 && !seen.add(name) && !name.equals(repeatable)) {
      report.add(item + ".name", Rule.NAME_DUPLICATE, name, "repeats an earlier name");
    }
  }

  private static void checkDescription(String item, @Nullable String description, Report report) {
    if (description != null && length(description) > MAX_DESCRIPTION) {
      report.add(
          item + ".description",
          Rule.DESCRIPTION_LENGTH,
          description,
          "must have at most " + MAX_DESCRIPTION + " characters, has " + length(description));
    }
  }

  private static void checkAmount(String item, @Nullable Long amount, Report report) {
    if (amount != null && amount < 0) {
      report.add(item + ".amount", Rule.AMOUNT_NEGATIVE, amount.toString(), "must be >= 0 fen");
    }
  }

  private static void checkCount(String item, @Nullable Integer count, Report report) {
    if (count != null && (count < MIN_COUNT || count > MAX_COUNT)) {
      report.add(
          item + ".count",
          Rule.COUNT_RANGE,
          count.toString(),
          "must be in " + MIN_COUNT + ".." + MAX_COUNT);
    }
  }

  private void checkTotal(CompleteOrder request, @Nullable CompletionTarget target, Report report) {
    long total = request.totalAmount();
    if (total < 0) {
      report.add("total_amount", Rule.TOTAL_NEGATIVE, Long.toString(total), "must be >= 0 fen");
      return;
    }
    formula(request)
        .filter(sum -> !sum.equals(BigInteger.valueOf(total)))
        .ifPresent(
            sum ->
                report.add(
                    "total_amount",
                    Rule.TOTAL_FORMULA,
                    Long.toString(total),
                    "must equal Σ post_payments.amount − Σ post_discounts.amount = " + sum));
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
          "must not exceed the risk cap of service " + target.serviceId().value() + ", " + cap
              + " fen");
    }
  }

  /**
   * Σ payments − Σ discounts (exact: no long overflow can fake a match), when it can be judged: not
   * when an amount is already reported (a negative one, a discount without one), and (by default)
   * not when no payment carries an amount.
   */
  private Optional<BigInteger> formula(CompleteOrder request) {
    boolean anyPaymentAmount = false;
    BigInteger sum = BigInteger.ZERO;
    for (PostPayment payment : request.postPayments()) {
      Long amount = payment.amount();
      if (amount != null) {
        if (amount < 0) {
          return Optional.empty();
        }
        anyPaymentAmount = true;
        sum = sum.add(BigInteger.valueOf(amount));
      }
    }
    for (PostDiscount discount : request.postDiscounts()) {
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

  private void checkTimeRange(
      @Nullable TimeRange range, @Nullable CompletionTarget target, Report report) {
    TimeRange created = target == null ? null : target.createTimeRange();
    boolean endSetAtCreate = created != null && created.endTime() != null;
    String endText = range == null ? null : range.endTime();
    if (endText == null && target != null && !endSetAtCreate) {
      report.add(
          "time_range.end_time",
          Rule.END_TIME_REQUIRED,
          null,
          "is required: the order was created without an end time");
    }
    if (range == null) {
      return;
    }
    checkRemark("time_range.start_time_remark", range.startTimeRemark(), report);
    checkRemark("time_range.end_time_remark", range.endTimeRemark(), report);

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
   * An {@code OnAccept} order starts when the user confirms: with that moment known, the end must be
   * a later second.
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

  private static @Nullable ServiceTime parse(String path, @Nullable String text, Report report) {
    if (text == null) {
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

  private static void checkRemark(String path, @Nullable String remark, Report report) {
    if (remark != null && length(remark) > MAX_REMARK) {
      report.add(
          path,
          Rule.REMARK_LENGTH,
          remark,
          "must have at most " + MAX_REMARK + " characters, has " + length(remark));
    }
  }

  private void checkLengths(CompleteOrder request, Report report) {
    maxLength("goods_tag", request.goodsTag(), MAX_GOODS_TAG, Rule.GOODS_TAG_LENGTH, report);
    Location location = request.location();
    if (location != null) {
      int max = limits.locationMaxLength();
      maxLength(
          "location.start_location", location.startLocation(), max, Rule.LOCATION_LENGTH, report);
      maxLength("location.end_location", location.endLocation(), max, Rule.LOCATION_LENGTH, report);
    }
    Device device = request.device();
    if (device != null) {
      int max = limits.deviceIdMaxLength();
      maxLength("device.start_device_id", device.startDeviceId(), max, Rule.DEVICE_LENGTH, report);
      maxLength("device.end_device_id", device.endDeviceId(), max, Rule.DEVICE_LENGTH, report);
      maxLength(
          "device.materiel_no",
          device.materielNo(),
          limits.materielNoMaxLength(),
          Rule.DEVICE_LENGTH,
          report);
    }
  }

  /**
   * Every free text well-formed: a lone surrogate cannot be encoded in UTF-8 and would reach WeChat
   * as {@code ?}. Ids and times are checked by their own formats.
   */
  private static void checkTexts(CompleteOrder request, Report report) {
    for (int i = 0; i < request.postPayments().size(); i++) {
      PostPayment payment = request.postPayments().get(i);
      wellFormed("post_payments[" + i + "].name", payment.name(), report);
      wellFormed("post_payments[" + i + "].description", payment.description(), report);
    }
    for (int i = 0; i < request.postDiscounts().size(); i++) {
      PostDiscount discount = request.postDiscounts().get(i);
      wellFormed("post_discounts[" + i + "].name", discount.name(), report);
      wellFormed("post_discounts[" + i + "].description", discount.description(), report);
    }
    TimeRange range = request.timeRange();
    if (range != null) {
      wellFormed("time_range.start_time_remark", range.startTimeRemark(), report);
      wellFormed("time_range.end_time_remark", range.endTimeRemark(), report);
    }
    Location location = request.location();
    if (location != null) {
      wellFormed("location.start_location", location.startLocation(), report);
      wellFormed("location.end_location", location.endLocation(), report);
    }
    wellFormed("goods_tag", request.goodsTag(), report);
    Device device = request.device();
    if (device != null) {
      wellFormed("device.start_device_id", device.startDeviceId(), report);
      wellFormed("device.end_device_id", device.endDeviceId(), report);
      wellFormed("device.materiel_no", device.materielNo(), report);
    }
  }

  static void wellFormed(String path, @Nullable String text, Report report) {
    if (text == null) {
      return;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        i++;
      } else if (Character.isSurrogate(c)) {
        report.add(
            path,
            Rule.TEXT_MALFORMED,
            text,
            String.format(
                "has a lone surrogate U+%04X at %d: not Unicode text, it would be sent as ?",
                (int) c, i));
        return;
      }
    }
  }

  private static void maxLength(
      String path, @Nullable String value, int max, Rule rule, Report report) {
    if (value != null && length(value) > max) {
      report.add(
          path, rule, value, "must have at most " + max + " characters, has " + length(value));
    }
  }

  /** Characters as WeChat counts them: code points, so 充 and 🔋 are one each. */
  static int length(String text) {
    return text.codePointCount(0, text.length());
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
