package dev.payscore.testing;

import dev.payscore.AppId;
import dev.payscore.Location;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.ServiceId;
import dev.payscore.TimeRange;
import dev.payscore.domain.model.Collection;
import dev.payscore.domain.model.ConfirmationMode;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A default-first builder of {@link ServiceOrder}: every field starts valid (the values of {@link
 * ServiceOrderFixtures}), a test overrides only what it is about.
 *
 * <pre>{@code
 * ServiceOrder order =
 *     new ServiceOrderBuilder().lifecycle(DOING_USER_CONFIRM).riskFund(DEPOSIT, 500).build();
 * }</pre>
 */
public final class ServiceOrderBuilder {
  private MerchantId mchid = MerchantId.of(ServiceOrderFixtures.MCHID);
  private OutOrderNo outOrderNo = OutOrderNo.of(ServiceOrderFixtures.OUT_ORDER_NO);
  private AppId appid = AppId.of(ServiceOrderFixtures.APPID);
  private ServiceId serviceId = ServiceId.of(ServiceOrderFixtures.SERVICE_ID);
  private String serviceIntroduction = "充电宝租借";
  private ConfirmationMode mode = ConfirmationMode.CONFIRM;
  private LifecycleState lifecycle = LifecycleState.CREATED;
  private RiskFund riskFund = RiskFund.of(RiskFundName.DEPOSIT, ServiceOrderFixtures.RISK_FUND);
  private TimeRange timeRange = TimeRange.between(ServiceOrderFixtures.START_TIME, null);
  private List<PostPayment> postPayments = List.of();
  private List<PostDiscount> postDiscounts = List.of();
  private @Nullable Location location;
  private @Nullable String attach;
  private String notifyUrl = "https://merchant.example/payscore/notify";
  private @Nullable String openid;
  private @Nullable String orderId;
  private @Nullable Long totalAmount;
  private @Nullable Boolean needCollection;
  private @Nullable Collection collection;
  private long version;

  public ServiceOrderBuilder mchid(String value) {
    mchid = MerchantId.of(value);
    return this;
  }

  public ServiceOrderBuilder outOrderNo(String value) {
    outOrderNo = OutOrderNo.of(value);
    return this;
  }

  public ServiceOrderBuilder appid(String value) {
    appid = AppId.of(value);
    return this;
  }

  public ServiceOrderBuilder serviceId(String value) {
    serviceId = ServiceId.of(value);
    return this;
  }

  public ServiceOrderBuilder serviceIntroduction(String value) {
    serviceIntroduction = Objects.requireNonNull(value, "value == null");
    return this;
  }

  public ServiceOrderBuilder mode(ConfirmationMode value) {
    mode = Objects.requireNonNull(value, "value == null");
    return this;
  }

  public ServiceOrderBuilder lifecycle(LifecycleState value) {
    lifecycle = Objects.requireNonNull(value, "value == null");
    return this;
  }

  public ServiceOrderBuilder riskFund(RiskFundName name, long amount) {
    riskFund = RiskFund.of(name, amount);
    return this;
  }

  /** The {@code time_range} given at create. */
  public ServiceOrderBuilder timeRange(TimeRange value) {
    timeRange = Objects.requireNonNull(value, "value == null");
    return this;
  }

  public ServiceOrderBuilder postPayments(PostPayment... values) {
    postPayments = List.of(values);
    return this;
  }

  public ServiceOrderBuilder postDiscounts(PostDiscount... values) {
    postDiscounts = List.of(values);
    return this;
  }

  public ServiceOrderBuilder location(@Nullable Location value) {
    location = value;
    return this;
  }

  public ServiceOrderBuilder attach(@Nullable String value) {
    attach = value;
    return this;
  }

  public ServiceOrderBuilder notifyUrl(String value) {
    notifyUrl = Objects.requireNonNull(value, "value == null");
    return this;
  }

  public ServiceOrderBuilder openid(@Nullable String value) {
    openid = value;
    return this;
  }

  public ServiceOrderBuilder orderId(@Nullable String value) {
    orderId = value;
    return this;
  }

  public ServiceOrderBuilder totalAmount(@Nullable Long value) {
    totalAmount = value;
    return this;
  }

  public ServiceOrderBuilder needCollection(@Nullable Boolean value) {
    needCollection = value;
    return this;
  }

  public ServiceOrderBuilder collection(@Nullable Collection value) {
    collection = value;
    return this;
  }

  public ServiceOrderBuilder version(long value) {
    version = value;
    return this;
  }

  public ServiceOrder build() {
    return new ServiceOrder(
        mchid,
        outOrderNo,
        appid,
        serviceId,
        serviceIntroduction,
        mode,
        lifecycle,
        riskFund,
        timeRange,
        postPayments,
        postDiscounts,
        location,
        attach,
        notifyUrl,
        openid,
        orderId,
        totalAmount,
        needCollection,
        collection, null,
        version);
  }
}
