package dev.payscore.wechat.sandbox;

import static dev.payscore.wechat.sandbox.CompletionDifferentialTest.name;
import static dev.payscore.wechat.sandbox.CompletionDifferentialTest.text;
import static dev.payscore.wechat.sandbox.SandboxedGateway.APPID;
import static dev.payscore.wechat.sandbox.SandboxedGateway.MCHID;
import static dev.payscore.wechat.sandbox.SandboxedGateway.SERVICE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.CreateOrder;
import dev.payscore.Device;
import dev.payscore.Location;
import dev.payscore.OutOrderNo;
import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.Rule;
import dev.payscore.TimeRange;
import dev.payscore.Violation;
import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.domain.model.ConfirmationMode;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.model.ServiceTime;
import dev.payscore.domain.port.out.CancelOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.ModifyOrder;
import dev.payscore.generators.Gen;
import dev.payscore.generators.Property;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * The differential test of {@link CompletionDifferentialTest} for the other requests a merchant
 * sends: generated create, modify and cancel bodies, valid ones and ones with a few rule breaks,
 * judged by our {@link CompletionValidator} ({@code validateCreate}, {@code validateModify}, {@code
 * validateCancel}) and by the sandbox over real HTTP through our gateway. Both must agree on valid
 * or invalid, and where the sandbox names a rule, ours must name it too.
 *
 * <p>The breaks generate each class of difference issue 14 found on these requests (item 15): item
 * lengths, counts, discount rules and the formula at modify, an unchanged total (allowed), reasons
 * at 50 and over, and at create the start and end times against now, {@code service_introduction},
 * {@code notify_url} (https, loopback http, length), {@code attach}, items, location and the risk
 * fund; blank texts, boundaries that stay valid, and the service's risk cap, which the domain is
 * told as a merchant configures it.
 */
final class RequestDifferentialTest {
  private static final long RISK_CAP = 2_000_00L;
  private static final String NOTIFY_URL = "https://merchant.example.com/payscore/notify";
  private static SandboxedGateway wechat;
  private static CompletionValidator validator;

  @BeforeAll
  static void start() {
    wechat = SandboxedGateway.start(RISK_CAP, config -> config);
    validator = wechat.validator(RISK_CAP);
  }

  @AfterAll
  static void stop() {
    wechat.close();
  }

  /** Valid agreement, or the sandbox's first refusal among ours. */
  private static void agree(List<Violation> ours, GatewayOutcome<?> theirs, String request) {
    List<Rule> rules = ours.stream().map(Violation::rule).toList();
    String story = request + "\nours " + ours + "\ntheirs " + theirs;
    if (theirs instanceof GatewayOutcome.Accepted<?>) {
      assertThat(rules).as(story).isEmpty();
      return;
    }
    assertThat(theirs).as(story).isInstanceOf(GatewayOutcome.Rejected.class);
    Optional<Rule> named = SandboxRefusals.rule((GatewayOutcome.Rejected<?>) theirs);
    assertThat(named).as("a refusal the sandbox names a rule for\n" + story).isPresent();
    assertThat(rules).as(story).contains(named.get());
  }

  // ---------------------------------------------------------------- items, shared

  /** A bill being edited: the items of a create or a modify. */
  static final class Items {
    List<PostPayment> payments;
    List<PostDiscount> discounts;

    Items(List<PostPayment> payments, List<PostDiscount> discounts) {
      this.payments = new ArrayList<>(payments);
      this.discounts = new ArrayList<>(discounts);
    }
  }

  /** Item breaks judged alike at create and modify (the amounts they add are 0 or negative). */
  enum ItemBreak {
    LONG_NAME((items, n) -> items.payments.add(new PostPayment("长".repeat(21), null, "说明", null))),
    NAME_AT_LIMIT(
        (items, n) -> items.payments.add(new PostPayment("名".repeat(20), null, "说明", null))),
    BLANK_NAME(
        (items, n) -> items.payments.add(new PostPayment(" ".repeat(1 + n % 2), null, "说明", null))),
    DUPLICATE_PAYMENT_NAME(
        (items, n) -> {
          items.payments.add(new PostPayment("同名项", null, "一", null));
          items.payments.add(new PostPayment("同名项", null, "二", null));
        }),
    GOODS_INFO_REPEATED(
        (items, n) -> {
          items.payments.add(new PostPayment("商品信息", 0L, "可乐", 2));
          items.payments.add(new PostPayment("商品信息", 0L, "雪碧", 1));
        }),
    DUPLICATE_DISCOUNT_NAME(
        (items, n) -> {
          items.discounts.add(new PostDiscount("同一优惠", "减免", 0L, null));
          items.discounts.add(new PostDiscount("同一优惠", "减免", 0L, null));
        }),
    LONG_DESCRIPTION(
        (items, n) -> items.payments.add(new PostPayment("长说明", null, "说".repeat(31), null))),
    DISCOUNT_WITHOUT_DESCRIPTION(
        (items, n) -> items.discounts.add(new PostDiscount("无说明优惠", null, 0L, null))),
    BLANK_DISCOUNT_DESCRIPTION(
        (items, n) ->
            items.discounts.add(new PostDiscount("空说明优惠", n % 2 == 0 ? "" : "  ", 0L, null))),
    NEGATIVE_AMOUNT((items, n) -> items.payments.add(new PostPayment("负数项", -1L - n, "退款", null))),
    COUNT_OUT_OF_RANGE(
        (items, n) -> items.payments.add(new PostPayment("数量项", null, "计数", n % 2 == 0 ? 0 : 101))),
    EMPTY_ITEM((items, n) -> items.payments.add(new PostPayment("空项", null, null, null))),
    HUNDRED_PAYMENTS((items, n) -> pad(items, 100)),
    TOO_MANY_PAYMENTS((items, n) -> pad(items, 101)),
    THIRTY_DISCOUNTS((items, n) -> padDiscounts(items, 30)),
    TOO_MANY_DISCOUNTS((items, n) -> padDiscounts(items, 31));

    private final Change change;

    ItemBreak(Change change) {
      this.change = change;
    }

    void apply(Items items, int n) {
      change.apply(items, n);
    }

    interface Change {
      void apply(Items items, int n);
    }

    private static void pad(Items items, int size) {
      for (int i = items.payments.size(); i < size; i++) {
        items.payments.add(new PostPayment("补充项" + i, null, "说明", null));
      }
    }

    private static void padDiscounts(Items items, int size) {
      for (int i = items.discounts.size(); i < size; i++) {
        items.discounts.add(new PostDiscount("补充优惠" + i, "说明", 0L, null));
      }
    }
  }

  static Gen<List<PostPayment>> describedPayments(int min, int max) {
    Gen<String> descriptions = text(1, 30);
    Gen<@Nullable Integer> counts = Gen.ints(1, 100).orNull(0.5);
    return Gen.ints(min, max)
        .flatMap(
            n ->
                random -> {
                  List<PostPayment> payments = new ArrayList<>();
                  for (int i = 0; i < n; i++) {
                    payments.add(
                        new PostPayment(
                            name(i).next(random),
                            null,
                            descriptions.next(random),
                            counts.next(random)));
                  }
                  return payments;
                });
  }

  static Gen<List<PostDiscount>> discounts(int max, boolean withAmounts) {
    Gen<String> descriptions = text(1, 30);
    Gen<@Nullable Long> amounts = Gen.longs(0, 5_00).orNull(withAmounts ? 0 : 0.5);
    return Gen.ints(0, max)
        .flatMap(
            n ->
                random -> {
                  List<PostDiscount> discounts = new ArrayList<>();
                  for (int i = 0; i < n; i++) {
                    discounts.add(
                        new PostDiscount(
                            "优惠" + i, descriptions.next(random), amounts.next(random), null));
                  }
                  return discounts;
                });
  }

  record Break<K>(K kind, int n) {
    @Override
    public String toString() {
      return kind + "(" + n + ")";
    }
  }

  /** The request's own breaks: none, one, or a few at once. */
  static <K> Gen<List<Break<K>>> breaks(Gen<K> kinds) {
    Gen<Break<K>> one = breaking(kinds);
    return Gen.weighted(2, Gen.constant(List.of()), 5, one.list(1), 2, one.list(2, 3));
  }

  /** Item breaks, shared by create and modify: mostly none, sometimes one or two. */
  static Gen<List<Break<ItemBreak>>> itemBreaks() {
    Gen<Break<ItemBreak>> one = breaking(Gen.of(ItemBreak.class));
    return Gen.weighted(3, Gen.constant(List.of()), 2, one.list(1), 1, one.list(2));
  }

  private static <K> Gen<Break<K>> breaking(Gen<K> kinds) {
    Gen<Integer> variations = Gen.ints(0, 10_000);
    return random -> new Break<>(kinds.next(random), variations.next(random));
  }

  // ---------------------------------------------------------------- create

  /** How a create's expected time range is written. */
  enum Start {
    SECONDS,
    DAYS,
    ON_ACCEPT
  }

  /** A valid create before its breaks. */
  record CreateDraft(
      String introduction,
      List<PostPayment> payments,
      List<PostDiscount> discounts,
      Start start,
      long startAhead,
      @Nullable Long endAfter,
      @Nullable String remark,
      @Nullable Location location,
      RiskFundName fund,
      long fundAmount,
      @Nullable String fundDescription,
      @Nullable String attach,
      @Nullable Device device) {}

  /** A create body being edited. */
  static final class CreateEdit {
    String outOrderNo;
    String introduction;
    Items items;
    @Nullable String startTime;
    @Nullable String endTime;
    @Nullable String remark;
    @Nullable Location location;
    RiskFund fund;
    @Nullable String attach;
    String notifyUrl = NOTIFY_URL;
    @Nullable Device device;

    CreateEdit(CreateDraft draft, OutOrderNo outOrderNo, Instant now) {
      this.outOrderNo = outOrderNo.value();
      this.introduction = draft.introduction();
      this.items = new Items(draft.payments(), draft.discounts());
      this.remark = draft.remark();
      this.location = draft.location();
      this.fund = new RiskFund(draft.fund(), draft.fundAmount(), draft.fundDescription());
      this.attach = draft.attach();
      this.device = draft.device();
      switch (draft.start()) {
        case SECONDS -> {
          Instant start = now.plusSeconds(1 + draft.startAhead() % 7200);
          startTime = ServiceTime.ofSeconds(start).text();
          Long after = draft.endAfter();
          endTime =
              after == null
                  ? null
                  : ServiceTime.ofSeconds(
                          later(start, now.plusSeconds(60)).plusSeconds(1 + after % 7200))
                      .text();
        }
        case DAYS -> {
          Instant start = now.plus(Duration.ofDays(draft.startAhead() % 3));
          startTime = ServiceTime.ofDay(start).text();
          Long after = draft.endAfter();
          endTime =
              after == null
                  ? null
                  : ServiceTime.ofDay(start.plus(Duration.ofDays(after % 3))).text();
        }
        case ON_ACCEPT -> {
          startTime = ServiceTime.ON_ACCEPT;
          Long after = draft.endAfter();
          endTime =
              after == null
                  ? null
                  : ServiceTime.ofSeconds(now.plusSeconds(61 + after % 7200)).text();
        }
      }
    }

    private static Instant later(Instant a, Instant b) {
      return a.isAfter(b) ? a : b;
    }

    CreateOrder build() {
      return new CreateOrder(
          outOrderNo,
          APPID.value(),
          SERVICE_ID.value(),
          introduction,
          items.payments,
          items.discounts,
          new TimeRange(startTime, remark, endTime, null),
          location,
          fund,
          attach,
          notifyUrl,
          null,
          null,
          device);
    }
  }

  /** Create breaks: most break one rule, some stay valid at a boundary. */
  enum CreateBreak {
    NO_PAYMENTS((e, now, n) -> e.items.payments.clear()),
    DISCOUNT_WITHOUT_AMOUNT(
        (e, now, n) -> e.items.discounts.add(new PostDiscount("到店优惠", "到店再减", null, null))),
    BAD_OUT_ORDER_NO((e, now, n) -> e.outOrderNo = n % 2 == 0 ? "o*" + n : "o".repeat(33)),
    OUT_ORDER_NO_AT_LIMIT(
        (e, now, n) -> e.outOrderNo = (e.outOrderNo + "_-|" + "x".repeat(32)).substring(0, 32)),
    LONG_INTRODUCTION((e, now, n) -> e.introduction = "介".repeat(21)),
    INTRODUCTION_AT_LIMIT((e, now, n) -> e.introduction = "介".repeat(20)),
    BLANK_INTRODUCTION((e, now, n) -> e.introduction = n % 2 == 0 ? "" : " "),
    START_PASSED(
        (e, now, n) -> {
          e.startTime =
              n % 2 == 0
                  ? ServiceTime.ofSeconds(now.minusSeconds(n % 600)).text()
                  : ServiceTime.ofDay(now.minus(Duration.ofDays(1 + n % 3))).text();
          e.endTime = null;
        }),
    START_NEXT_SECOND(
        (e, now, n) -> {
          e.startTime = ServiceTime.ofSeconds(now.plusSeconds(1)).text();
          e.endTime = null;
        }),
    START_TODAY(
        (e, now, n) -> {
          e.startTime = ServiceTime.ofDay(now).text();
          e.endTime = null;
        }),
    START_MALFORMED(
        (e, now, n) ->
            e.startTime =
                List.of("2026-11-27", "20261327100000", "onaccept", "", "202611271000").get(n % 5)),
    END_TOO_SOON(
        (e, now, n) -> {
          e.startTime = ServiceTime.ON_ACCEPT;
          e.endTime = ServiceTime.ofSeconds(now.plusSeconds(n % 61)).text();
        }),
    END_JUST_LATE_ENOUGH(
        (e, now, n) -> {
          e.startTime = ServiceTime.ON_ACCEPT;
          e.endTime = ServiceTime.ofSeconds(now.plusSeconds(61)).text();
        }),
    END_BEFORE_START(
        (e, now, n) -> {
          if (n % 2 == 0) {
            Instant start = now.plus(Duration.ofHours(3));
            e.startTime = ServiceTime.ofSeconds(start).text();
            e.endTime = ServiceTime.ofSeconds(start.minusSeconds(n % 3600)).text();
          } else {
            Instant start = now.plus(Duration.ofDays(2));
            e.startTime = ServiceTime.ofDay(start).text();
            e.endTime = ServiceTime.ofDay(start.minus(Duration.ofDays(1 + n % 2))).text();
          }
        }),
    END_OTHER_PRECISION(
        (e, now, n) -> {
          Instant start = now.plus(Duration.ofDays(1));
          if (n % 2 == 0) {
            e.startTime = ServiceTime.ofSeconds(start).text();
            e.endTime = ServiceTime.ofDay(start.plus(Duration.ofDays(1))).text();
          } else {
            e.startTime = ServiceTime.ofDay(start).text();
            e.endTime = ServiceTime.ofSeconds(start.plus(Duration.ofDays(1))).text();
          }
        }),
    END_ON_ACCEPT((e, now, n) -> e.endTime = ServiceTime.ON_ACCEPT),
    LONG_REMARK((e, now, n) -> e.remark = "备".repeat(21)),
    LOCATION_AT_LIMIT((e, now, n) -> e.location = new Location("起".repeat(20), "终".repeat(20))),
    LONG_LOCATION(
        (e, now, n) ->
            e.location =
                n % 2 == 0
                    ? new Location("起", "终".repeat(21))
                    : new Location("起".repeat(21), null)),
    END_LOCATION_ONLY((e, now, n) -> e.location = new Location(null, "终点")),
    FUND_OVER_SERVICE_RISK_CAP(
        (e, now, n) -> e.fund = new RiskFund(e.fund.name(), RISK_CAP + 1 + n % 1000, null)),
    FUND_AT_SERVICE_RISK_CAP((e, now, n) -> e.fund = new RiskFund(e.fund.name(), RISK_CAP, null)),
    LONG_FUND_DESCRIPTION(
        (e, now, n) -> e.fund = new RiskFund(e.fund.name(), e.fund.amount(), "押".repeat(31))),
    ATTACH_AT_LIMIT((e, now, n) -> e.attach = "a".repeat(256)),
    LONG_ATTACH((e, now, n) -> e.attach = "附".repeat(257)),
    NOTIFY_HTTP_REMOTE(
        (e, now, n) ->
            e.notifyUrl =
                List.of(
                        "http://merchant.example.com/notify",
                        "http://10.0.0.7:8080/notify",
                        "http://128.0.0.1/notify")
                    .get(n % 3)),
    NOTIFY_HTTP_LOOPBACK(
        (e, now, n) ->
            e.notifyUrl =
                List.of(
                        "http://127.0.0.1:9/notify",
                        "http://localhost:9/notify",
                        "http://[::1]:9/notify")
                    .get(n % 3)),
    NOTIFY_WITH_QUERY((e, now, n) -> e.notifyUrl = NOTIFY_URL + "?order=" + n),
    NOTIFY_NOT_A_URL(
        (e, now, n) ->
            e.notifyUrl = List.of("/notify", "ftp://m.example.com/n", "", " ").get(n % 4)),
    NOTIFY_AT_LIMIT((e, now, n) -> e.notifyUrl = "https://m.example.com/" + "n".repeat(255 - 22)),
    LONG_NOTIFY(
        (e, now, n) -> e.notifyUrl = "https://m.example.com/" + "n".repeat(256 - 22 + n % 10)),
    LONG_DEVICE(
        (e, now, n) ->
            e.device =
                switch (n % 3) {
                  case 0 -> new Device("s".repeat(51), null, null);
                  case 1 -> new Device(null, "电".repeat(51), null);
                  default -> new Device(null, null, "m".repeat(101));
                });

    private final Change change;

    CreateBreak(Change change) {
      this.change = change;
    }

    interface Change {
      void apply(CreateEdit edit, Instant now, int n);
    }
  }

  record CreateTrial(
      CreateDraft draft, List<Break<ItemBreak>> itemBreaks, List<Break<CreateBreak>> breaks) {}

  static Gen<CreateDraft> createDrafts() {
    Gen<String> introductions = text(1, 20);
    Gen<List<PostPayment>> payments = describedPayments(0, 4);
    Gen<List<PostDiscount>> discounts = discounts(3, false);
    Gen<Start> starts = Gen.of(Start.class);
    Gen<Long> aheads = Gen.longs(0, 100_000);
    Gen<@Nullable Long> ends = Gen.longs(0, 100_000).orNull(0.4);
    Gen<@Nullable String> remarks = text(1, 20).orNull(0.7);
    Gen<@Nullable String> places = text(1, 20);
    Gen<@Nullable Location> locations =
        Gen.<@Nullable Location>oneOf(
            Gen.constant(null),
            random -> new Location(places.next(random), null),
            random -> new Location(places.next(random), places.next(random)));
    Gen<RiskFundName> funds = Gen.of(RiskFundName.class);
    Gen<Long> fundAmounts = Gen.longs(1, RISK_CAP);
    Gen<@Nullable String> fundDescriptions = text(1, 30).orNull(0.6);
    Gen<@Nullable String> attaches = text(1, 100).orNull(0.6);
    Gen<@Nullable String> deviceIds = text(1, 50).orNull(0.5);
    Gen<@Nullable Device> devices =
        Gen.<@Nullable Device>oneOf(
            Gen.constant(null),
            random -> new Device(deviceIds.next(random), deviceIds.next(random), null));
    return random ->
        new CreateDraft(
            introductions.next(random),
            payments.next(random),
            discounts.next(random),
            starts.next(random),
            aheads.next(random),
            ends.next(random),
            remarks.next(random),
            locations.next(random),
            funds.next(random),
            fundAmounts.next(random),
            fundDescriptions.next(random),
            attaches.next(random),
            devices.next(random));
  }

  @TestFactory
  Stream<DynamicTest> theDomainAndTheSandboxAgreeOnEveryCreate() {
    Gen<CreateDraft> drafts = createDrafts();
    Gen<List<Break<ItemBreak>>> itemBreaks = itemBreaks();
    Gen<List<Break<CreateBreak>>> breaks = breaks(Gen.of(CreateBreak.class));
    return Property.check(
        200,
        random ->
            new CreateTrial(drafts.next(random), itemBreaks.next(random), breaks.next(random)),
        RequestDifferentialTest::judgeCreate);
  }

  /** Every break on its own, so that each class of difference is generated on every run. */
  @TestFactory
  Stream<DynamicContainer> eachCreateBreakAloneIsJudgedAlike() {
    Gen<CreateDraft> drafts = createDrafts();
    return Stream.concat(
        alone(
            ItemBreak.values(),
            (random, item) -> new CreateTrial(drafts.next(random), List.of(item), List.of()),
            RequestDifferentialTest::judgeCreate),
        alone(
            CreateBreak.values(),
            (random, own) -> new CreateTrial(drafts.next(random), List.of(), List.of(own)),
            RequestDifferentialTest::judgeCreate));
  }

  private static void judgeCreate(CreateTrial trial) {
    Instant now = wechat.clock.instant();
    CreateEdit edit = new CreateEdit(trial.draft(), wechat.nextOrder(), now);
    trial.itemBreaks().forEach(b -> b.kind().apply(edit.items, b.n()));
    trial.breaks().forEach(b -> b.kind().change.apply(edit, now, b.n()));
    CreateOrder request = edit.build();
    agree(
        validator.validateCreate(request),
        wechat.gateway.create(MCHID, request),
        "breaks " + trial.itemBreaks() + trial.breaks() + "\nrequest " + request);
  }

  /** For each kind, two trials (two drafts and variations) with that one break. */
  static <K, T> Stream<DynamicContainer> alone(
      K[] kinds, BiFunction<RandomGenerator, Break<K>, T> trial, ThrowingConsumer<T> judge) {
    Gen<Integer> variations = Gen.ints(0, 10_000);
    return Stream.of(kinds)
        .map(
            kind ->
                DynamicContainer.dynamicContainer(
                    kind.toString(),
                    Property.check(
                        2,
                        random -> trial.apply(random, new Break<>(kind, variations.next(random))),
                        judge)));
  }

  // ---------------------------------------------------------------- modify

  /** A valid modify before its breaks: a lower (or the same) total on a completed order. */
  record ModifyDraft(
      List<PostPayment> described,
      List<PostDiscount> discounts,
      long below,
      String reason,
      @Nullable Device device) {}

  /** Modify breaks. */
  enum ModifyBreak {
    NO_PAYMENTS((e, current, n) -> e.items.payments.clear()),
    DISCOUNT_WITHOUT_AMOUNT(
        (e, current, n) -> e.items.discounts.add(new PostDiscount("无金额优惠", "减免", null, null))),
    SAME_TOTAL((e, current, n) -> e.billAlone(current)),
    TOTAL_ABOVE_CURRENT((e, current, n) -> e.billAlone(current + 1 + n % 1000)),
    FORMULA_OFF((e, current, n) -> e.total = e.total + 1 + n % 100),
    NEGATIVE_TOTAL((e, current, n) -> e.total = -1 - n),
    REASON_AT_LIMIT((e, current, n) -> e.reason = "因".repeat(50)),
    LONG_REASON((e, current, n) -> e.reason = "因".repeat(51 + n % 10)),
    BLANK_REASON((e, current, n) -> e.reason = n % 2 == 0 ? "" : "  "),
    DEVICE_AT_LIMIT(
        (e, current, n) -> e.device = new Device("s".repeat(50), "电".repeat(50), "m".repeat(100))),
    LONG_DEVICE(
        (e, current, n) ->
            e.device =
                n % 2 == 0
                    ? new Device("s".repeat(51), null, null)
                    : new Device(null, null, "m".repeat(101)));

    private final Change change;

    ModifyBreak(Change change) {
      this.change = change;
    }

    interface Change {
      void apply(ModifyEdit edit, long current, int n);
    }
  }

  /** A modify body being edited. */
  static final class ModifyEdit {
    Items items;
    long total;
    String reason;
    @Nullable Device device;

    ModifyEdit(ModifyDraft draft, long current) {
      this.items = new Items(draft.described(), draft.discounts());
      this.reason = draft.reason();
      this.device = draft.device();
      billAlone(Math.max(0, current - draft.below() % (current + 1)));
    }

    /** The whole (new) total on one payment: the formula holds for {@code newTotal}. */
    void billAlone(long newTotal) {
      long discounted =
          items.discounts.stream()
              .mapToLong(d -> d.amount() == null ? 0 : Math.max(0, d.amount()))
              .sum();
      items.payments.removeIf(p -> p.name().equals("全部费用"));
      items.payments.add(0, new PostPayment("全部费用", newTotal + discounted, null, null));
      total = newTotal;
    }

    ModifyOrder build() {
      return new ModifyOrder(
          APPID.value(),
          SERVICE_ID.value(),
          items.payments,
          items.discounts,
          total,
          reason,
          device);
    }
  }

  record ModifyTrial(
      ModifyDraft draft, List<Break<ItemBreak>> itemBreaks, List<Break<ModifyBreak>> breaks) {}

  static Gen<ModifyDraft> modifyDrafts() {
    Gen<List<PostPayment>> described = describedPayments(0, 3);
    Gen<List<PostDiscount>> discounts = discounts(2, true);
    Gen<Long> belows = Gen.longs(0, 100_00);
    Gen<String> reasons = text(1, 50);
    Gen<@Nullable String> deviceIds = text(1, 50).orNull(0.5);
    Gen<@Nullable Device> devices =
        Gen.<@Nullable Device>oneOf(
            Gen.constant(null),
            random -> new Device(deviceIds.next(random), deviceIds.next(random), null));
    return random ->
        new ModifyDraft(
            described.next(random),
            discounts.next(random),
            belows.next(random),
            reasons.next(random),
            devices.next(random));
  }

  @TestFactory
  Stream<DynamicTest> theDomainAndTheSandboxAgreeOnEveryModify() {
    Gen<ModifyDraft> drafts = modifyDrafts();
    Gen<List<Break<ItemBreak>>> itemBreaks = itemBreaks();
    Gen<List<Break<ModifyBreak>>> breaks = breaks(Gen.of(ModifyBreak.class));
    return Property.check(
        120,
        random ->
            new ModifyTrial(drafts.next(random), itemBreaks.next(random), breaks.next(random)),
        RequestDifferentialTest::judgeModify);
  }

  /** Every break on its own, so that each class of difference is generated on every run. */
  @TestFactory
  Stream<DynamicContainer> eachModifyBreakAloneIsJudgedAlike() {
    Gen<ModifyDraft> drafts = modifyDrafts();
    return Stream.concat(
        alone(
            ItemBreak.values(),
            (random, item) -> new ModifyTrial(drafts.next(random), List.of(item), List.of()),
            RequestDifferentialTest::judgeModify),
        alone(
            ModifyBreak.values(),
            (random, own) -> new ModifyTrial(drafts.next(random), List.of(), List.of(own)),
            RequestDifferentialTest::judgeModify));
  }

  private static void judgeModify(ModifyTrial trial) {
    OutOrderNo outOrderNo = wechat.completedOrder();
    ObservedOrder held = wechat.query(outOrderNo);
    long current = Objects.requireNonNull(held.totalAmount());
    ModifyEdit edit = new ModifyEdit(trial.draft(), current);
    trial.itemBreaks().forEach(b -> b.kind().apply(edit.items, b.n()));
    trial.breaks().forEach(b -> b.kind().change.apply(edit, current, b.n()));
    ModifyOrder request = edit.build();
    agree(
        validator.validateModify(request, mirror(held)),
        wechat.gateway.modify(MCHID, outOrderNo, request),
        "breaks "
            + trial.itemBreaks()
            + trial.breaks()
            + "\ncurrent "
            + current
            + "\nrequest "
            + request);
  }

  /** The local mirror of WeChat's view, as the engine keeps it. */
  private static ServiceOrder mirror(ObservedOrder view) {
    return new ServiceOrder(
        MCHID,
        view.outOrderNo(),
        view.appid(),
        view.serviceId(),
        "充电宝租借",
        ConfirmationMode.CONFIRM,
        view.lifecycle(),
        Objects.requireNonNull(view.riskFund()),
        Objects.requireNonNull(view.timeRange()),
        view.postPayments(),
        view.postDiscounts(),
        view.location(),
        null,
        NOTIFY_URL,
        view.openid(),
        view.orderId(),
        view.totalAmount(),
        view.needCollection(),
        view.collection(), null,
        1);
  }

  // ---------------------------------------------------------------- cancel

  /** Cancel breaks: the reason, the one field a cancel carries besides the ids. */
  enum CancelBreak {
    NONE,
    REASON_AT_LIMIT,
    LONG_REASON,
    BLANK_REASON;

    String reason(String valid, int n) {
      return switch (this) {
        case NONE -> valid;
        case REASON_AT_LIMIT -> "🔋".repeat(50);
        case LONG_REASON -> "因".repeat(51 + n % 10);
        case BLANK_REASON -> n % 2 == 0 ? "" : " ".repeat(1 + n % 3);
      };
    }
  }

  record CancelTrial(String reason, CancelBreak kind, int n) {}

  @TestFactory
  Stream<DynamicTest> theDomainAndTheSandboxAgreeOnEveryCancel() {
    Gen<String> reasons = text(1, 50);
    Gen<CancelBreak> kinds = Gen.of(CancelBreak.class);
    Gen<Integer> variations = Gen.ints(0, 10_000);
    // few kinds: 60 tries draw each many times
    return Property.check(
        60,
        random ->
            new CancelTrial(reasons.next(random), kinds.next(random), variations.next(random)),
        trial -> {
          OutOrderNo outOrderNo = wechat.confirmedOrder();
          CancelOrder request =
              new CancelOrder(
                  APPID.value(),
                  SERVICE_ID.value(),
                  trial.kind().reason(trial.reason(), trial.n()));
          agree(
              validator.validateCancel(request),
              wechat.gateway.cancel(MCHID, outOrderNo, request),
              "cancel " + trial + "\nrequest " + request);
        });
  }
}
