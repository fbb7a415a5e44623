package dev.payscore.cli.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.payscore.CompleteOrder;
import dev.payscore.Device;
import dev.payscore.Location;
import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import dev.payscore.TimeRange;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A complete request body as WeChat's documentation writes it (snake_case). Every field may be
 * absent here, so that validation, not parsing, reports what is missing.
 */
public record WireCompleteOrder(
    @JsonProperty("appid") @Nullable String appid,
    @JsonProperty("service_id") @Nullable String serviceId,
    @JsonProperty("post_payments") @Nullable List<@Nullable Payment> postPayments,
    @JsonProperty("post_discounts") @Nullable List<@Nullable Discount> postDiscounts,
    @JsonProperty("total_amount") @Nullable Long totalAmount,
    @JsonProperty("time_range") @Nullable WireTimeRange timeRange,
    @JsonProperty("location") @Nullable WireLocation location,
    @JsonProperty("profit_sharing") @Nullable Boolean profitSharing,
    @JsonProperty("goods_tag") @Nullable String goodsTag,
    @JsonProperty("device") @Nullable WireDevice device) {

  /** {@code post_payments[]}. */
  public record Payment(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("amount") @Nullable Long amount,
      @JsonProperty("description") @Nullable String description,
      @JsonProperty("count") @Nullable Integer count) {}

  /** {@code post_discounts[]}. */
  public record Discount(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("description") @Nullable String description,
      @JsonProperty("amount") @Nullable Long amount,
      @JsonProperty("count") @Nullable Integer count) {}

  /** {@code device}. */
  public record WireDevice(
      @JsonProperty("start_device_id") @Nullable String startDeviceId,
      @JsonProperty("end_device_id") @Nullable String endDeviceId,
      @JsonProperty("materiel_no") @Nullable String materielNo) {}

  /**
   * The domain command. An absent text becomes empty (which validation reports as required); an
   * absent {@code total_amount} becomes 0, and the caller reports it: see {@link #totalAmount}.
   */
  public CompleteOrder toCommand() {
    return new CompleteOrder(
        orEmpty(appid),
        orEmpty(serviceId),
        payments(postPayments),
        discounts(postDiscounts),
        totalAmount == null ? 0 : totalAmount,
        timeRange == null ? null : timeRange.toTimeRange(),
        location == null ? null : location.toLocation(),
        profitSharing,
        goodsTag,
        device(device));
  }

  /** Items of any request; an absent name becomes empty, which validation reports. */
  static List<PostPayment> payments(@Nullable List<@Nullable Payment> wire) {
    List<PostPayment> payments = new ArrayList<>();
    for (Payment p : orEmpty(wire)) {
      payments.add(
          p == null
              ? new PostPayment("", null, null, null)
              : new PostPayment(orEmpty(p.name()), p.amount(), p.description(), p.count()));
    }
    return payments;
  }

  static List<PostDiscount> discounts(@Nullable List<@Nullable Discount> wire) {
    List<PostDiscount> discounts = new ArrayList<>();
    for (Discount d : orEmpty(wire)) {
      discounts.add(
          d == null
              ? new PostDiscount("", null, null, null)
              : new PostDiscount(orEmpty(d.name()), d.description(), d.amount(), d.count()));
    }
    return discounts;
  }

  static @Nullable Device device(@Nullable WireDevice device) {
    return device == null
        ? null
        : new Device(device.startDeviceId(), device.endDeviceId(), device.materielNo());
  }

  static String orEmpty(@Nullable String text) {
    return text == null ? "" : text;
  }

  static <T> List<T> orEmpty(@Nullable List<T> list) {
    return list == null ? List.of() : list;
  }

  /** {@code time_range}, shared by requests and responses. */
  public record WireTimeRange(
      @JsonProperty("start_time") @Nullable String startTime,
      @JsonProperty("start_time_remark") @Nullable String startTimeRemark,
      @JsonProperty("end_time") @Nullable String endTime,
      @JsonProperty("end_time_remark") @Nullable String endTimeRemark) {
    TimeRange toTimeRange() {
      return new TimeRange(startTime, startTimeRemark, endTime, endTimeRemark);
    }
  }

  /** {@code location}, shared by requests and responses. */
  public record WireLocation(
      @JsonProperty("start_location") @Nullable String startLocation,
      @JsonProperty("end_location") @Nullable String endLocation) {
    Location toLocation() {
      return new Location(startLocation, endLocation);
    }
  }
}
