package dev.payscore.wechat.internal;

import dev.payscore.AppId;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.ServiceId;
import dev.payscore.domain.model.Collection;
import dev.payscore.domain.model.CollectionState;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.Oddity;
import dev.payscore.domain.model.ServiceOrderState;
import dev.payscore.domain.model.StateDescription;
import dev.payscore.domain.port.out.OrderReceipt;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Wire bodies to domain types. A missing identifier (appid, mchid, out_order_no, service_id)
 * throws {@link IllegalArgumentException}, which callers report as a malformed response; anything
 * else WeChat may add or vary is read tolerantly and flagged as an {@link Oddity}.
 */
public final class Mappers {
  private static final int MAX_RAW = 64;

  private Mappers() {}

  public static ObservedOrder order(byte[] json) throws IOException {
    return order(Wire.JSON.readValue(json, Wire.OrderBody.class));
  }

  /**
   * The order of an authentic answer or callback, read tolerantly (§12 "tolerant reader"): an
   * unknown or empty enum value, a risk fund out of range, an item without a name or a payment
   * without its number are kept raw in {@link ObservedOrder#oddities()} and the field concerned is
   * left out, never a reason to refuse the whole answer. Only what identifies the order (appid,
   * mchid, out_order_no, service_id) is required.
   */
  public static ObservedOrder order(Wire.OrderBody body) {
    List<Oddity> oddities = new ArrayList<>();
    ServiceOrderState state = state(body.state(), oddities);
    Wire.CollectionBody collection = body.collection();
    return new ObservedOrder(
        AppId.of(required(body.appid(), "appid")),
        MerchantId.of(required(body.mchid(), "mchid")),
        OutOrderNo.of(required(body.outOrderNo(), "out_order_no")),
        ServiceId.of(required(body.serviceId(), "service_id")),
        body.serviceIntroduction(),
        state,
        known(StateDescription.class, body.stateDescription(), "state_description", oddities),
        body.totalAmount(),
        payments(orEmpty(body.postPayments()), oddities),
        discounts(orEmpty(body.postDiscounts()), oddities),
        riskFund(body.riskFund(), oddities),
        body.timeRange(),
        body.location(),
        body.attach(),
        body.notifyUrl(),
        body.needCollection(),
        collection == null ? null : collection(collection, oddities),
        body.openid(),
        body.orderId(),
        body.packageValue(),
        oddities);
  }

  /**
   * WeChat's {@code state}; an unknown or missing one is flagged and read as the placeholder
   * {@code CREATED}, which {@link ObservedOrder#stateRecognized()} tells apart.
   */
  private static ServiceOrderState state(@Nullable String raw, List<Oddity> oddities) {
    ServiceOrderState state = known(ServiceOrderState.class, raw, ObservedOrder.STATE_FIELD, oddities);
    if (state != null) {
      return state;
    }
    if (raw == null) {
      oddities.add(new Oddity(ObservedOrder.STATE_FIELD, null, Oddity.Problem.MISSING));
    }
    return ServiceOrderState.CREATED;
  }

  /** The constant named {@code raw}; null, with an oddity, when it is empty or unknown. */
  private static <E extends Enum<E>> @Nullable E known(
      Class<E> type, @Nullable String raw, String field, List<Oddity> oddities) {
    if (raw == null) {
      return null;
    }
    if (raw.isEmpty()) {
      oddities.add(new Oddity(field, raw, Oddity.Problem.EMPTY_VALUE));
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(raw)) {
        return constant;
      }
    }
    oddities.add(new Oddity(field, raw(raw), Oddity.Problem.UNKNOWN_VALUE));
    return null;
  }

  private static List<PostPayment> payments(List<Wire.ItemBody> items, List<Oddity> oddities) {
    List<PostPayment> payments = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Wire.ItemBody item = items.get(i);
      payments.add(
          new PostPayment(
              name(item, "post_payments[" + i + "]", oddities),
              item.amount(),
              item.description(),
              item.count()));
    }
    return payments;
  }

  private static List<PostDiscount> discounts(List<Wire.ItemBody> items, List<Oddity> oddities) {
    List<PostDiscount> discounts = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Wire.ItemBody item = items.get(i);
      discounts.add(
          new PostDiscount(
              name(item, "post_discounts[" + i + "]", oddities),
              item.description(),
              item.amount(),
              item.count()));
    }
    return discounts;
  }

  /** An item's name; an item without one keeps its amounts under the name {@code ""}, flagged. */
  private static String name(Wire.ItemBody item, String path, List<Oddity> oddities) {
    if (item.name() == null) {
      oddities.add(new Oddity(path + ".name", null, Oddity.Problem.MISSING));
      return "";
    }
    return item.name();
  }

  /** The risk fund; one of an unknown kind or an amount out of range is left out, flagged. */
  private static @Nullable RiskFund riskFund(
      Wire.@Nullable RiskFundBody body, List<Oddity> oddities) {
    if (body == null) {
      return null;
    }
    int before = oddities.size();
    RiskFundName name = known(RiskFundName.class, body.name(), "risk_fund.name", oddities);
    if (name == null && body.name() == null) {
      oddities.add(new Oddity("risk_fund.name", null, Oddity.Problem.MISSING));
    }
    Long amount = body.amount();
    if (amount == null) {
      oddities.add(new Oddity("risk_fund.amount", null, Oddity.Problem.MISSING));
    } else if (amount <= 0) {
      oddities.add(new Oddity("risk_fund.amount", amount.toString(), Oddity.Problem.OUT_OF_RANGE));
    }
    if (oddities.size() > before) {
      return null;
    }
    return new RiskFund(Objects.requireNonNull(name), Objects.requireNonNull(amount), body.description());
  }
  public static OrderReceipt receipt(byte[] json) throws IOException {
    Wire.ReceiptBody body = Wire.JSON.readValue(json, Wire.ReceiptBody.class);
    return new OrderReceipt(
        AppId.of(required(body.appid(), "appid")),
        MerchantId.of(required(body.mchid(), "mchid")),
        OutOrderNo.of(required(body.outOrderNo(), "out_order_no")),
        ServiceId.of(required(body.serviceId(), "service_id")),
        body.orderId());
  }

  /**
   * The collection; one in a state this version does not know is left out (flagged), and a payment
   * without its {@code seq} or {@code amount} is left out of the details (flagged).
   */
  private static @Nullable Collection collection(
      Wire.CollectionBody body, List<Oddity> oddities) {
    List<Collection.Detail> details = new ArrayList<>();
    List<Wire.DetailBody> raw = orEmpty(body.details());
    for (int i = 0; i < raw.size(); i++) {
      Wire.DetailBody detail = raw.get(i);
      String path = "collection.details[" + i + "]";
      if (detail.seq() == null || detail.amount() == null) {
        oddities.add(
            new Oddity(path + (detail.seq() == null ? ".seq" : ".amount"), null, Oddity.Problem.MISSING));
        continue;
      }
      // paid_type stays text (MCH, NEWTON today): a new channel is kept as WeChat sent it
      details.add(
          new Collection.Detail(
              detail.seq(), detail.amount(), detail.paidType(), detail.paidTime(), detail.transactionId()));
    }
    CollectionState state = known(CollectionState.class, body.state(), "collection.state", oddities);
    if (state == null) {
      if (body.state() == null) {
        oddities.add(new Oddity("collection.state", null, Oddity.Problem.MISSING));
      }
      return null;
    }
    return new Collection(
        state, orZero(body.totalAmount()), orZero(body.payingAmount()), orZero(body.paidAmount()), details);
  }

  /** A raw value as kept in an oddity: WeChat's enum names are short; anything longer is cut. */
  private static String raw(String value) {
    return value.length() <= MAX_RAW ? value : value.substring(0, MAX_RAW) + "…";
  }

  private static <T> T required(@Nullable T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("missing " + field);
    }
    return value;
  }

  private static <T> List<T> orEmpty(@Nullable List<T> list) {
    return list == null ? List.of() : list;
  }

  private static long orZero(@Nullable Long value) {
    return value == null ? 0 : value;
  }
}
