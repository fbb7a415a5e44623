package dev.payscore.domain.completion;

import static dev.payscore.domain.completion.BillingConvention.Presence.FORBIDDEN;
import static dev.payscore.domain.completion.BillingConvention.Presence.OPTIONAL;
import static dev.payscore.domain.completion.BillingConvention.Presence.REQUIRED;

import dev.payscore.CompleteOrder;
import dev.payscore.PostPayment;
import dev.payscore.Rule;
import dev.payscore.domain.completion.CompletionValidator.Report;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * WeChat's industry billing conventions for {@code post_payments} at complete (§5 of the API
 * notes): which item names are required or allowed, and whether each item carries an amount, a
 * description or both. WeChat enforces them by review rather than by the API, so a merchant chooses
 * the convention of its industry; a merchant with an unlisted industry uses {@link #NONE}.
 */
public enum BillingConvention {
  /** No industry template: any names (the general rules still apply). */
  NONE(null),
  /** 充电宝: exactly 收费标准 and 使用时长, description only; the money is in total_amount alone. */
  POWER_BANK(items(describe("收费标准").required(), describe("使用时长").required())),
  /** 电单车充电 (two-wheel EV charging): as the power bank. */
  EV_BIKE_CHARGING(items(describe("收费标准").required(), describe("使用时长").required())),
  /** 汽车充电桩: 计费规则 and 费用明细, description only. */
  CHARGING_PILE(items(describe("计费规则").required(), describe("费用明细").required())),
  /** 共享单车: 计费规则 and 骑行时长 described; 骑行费用, 调度费用, 头盔费用, 罚款 optional, with amount. */
  BIKE_SHARING(
      items(
          describe("计费规则").required(),
          describe("骑行时长").required(),
          charge("骑行费用", OPTIONAL),
          charge("调度费用", OPTIONAL),
          charge("头盔费用", OPTIONAL),
          charge("罚款", OPTIONAL))),
  /** 快递: 首重费 required; 续重费, 包装费, 保价费 optional; amount only, no description. */
  EXPRESS_DELIVERY(
      items(
          charge("首重费", FORBIDDEN).required(),
          charge("续重费", FORBIDDEN),
          charge("包装费", FORBIDDEN),
          charge("保价费", FORBIDDEN))),
  /** 智慧零售: only 商品信息, one line per product: description = product, amount = line total. */
  SMART_RETAIL(items(charge("商品信息", REQUIRED).required())),
  /**
   * 租车: any of 延迟还车费用, 加油费用, ETC高速费用, 车损费用, 折旧费用, 停运费用, 闯红灯违章 with amount and description; or, for
   * a 0-yuan completion, the single item 租车相关费用 described 本次无扣款.
   */
  CAR_RENTAL(
      items(
          charge("延迟还车费用", REQUIRED),
          charge("加油费用", REQUIRED),
          charge("ETC高速费用", REQUIRED),
          charge("车损费用", REQUIRED),
          charge("折旧费用", REQUIRED),
          charge("停运费用", REQUIRED),
          charge("闯红灯违章", REQUIRED))),
  /** 酒店: 酒店房费 required, 其他杂费 optional, both with amount and description. */
  HOTEL(items(charge("酒店房费", REQUIRED).required(), charge("其他杂费", REQUIRED)));

  /** Car rental's 0-yuan completion item and its fixed description. */
  public static final String CAR_RENTAL_ZERO_NAME = "租车相关费用";

  public static final String CAR_RENTAL_ZERO_DESCRIPTION = "本次无扣款";

  /** Whether a part of an item must, may or must not be present. */
  enum Presence {
    REQUIRED,
    OPTIONAL,
    FORBIDDEN
  }

  /** One allowed item name and the parts it carries. */
  private record Item(
      String name, boolean mandatory, Presence amount, Presence description, Presence count) {
    /** This item, which the convention requires. */
    Item required() {
      return new Item(name, true, amount, description, count);
    }
  }

  private final @Nullable Map<String, Item> allowed;

  BillingConvention(@Nullable Map<String, Item> allowed) {
    this.allowed = allowed;
  }

  /** The item names this convention allows, in its order; empty for {@link #NONE} (any name). */
  public List<String> allowedNames() {
    return allowed == null ? List.of() : List.copyOf(allowed.keySet());
  }

  /** Adds the violations of a bill's post_payments (and total) against this convention. */
  void check(List<PostPayment> payments, long total, Report report) {
    if (allowed == null) {
      return;
    }
    if (this == CAR_RENTAL && payments.stream().anyMatch(p -> isZeroName(p.name()))) {
      checkCarRentalZeroForm(payments, total, report);
      return;
    }
    for (Item item : allowed.values()) {
      if (item.mandatory() && payments.stream().noneMatch(p -> p.name().equals(item.name()))) {
        report.add(
            "post_payments",
            Rule.CONVENTION_ITEM_MISSING,
            item.name(),
            name() + " requires an item named " + item.name());
      }
    }
    for (int i = 0; i < payments.size(); i++) {
      PostPayment payment = payments.get(i);
      String path = "post_payments[" + i + "]";
      Item item = allowed.get(payment.name());
      if (item == null) {
        report.add(
            path + ".name",
            Rule.CONVENTION_ITEM_NOT_ALLOWED,
            payment.name(),
            name() + " allows only " + String.join(", ", allowed.keySet()));
        continue;
      }
      part(
          path + ".amount",
          payment.amount(),
          item.amount(),
          Rule.CONVENTION_AMOUNT_REQUIRED,
          Rule.CONVENTION_AMOUNT_FORBIDDEN,
          report);
      part(
          path + ".description",
          payment.description(),
          item.description(),
          Rule.CONVENTION_DESCRIPTION_REQUIRED,
          Rule.CONVENTION_DESCRIPTION_FORBIDDEN,
          report);
      part(
          path + ".count",
          payment.count(),
          item.count(),
          Rule.CONVENTION_COUNT_FORBIDDEN,
          Rule.CONVENTION_COUNT_FORBIDDEN,
          report);
    }
  }

  private void part(
      String path,
      @Nullable Object value,
      Presence presence,
      Rule whenMissing,
      Rule whenForbidden,
      Report report) {
    if (value == null && presence == REQUIRED) {
      report.add(path, whenMissing, null, name() + " requires it on this item");
    } else if (value != null && presence == FORBIDDEN) {
      report.add(path, whenForbidden, value.toString(), name() + " forbids it on this item");
    }
  }

  /** The 0-yuan form: exactly one item, 租车相关费用 described 本次无扣款, no amount, total 0. */
  private static void checkCarRentalZeroForm(
      List<PostPayment> payments, long total, Report report) {
    String form =
        "the 0-yuan form is exactly one "
            + CAR_RENTAL_ZERO_NAME
            + " described "
            + CAR_RENTAL_ZERO_DESCRIPTION
            + ", with no amount and total_amount 0";
    for (int i = 0; i < payments.size(); i++) {
      PostPayment payment = payments.get(i);
      String path = "post_payments[" + i + "]";
      if (!isZeroName(payment.name())) {
        report.add(path + ".name", Rule.CONVENTION_ZERO_FORM, payment.name(), form);
        continue;
      }
      if (!CAR_RENTAL_ZERO_DESCRIPTION.equals(payment.description())) {
        report.add(path + ".description", Rule.CONVENTION_ZERO_FORM, payment.description(), form);
      }
      if (payment.amount() != null && payment.amount() != 0) {
        report.add(path + ".amount", Rule.CONVENTION_ZERO_FORM, payment.amount().toString(), form);
      }
    }
    if (total != 0) {
      report.add("total_amount", Rule.CONVENTION_ZERO_FORM, Long.toString(total), form);
    }
  }

  private static boolean isZeroName(String name) {
    return CAR_RENTAL_ZERO_NAME.equals(name);
  }

  private static Map<String, Item> items(Item... items) {
    Map<String, Item> byName = new LinkedHashMap<>();
    for (Item item : items) {
      byName.put(item.name(), item);
    }
    return Collections.unmodifiableMap(byName);
  }

  /** An optional description-only item (rate, duration, detail text): no amount, no count. */
  private static Item describe(String name) {
    return new Item(name, false, FORBIDDEN, REQUIRED, FORBIDDEN);
  }

  /** An optional item with an amount; its description as given; count optional. */
  private static Item charge(String name, Presence description) {
    return new Item(name, false, REQUIRED, description, OPTIONAL);
  }
}
