package dev.payscore.wechat.internal;

import dev.payscore.domain.model.AppId;
import dev.payscore.domain.model.Collection;
import dev.payscore.domain.model.CollectionState;
import dev.payscore.domain.model.MerchantId;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.OutOrderNo;
import dev.payscore.domain.model.ServiceId;
import dev.payscore.domain.model.ServiceOrderState;
import dev.payscore.domain.model.StateDescription;
import dev.payscore.domain.port.out.OrderReceipt;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Wire bodies to domain types. Anything missing or out of range throws {@link
 * IllegalArgumentException}, which callers report as a malformed response.
 */
public final class Mappers {
  private Mappers() {}

  public static ObservedOrder order(byte[] json) throws IOException {
    return order(Wire.JSON.readValue(json, Wire.OrderBody.class));
  }

  public static ObservedOrder order(Wire.OrderBody body) {
    Wire.CollectionBody collection = body.collection();
    return new ObservedOrder(
        AppId.of(required(body.appid(), "appid")),
        MerchantId.of(required(body.mchid(), "mchid")),
        OutOrderNo.of(required(body.outOrderNo(), "out_order_no")),
        ServiceId.of(required(body.serviceId(), "service_id")),
        body.serviceIntroduction(),
        ServiceOrderState.valueOf(required(body.state(), "state")),
        body.stateDescription() == null ? null : StateDescription.valueOf(body.stateDescription()),
        body.totalAmount(),
        orEmpty(body.postPayments()),
        orEmpty(body.postDiscounts()),
        body.riskFund(),
        body.timeRange(),
        body.location(),
        body.attach(),
        body.notifyUrl(),
        body.needCollection(),
        collection == null ? null : collection(collection),
        body.openid(),
        body.orderId(),
        body.packageValue());
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

  private static Collection collection(Wire.CollectionBody body) {
    List<Collection.Detail> details = new ArrayList<>();
    for (Wire.DetailBody detail : orEmpty(body.details())) {
      details.add(
          new Collection.Detail(
              required(detail.seq(), "collection.details[].seq"),
              required(detail.amount(), "collection.details[].amount"),
              detail.paidType(),
              detail.paidTime(),
              detail.transactionId()));
    }
    return new Collection(
        CollectionState.valueOf(required(body.state(), "collection.state")),
        orZero(body.totalAmount()),
        orZero(body.payingAmount()),
        orZero(body.paidAmount()),
        details);
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
