package dev.payscore.domain.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.payscore.domain.model.AppId;
import dev.payscore.domain.model.Device;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.Location;
import dev.payscore.domain.model.PostDiscount;
import dev.payscore.domain.model.PostPayment;
import dev.payscore.domain.model.RiskFund;
import dev.payscore.domain.model.RiskFundName;
import dev.payscore.domain.model.ServiceId;
import dev.payscore.domain.model.ServiceTime;
import dev.payscore.domain.model.TimePrecision;
import dev.payscore.domain.model.TimeRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

/**
 * Properties of the validator: generated valid completions pass; each single mutation that breaks
 * one rule yields exactly that rule; no input makes it throw.
 */
final class CompletionValidatorPropertyTest {
  private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
  private static final CompletionValidator VALIDATOR =
      new CompletionValidator(Clock.fixed(NOW, ZoneOffset.UTC));

  /** A request and the order it completes, valid together at {@link #NOW}. */
  record Case(CompleteOrder request, CompletionTarget target) {
    Case withRequest(UnaryOperator<Edit> edit) {
      return new Case(edit.apply(new Edit(request)).build(), target);
    }

    Case withTarget(CompletionTarget other) {
      return new Case(request, other);
    }

    long total() {
      return request.totalAmount();
    }
  }

  @Property(tries = 200)
  void generatedValidCompletionsPass(@ForAll("validCases") Case valid) {
    assertThat(VALIDATOR.validate(valid.request(), valid.target())).isEmpty();
  }

  @Property(tries = 100)
  void eachSingleMutationYieldsExactlyItsRule(@ForAll("validCases") Case valid) {
    for (Mutation mutation : Mutation.values()) {
      if (mutation.appliesTo(valid)) {
        Case broken = mutation.apply(valid);
        assertThat(VALIDATOR.validate(broken.request(), broken.target()))
            .as(mutation.name())
            .extracting(Violation::rule)
            .containsExactly(mutation.rule);
      }
    }
  }

  @Property(tries = 300)
  void validationNeverThrows(
      @ForAll("anyRequests") CompleteOrder request,
      @ForAll("anyTargets") @Nullable CompletionTarget target,
      @ForAll("anyValidators") CompletionValidator validator) {
    assertThatCode(
            () -> {
              List<Violation> violations =
                  target == null
                      ? validator.validate(request)
                      : validator.validate(request, target);
              assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank());
            })
        .doesNotThrowAnyException();
  }

  // ---- mutations: each breaks exactly one rule of a valid case ----

  enum Mutation {
    APPID_EMPTY(Rule.REQUIRED, c -> c.withRequest(e -> e.appid(""))),
    APPID_MALFORMED(Rule.APPID_FORMAT, c -> c.withRequest(e -> e.appid("wx 678"))),
    SERVICE_ID_MALFORMED(
        Rule.SERVICE_ID_FORMAT, c -> c.withRequest(e -> e.serviceId("9".repeat(33)))),
    APPID_OTHER(Rule.APPID_MISMATCH, c -> c.withRequest(e -> e.appid(e.appid + "x"))),
    SERVICE_ID_OTHER(
        Rule.SERVICE_ID_MISMATCH, c -> c.withRequest(e -> e.serviceId(e.serviceId + "0"))),
    NO_PAYMENTS(Rule.POST_PAYMENTS_SIZE, c -> c.withRequest(e -> e.payments(List.of()))),
    TOO_MANY_PAYMENTS(Rule.POST_PAYMENTS_SIZE, c -> c.withRequest(e -> e.addPayments(101, "项"))),
    TOO_MANY_DISCOUNTS(Rule.POST_DISCOUNTS_SIZE, c -> c.withRequest(e -> e.addDiscounts(31))),
    NAME_TOO_LONG(
        Rule.NAME_LENGTH, c -> c.withRequest(e -> e.payment(0, p -> payment("长".repeat(21), p)))),
    NAME_REPEATED(
        Rule.NAME_DUPLICATE,
        c ->
            c.withRequest(
                e -> e.addPayment(new PostPayment(e.payments.get(0).name(), null, "重复", null)))),
    DESCRIPTION_TOO_LONG(
        Rule.DESCRIPTION_LENGTH,
        c ->
            c.withRequest(
                e ->
                    e.payment(
                        0, p -> new PostPayment(p.name(), p.amount(), "说".repeat(31), p.count())))),
    DISCOUNT_WITHOUT_DESCRIPTION(
        Rule.DESCRIPTION_REQUIRED,
        c -> c.withRequest(e -> e.addDiscount(new PostDiscount("无说明优惠", null, 0L, null)))),
    DISCOUNT_WITHOUT_AMOUNT(
        Rule.AMOUNT_REQUIRED,
        c -> c.withRequest(e -> e.addDiscount(new PostDiscount("无金额优惠", "说明", null, null)))),
    EMPTY_PAYMENT(
        Rule.ITEM_EMPTY,
        c -> c.withRequest(e -> e.addPayment(new PostPayment("空项目", null, null, null)))),
    NEGATIVE_AMOUNT(
        Rule.AMOUNT_NEGATIVE,
        c ->
            c.withRequest(
                e ->
                    e.payment(0, p -> new PostPayment(p.name(), -1L, p.description(), p.count())))),
    COUNT_ZERO(
        Rule.COUNT_RANGE,
        c ->
            c.withRequest(
                e -> e.payment(0, p -> new PostPayment(p.name(), p.amount(), p.description(), 0)))),
    COUNT_OVER_HUNDRED(
        Rule.COUNT_RANGE,
        c ->
            c.withRequest(
                e ->
                    e.payment(
                        0, p -> new PostPayment(p.name(), p.amount(), p.description(), 101)))),
    NEGATIVE_TOTAL(Rule.TOTAL_NEGATIVE, c -> c.withRequest(e -> e.total(-1))),
    WRONG_TOTAL(Rule.TOTAL_FORMULA, Mutation::wrongTotal),
    OVER_RISK_FUND(Rule.TOTAL_OVER_RISK_FUND, Mutation::overRiskFund),
    END_TIME_LEFT_OUT(Rule.END_TIME_REQUIRED, Mutation::endTimeLeftOut),
    END_TIME_MALFORMED(Rule.TIME_FORMAT, c -> c.withRequest(e -> e.end("2026-11-26"))),
    END_TIME_OTHER_PRECISION(
        Rule.PRECISION_MISMATCH, c -> c.withRequest(e -> e.end(otherPrecision(e.end)))),
    END_TIME_BEFORE_START(
        Rule.END_TIME_BEFORE_START, c -> c.withRequest(e -> e.end(beforeStart(c)))),
    END_TIME_IN_FUTURE(Rule.END_TIME_IN_FUTURE, c -> c.withRequest(e -> e.end(future(e.end)))),
    REMARK_TOO_LONG(Rule.REMARK_LENGTH, c -> c.withRequest(e -> e.endRemark("备".repeat(21)))),
    GOODS_TAG_TOO_LONG(Rule.GOODS_TAG_LENGTH, c -> c.withRequest(e -> e.goodsTag("t".repeat(33)))),
    LOCATION_TOO_LONG(
        Rule.LOCATION_LENGTH,
        c -> c.withRequest(e -> e.location(new Location(null, "地".repeat(21))))),
    DEVICE_TOO_LONG(
        Rule.DEVICE_LENGTH,
        c -> c.withRequest(e -> e.device(new Device(null, "d".repeat(51), null)))),
    ORDER_NOT_CONFIRMED(
        Rule.ORDER_STATE, c -> c.withTarget(target(c.target(), LifecycleState.CREATED))),
    ORDER_ALREADY_COMPLETED(
        Rule.ORDER_STATE, c -> c.withTarget(target(c.target(), LifecycleState.DOING_MCH_COMPLETE)));

    final Rule rule;
    private final UnaryOperator<Case> mutate;

    Mutation(Rule rule, UnaryOperator<Case> mutate) {
      this.rule = rule;
      this.mutate = mutate;
    }

    Case apply(Case valid) {
      return mutate.apply(valid);
    }

    /** A risk fund below the total needs a total of at least 2 fen (a fund is at least 1). */
    boolean appliesTo(Case valid) {
      return this != OVER_RISK_FUND || valid.total() >= 2;
    }

    /** Total one off the sum; gives a payment an amount first if none has one (else no sum). */
    private static Case wrongTotal(Case c) {
      if (c.request().postPayments().stream().anyMatch(p -> p.amount() != null)) {
        return c.withRequest(e -> e.total(e.total + 1)); // the risk fund leaves room for +1
      }
      long discounts =
          c.request().postDiscounts().stream()
              .mapToLong(d -> Objects.requireNonNull(d.amount()))
              .sum();
      return c.withRequest(
          e ->
              e.payment(
                  0,
                  p ->
                      new PostPayment(
                          p.name(), e.total + discounts + 1, p.description(), p.count())));
    }

    private static Case overRiskFund(Case c) {
      return c.withTarget(
          new CompletionTarget(
              c.target().appid(),
              c.target().serviceId(),
              c.target().lifecycle(),
              RiskFund.of(RiskFundName.DEPOSIT, c.total() - 1),
              c.target().createTimeRange()));
    }

    private static Case endTimeLeftOut(Case c) {
      TimeRange created = Objects.requireNonNull(c.target().createTimeRange());
      return c.withRequest(e -> e.end(null))
          .withTarget(
              new CompletionTarget(
                  c.target().appid(),
                  c.target().serviceId(),
                  c.target().lifecycle(),
                  c.target().riskFund(),
                  TimeRange.between(created.startTime(), null)));
    }

    private static String otherPrecision(@Nullable String end) {
      ServiceTime time = ServiceTime.parse(Objects.requireNonNull(end));
      return time.precision() == TimePrecision.DAY
          ? ServiceTime.ofSeconds(time.start()).text()
          : ServiceTime.ofDay(time.start()).text();
    }

    /** One unit before the order's start: a second, or a day. */
    private static String beforeStart(Case c) {
      TimeRange created = Objects.requireNonNull(c.target().createTimeRange());
      ServiceTime start = ServiceTime.parse(Objects.requireNonNull(created.startTime()));
      return start.precision() == TimePrecision.DAY
          ? ServiceTime.ofDay(start.start().minus(Duration.ofDays(1))).text()
          : ServiceTime.ofSeconds(start.start().minusSeconds(1)).text();
    }

    /** One unit after now: a second, or a day. */
    private static String future(@Nullable String end) {
      ServiceTime time = ServiceTime.parse(Objects.requireNonNull(end));
      return time.precision() == TimePrecision.DAY
          ? ServiceTime.ofDay(NOW.plus(Duration.ofDays(1))).text()
          : ServiceTime.ofSeconds(NOW.plusSeconds(1)).text();
    }

    private static PostPayment payment(String name, PostPayment p) {
      return new PostPayment(name, p.amount(), p.description(), p.count());
    }

    private static CompletionTarget target(CompletionTarget t, LifecycleState state) {
      return new CompletionTarget(
          t.appid(), t.serviceId(), state, t.riskFund(), t.createTimeRange());
    }
  }

  /** A mutable copy of a request, for mutations only. */
  static final class Edit {
    String appid;
    String serviceId;
    List<PostPayment> payments;
    List<PostDiscount> discounts;
    long total;
    @Nullable String start;
    @Nullable String startRemark;
    @Nullable String end;
    @Nullable String endRemark;
    @Nullable Location location;
    @Nullable String goodsTag;
    @Nullable Device device;
    private final CompleteOrder original;

    Edit(CompleteOrder request) {
      original = request;
      appid = request.appid();
      serviceId = request.serviceId();
      payments = new ArrayList<>(request.postPayments());
      discounts = new ArrayList<>(request.postDiscounts());
      total = request.totalAmount();
      TimeRange range = Objects.requireNonNull(request.timeRange());
      start = range.startTime();
      startRemark = range.startTimeRemark();
      end = range.endTime();
      endRemark = range.endTimeRemark();
      location = request.location();
      goodsTag = request.goodsTag();
      device = request.device();
    }

    Edit appid(String value) {
      appid = value;
      return this;
    }

    Edit serviceId(String value) {
      serviceId = value;
      return this;
    }

    Edit payments(List<PostPayment> value) {
      payments = new ArrayList<>(value);
      return this;
    }

    Edit payment(int i, UnaryOperator<PostPayment> change) {
      payments.set(i, change.apply(payments.get(i)));
      return this;
    }

    Edit addPayment(PostPayment payment) {
      payments.add(payment);
      return this;
    }

    Edit addDiscount(PostDiscount discount) {
      discounts.add(discount);
      return this;
    }

    Edit total(long value) {
      total = value;
      return this;
    }

    Edit end(@Nullable String value) {
      end = value;
      return this;
    }

    Edit endRemark(String value) {
      endRemark = value;
      return this;
    }

    Edit location(Location value) {
      location = value;
      return this;
    }

    Edit goodsTag(String value) {
      goodsTag = value;
      return this;
    }

    Edit device(Device value) {
      device = value;
      return this;
    }

    Edit addPayments(int upTo, String prefix) {
      for (int i = payments.size(); i < upTo; i++) {
        payments.add(new PostPayment(prefix + i, null, "说明", null));
      }
      return this;
    }

    Edit addDiscounts(int upTo) {
      for (int i = discounts.size(); i < upTo; i++) {
        discounts.add(new PostDiscount("减" + i, "说明", 0L, null));
      }
      return this;
    }

    CompleteOrder build() {
      return new CompleteOrder(
          appid,
          serviceId,
          payments,
          discounts,
          total,
          new TimeRange(start, startRemark, end, endRemark),
          location,
          original.profitSharing(),
          goodsTag,
          device);
    }
  }

  // ---- generators ----

  /** Characters of names and texts: ASCII, Chinese, and a character outside the BMP. */
  private static Arbitrary<String> text(int min, int max) {
    return Arbitraries.of("a", "Z", "7", "-", "充", "电", "费", "骑", "行", "时", "长", "🔋")
        .list()
        .ofMinSize(min)
        .ofMaxSize(max)
        .map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<Case> validCases() {
    Arbitrary<List<PostPayment>> payments =
        Combinators.combine(
                Arbitraries.longs().between(0, 1_000_000).injectNull(0.3),
                text(0, 30).injectNull(0.3),
                Arbitraries.integers().between(1, 100).injectNull(0.5))
            .as(
                (amount, description, count) ->
                    amount == null && description == null
                        ? new PostPayment("x", 0L, null, count)
                        : new PostPayment("x", amount, description, count))
            .list()
            .ofMinSize(1)
            .ofMaxSize(6)
            .flatMap(
                items ->
                    text(1, 20)
                        .list()
                        .ofSize(items.size())
                        .uniqueElements()
                        .map(names -> renamed(items, names)));
    Arbitrary<List<PostDiscount>> discounts =
        Combinators.combine(
                text(1, 20),
                text(0, 30),
                Arbitraries.longs().between(0, 10_000),
                Arbitraries.integers().between(1, 100).injectNull(0.5))
            .as(PostDiscount::new)
            .list()
            .ofMaxSize(3)
            .uniqueElements(PostDiscount::name);
    Arbitrary<Times> times =
        Combinators.combine(
                Arbitraries.of(TimePrecision.class),
                Arbitraries.longs().between(1, 30L * 24 * 3600),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false))
            .as(Times::of);
    Arbitrary<Extras> extras =
        Combinators.combine(
                text(0, 20).injectNull(0.5),
                text(0, 20).injectNull(0.5),
                text(0, 20).injectNull(0.5),
                text(0, 32).injectNull(0.5),
                text(0, 50).injectNull(0.5),
                Arbitraries.of(true, false).injectNull(0.5))
            .as(Extras::new);
    return Combinators.combine(
            Arbitraries.strings()
                .withCharRange('a', 'z')
                .ofMinLength(1)
                .ofMaxLength(20)
                .map(s -> "wx" + s),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(31),
            payments,
            discounts,
            Arbitraries.longs().between(0, 1_000_000),
            times,
            extras,
            Arbitraries.of(RiskFundName.class))
        .as(CompletionValidatorPropertyTest::validCase);
  }

  private static List<PostPayment> renamed(List<PostPayment> items, List<String> names) {
    List<PostPayment> result = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      PostPayment p = items.get(i);
      result.add(new PostPayment(names.get(i), p.amount(), p.description(), p.count()));
    }
    return result;
  }

  /** A create time range and the request's time range, all at or before {@link #NOW}. */
  record Times(TimeRange created, TimeRange requested) {
    static Times of(
        TimePrecision precision,
        long startSecondsAgo,
        double endFraction,
        boolean endAtCreate,
        boolean resendStart) {
      Instant start = NOW.minusSeconds(startSecondsAgo);
      Instant end = start.plusSeconds(Math.max(1, (long) (startSecondsAgo * endFraction)));
      if (end.isAfter(NOW)) {
        end = NOW;
      }
      String startText = ServiceTime.of(start, precision).text();
      String endText = ServiceTime.of(end, precision).text();
      return new Times(
          TimeRange.between(startText, endAtCreate ? endText : null),
          TimeRange.between(resendStart ? startText : null, endText));
    }
  }

  record Extras(
      @Nullable String startRemark,
      @Nullable String endRemark,
      @Nullable String location,
      @Nullable String goodsTag,
      @Nullable String deviceId,
      @Nullable Boolean profitSharing) {}

  private static Case validCase(
      String appid,
      String serviceId,
      List<PostPayment> payments,
      List<PostDiscount> discounts,
      long totalWithoutAmounts,
      Times times,
      Extras extras,
      RiskFundName fundName) {
    long paid = payments.stream().mapToLong(p -> p.amount() == null ? 0 : p.amount()).sum();
    boolean anyAmount = payments.stream().anyMatch(p -> p.amount() != null);
    long discounted = discounts.stream().mapToLong(d -> Objects.requireNonNull(d.amount())).sum();
    List<PostDiscount> fitting = discounted <= paid || !anyAmount ? discounts : List.of();
    long total = anyAmount ? paid - (fitting == discounts ? discounted : 0) : totalWithoutAmounts;
    TimeRange requested = times.requested();
    CompleteOrder request =
        new CompleteOrder(
            appid,
            serviceId,
            payments,
            fitting,
            total,
            new TimeRange(
                requested.startTime(),
                extras.startRemark(),
                requested.endTime(),
                extras.endRemark()),
            extras.location() == null ? null : new Location(null, extras.location()),
            extras.profitSharing(),
            extras.goodsTag(),
            extras.deviceId() == null
                ? null
                : new Device(extras.deviceId(), extras.deviceId(), null));
    CompletionTarget target =
        new CompletionTarget(
            AppId.of(appid),
            ServiceId.of(serviceId),
            LifecycleState.DOING_USER_CONFIRM,
            RiskFund.of(fundName, total + 1),
            times.created());
    return new Case(request, target);
  }

  // ---- arbitrary input, valid or not ----

  @Provide
  Arbitrary<CompleteOrder> anyRequests() {
    Arbitrary<String> anyText = Arbitraries.strings().ofMaxLength(40);
    Arbitrary<@Nullable String> maybeText = anyText.injectNull(0.3);
    Arbitrary<@Nullable String> maybeTime =
        Arbitraries.oneOf(
                anyText,
                Arbitraries.strings().numeric().ofLength(14),
                Arbitraries.strings().numeric().ofLength(8),
                Arbitraries.just("OnAccept"))
            .injectNull(0.3);
    Arbitrary<@Nullable Long> anyLong = Arbitraries.longs().injectNull(0.3);
    Arbitrary<@Nullable Integer> anyInt = Arbitraries.integers().injectNull(0.3);
    Arbitrary<List<PostPayment>> payments =
        Combinators.combine(anyText, anyLong, maybeText, anyInt)
            .as(PostPayment::new)
            .list()
            .ofMaxSize(105);
    Arbitrary<List<PostDiscount>> discounts =
        Combinators.combine(anyText, maybeText, anyLong, anyInt)
            .as(PostDiscount::new)
            .list()
            .ofMaxSize(33);
    Arbitrary<@Nullable TimeRange> range =
        Combinators.combine(maybeTime, maybeText, maybeTime, maybeText)
            .as(TimeRange::new)
            .injectNull(0.2);
    Arbitrary<@Nullable Location> location =
        Combinators.combine(maybeText, maybeText).as(Location::new).injectNull(0.3);
    Arbitrary<@Nullable Device> device =
        Combinators.combine(maybeText, maybeText, maybeText).as(Device::new).injectNull(0.3);
    return Combinators.combine(
            anyText, anyText, payments, discounts, Arbitraries.longs(), range, location, device)
        .as(
            (appid, serviceId, p, d, total, r, l, dev) ->
                new CompleteOrder(appid, serviceId, p, d, total, r, l, null, appid, dev));
  }

  @Provide
  Arbitrary<@Nullable CompletionTarget> anyTargets() {
    Arbitrary<@Nullable String> maybeTime =
        Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(16),
                Arbitraries.strings().numeric().ofLength(14),
                Arbitraries.strings().numeric().ofLength(8),
                Arbitraries.just("OnAccept"))
            .injectNull(0.3);
    Arbitrary<@Nullable RiskFund> fund =
        Combinators.combine(
                Arbitraries.of(RiskFundName.class), Arbitraries.longs().greaterOrEqual(1))
            .as(RiskFund::of)
            .injectNull(0.3);
    Arbitrary<@Nullable TimeRange> created =
        Combinators.combine(maybeTime, maybeTime).as(TimeRange::between).injectNull(0.2);
    return Combinators.combine(
            Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(32),
            Arbitraries.of(LifecycleState.class),
            fund,
            created)
        .as((id, state, f, c) -> new CompletionTarget(AppId.of(id), ServiceId.of(id), state, f, c))
        .injectNull(0.2);
  }

  @Provide
  Arbitrary<CompletionValidator> anyValidators() {
    Arbitrary<Instant> instants =
        Arbitraries.longs().between(-62_000_000_000L, 253_000_000_000L).map(Instant::ofEpochSecond);
    Arbitrary<CompletionLimits> limits =
        Combinators.combine(
                Arbitraries.integers().between(1, 60),
                Arbitraries.of(true, false),
                Arbitraries.longs().between(0, 3600))
            .as(
                (max, checked, margin) ->
                    new CompletionLimits(max, max, max, checked, Duration.ofSeconds(margin)));
    return Combinators.combine(instants, limits, Arbitraries.of(BillingConvention.class))
        .as(
            (now, l, convention) ->
                new CompletionValidator(Clock.fixed(now, ZoneOffset.UTC), l, convention));
  }
}
