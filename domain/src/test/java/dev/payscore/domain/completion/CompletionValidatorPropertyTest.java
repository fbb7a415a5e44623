package dev.payscore.domain.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.payscore.AppId;
import dev.payscore.CompleteOrder;
import dev.payscore.Device;
import dev.payscore.Location;
import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.Rule;
import dev.payscore.ServiceId;
import dev.payscore.TimeRange;
import dev.payscore.Violation;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceTime;
import dev.payscore.domain.model.TimePrecision;
import dev.payscore.generators.Gen;
import dev.payscore.generators.Property;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Properties of the validator: generated valid completions pass; each single mutation that breaks
 * one rule yields exactly that rule; no input makes it throw. Seeded generators ({@link Gen}): a
 * failing try prints its seed, {@code -Dpayscore.seed=…} replays it.
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

  @TestFactory
  Stream<DynamicTest> generatedValidCompletionsPass() {
    return Property.check(
        200,
        validCases(),
        valid -> assertThat(VALIDATOR.validate(valid.request(), valid.target())).isEmpty());
  }

  @TestFactory
  Stream<DynamicTest> eachSingleMutationYieldsExactlyItsRule() {
    return Property.check(
        100,
        validCases(),
        valid -> {
          for (Mutation mutation : Mutation.values()) {
            if (mutation.appliesTo(valid)) {
              Case broken = mutation.apply(valid);
              assertThat(VALIDATOR.validate(broken.request(), broken.target()))
                  .as(mutation.name())
                  .extracting(Violation::rule)
                  .containsExactly(mutation.rule);
            }
          }
        });
  }

  /** Any input, valid or not, for {@link #validationNeverThrows}. */
  record AnyInput(
      CompleteOrder request, @Nullable CompletionTarget target, CompletionValidator validator) {}

  @TestFactory
  Stream<DynamicTest> validationNeverThrows() {
    Gen<CompleteOrder> requests = anyRequests();
    Gen<@Nullable CompletionTarget> targets = anyTargets();
    Gen<CompletionValidator> validators = anyValidators();
    return Property.check(
        300,
        random ->
            new AnyInput(requests.next(random), targets.next(random), validators.next(random)),
        input ->
            assertThatCode(
                    () -> {
                      CompletionTarget target = input.target();
                      List<Violation> violations =
                          target == null
                              ? input.validator().validate(input.request())
                              : input.validator().validate(input.request(), target);
                      assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank());
                    })
                .doesNotThrowAnyException());
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
    DISCOUNT_WITH_EMPTY_DESCRIPTION(
        Rule.DESCRIPTION_REQUIRED,
        c -> c.withRequest(e -> e.addDiscount(new PostDiscount("空说明优惠", "", 0L, null)))),
    NAME_WITH_LONE_SURROGATE(
        Rule.TEXT_MALFORMED, c -> c.withRequest(e -> e.payment(0, p -> payment("\ud83d名", p)))),
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
  private static Gen<String> text(int min, int max) {
    return Gen.joined(
        Gen.of("a", "Z", "7", "-", "充", "电", "费", "骑", "行", "时", "长", "🔋"), min, max);
  }

  static Gen<Case> validCases() {
    Gen<Long> amounts = Gen.longs(0, 1_000_000).orNull(0.3);
    Gen<String> descriptions = text(0, 30).orNull(0.3);
    Gen<Integer> counts = Gen.ints(1, 100).orNull(0.5);
    Gen<PostPayment> payment =
        random -> {
          Long amount = amounts.next(random);
          String description = descriptions.next(random);
          Integer count = counts.next(random);
          return amount == null && description == null
              ? new PostPayment("x", 0L, null, count)
              : new PostPayment("x", amount, description, count);
        };
    Gen<List<PostPayment>> payments =
        payment
            .list(1, 6)
            .flatMap(
                items ->
                    text(1, 20)
                        .uniqueList(items.size(), items.size(), name -> name)
                        .map(names -> renamed(items, names)));
    Gen<String> discountNames = text(1, 20);
    Gen<String> discountDescriptions = text(1, 30); // an empty one is a missing one
    Gen<Long> discountAmounts = Gen.longs(0, 10_000);
    Gen<PostDiscount> discount =
        random ->
            new PostDiscount(
                discountNames.next(random),
                discountDescriptions.next(random),
                discountAmounts.next(random),
                counts.next(random));
    Gen<List<PostDiscount>> discounts = discount.uniqueList(0, 3, PostDiscount::name);
    Gen<TimePrecision> precisions = Gen.of(TimePrecision.class);
    Gen<Long> startsAgo = Gen.longs(1, 30L * 24 * 3600);
    Gen<Double> fractions = Gen.doubles(0, 1);
    Gen<Times> times =
        random ->
            Times.of(
                precisions.next(random),
                startsAgo.next(random),
                fractions.next(random),
                random.nextBoolean(),
                random.nextBoolean());
    Gen<@Nullable String> shortText = text(0, 20).orNull(0.5);
    Gen<@Nullable String> tags = text(0, 32).orNull(0.5);
    Gen<@Nullable String> deviceIds = text(0, 50).orNull(0.5);
    Gen<@Nullable Boolean> sharing = Gen.booleans().orNull(0.5);
    Gen<Extras> extras =
        random ->
            new Extras(
                shortText.next(random),
                shortText.next(random),
                shortText.next(random),
                tags.next(random),
                deviceIds.next(random),
                sharing.next(random));
    Gen<String> appids = Gen.chars('a', 'z', 1, 20).map(s -> "wx" + s);
    Gen<String> serviceIds = Gen.digits(1, 31);
    Gen<Long> freeTotals = Gen.longs(0, 1_000_000);
    Gen<RiskFundName> fundNames = Gen.of(RiskFundName.class);
    return random ->
        validCase(
            appids.next(random),
            serviceIds.next(random),
            payments.next(random),
            discounts.next(random),
            freeTotals.next(random),
            times.next(random),
            extras.next(random),
            fundNames.next(random));
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

  static Gen<CompleteOrder> anyRequests() {
    Gen<String> anyText = Gen.anyText(40);
    Gen<@Nullable String> maybeText = anyText.orNull(0.3);
    Gen<@Nullable String> maybeTime =
        Gen.<String>oneOf(anyText, Gen.digits(14, 14), Gen.digits(8, 8), Gen.constant("OnAccept"))
            .orNull(0.3);
    Gen<@Nullable Long> anyLong = Gen.anyLong().orNull(0.3);
    Gen<@Nullable Integer> anyInt = Gen.anyInt().orNull(0.3);
    Gen<PostPayment> payment =
        random ->
            new PostPayment(
                anyText.next(random),
                anyLong.next(random),
                maybeText.next(random),
                anyInt.next(random));
    Gen<List<PostPayment>> payments = payment.list(0, 105);
    Gen<PostDiscount> discount =
        random ->
            new PostDiscount(
                anyText.next(random),
                maybeText.next(random),
                anyLong.next(random),
                anyInt.next(random));
    Gen<List<PostDiscount>> discounts = discount.list(0, 33);
    Gen<TimeRange> someRange =
        random ->
            new TimeRange(
                maybeTime.next(random),
                maybeText.next(random),
                maybeTime.next(random),
                maybeText.next(random));
    Gen<@Nullable TimeRange> range = someRange.orNull(0.2);
    Gen<Location> someLocation =
        random -> new Location(maybeText.next(random), maybeText.next(random));
    Gen<@Nullable Location> location = someLocation.orNull(0.3);
    Gen<Device> someDevice =
        random ->
            new Device(maybeText.next(random), maybeText.next(random), maybeText.next(random));
    Gen<@Nullable Device> device = someDevice.orNull(0.3);
    Gen<Long> totals = Gen.anyLong();
    return random -> {
      String appid = anyText.next(random);
      return new CompleteOrder(
          appid,
          anyText.next(random),
          payments.next(random),
          discounts.next(random),
          totals.next(random),
          range.next(random),
          location.next(random),
          null,
          appid,
          device.next(random));
    };
  }

  static Gen<@Nullable CompletionTarget> anyTargets() {
    Gen<@Nullable String> maybeTime =
        Gen.<String>oneOf(
                Gen.anyText(16), Gen.digits(14, 14), Gen.digits(8, 8), Gen.constant("OnAccept"))
            .orNull(0.3);
    Gen<RiskFundName> names = Gen.of(RiskFundName.class);
    Gen<Long> fundAmounts = Gen.longs(1, Long.MAX_VALUE);
    Gen<@Nullable RiskFund> fund = Gen.zip(names, fundAmounts, RiskFund::of).orNull(0.3);
    Gen<@Nullable TimeRange> created =
        Gen.zip(maybeTime, maybeTime, TimeRange::between).orNull(0.2);
    Gen<String> ids = Gen.chars('!', '~', 1, 32);
    Gen<LifecycleState> states = Gen.of(LifecycleState.class);
    Gen<CompletionTarget> target =
        random -> {
          String id = ids.next(random);
          return new CompletionTarget(
              AppId.of(id),
              ServiceId.of(id),
              states.next(random),
              fund.next(random),
              created.next(random));
        };
    return target.orNull(0.2);
  }

  static Gen<CompletionValidator> anyValidators() {
    Gen<Instant> instants =
        Gen.longs(-62_000_000_000L, 253_000_000_000L).map(Instant::ofEpochSecond);
    Gen<Integer> maxima = Gen.ints(1, 60);
    Gen<Long> margins = Gen.longs(0, 3600);
    Gen<BillingConvention> conventions = Gen.of(BillingConvention.class);
    return random -> {
      Instant now = instants.next(random);
      int max = maxima.next(random);
      CompletionLimits limits =
          new CompletionLimits(
              max, max, max, random.nextBoolean(), Duration.ofSeconds(margins.next(random)));
      return new CompletionValidator(
          Clock.fixed(now, ZoneOffset.UTC), limits, conventions.next(random));
    };
  }
}
