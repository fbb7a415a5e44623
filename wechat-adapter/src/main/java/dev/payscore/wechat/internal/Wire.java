package dev.payscore.wechat.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.payscore.Location;
import dev.payscore.TimeRange;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The wire shapes WeChat speaks, snake_case by the mapper's naming strategy. Request bodies of
 * create, cancel, modify and pay are the domain records themselves (their component names map
 * one to one); complete is sent as {@code CompletionPayload} bytes and never passes through here.
 */
public final class Wire {
  /** The one mapper: snake_case, unknown fields ignored (WeChat adds fields), nulls and empties left out. */
  public static final ObjectMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.USE_DEFAULTS))
          .build();

  private Wire() {}

  /** The service-order entity of query, create, complete, modify, sync and callbacks (§2.2). */
  public record OrderBody(
      @Nullable String appid,
      @Nullable String mchid,
      @Nullable String outOrderNo,
      @Nullable String serviceId,
      @Nullable String serviceIntroduction,
      @Nullable String state,
      @Nullable String stateDescription,
      @Nullable Long totalAmount,
      @Nullable List<ItemBody> postPayments,
      @Nullable List<ItemBody> postDiscounts,
      @Nullable RiskFundBody riskFund,
      @Nullable TimeRange timeRange,
      @Nullable Location location,
      @Nullable String attach,
      @Nullable String notifyUrl,
      @Nullable Boolean needCollection,
      @Nullable CollectionBody collection,
      @Nullable String openid,
      @Nullable String orderId,
      @JsonProperty("package") @Nullable String packageValue) {}

  /**
   * A {@code post_payments[]} or {@code post_discounts[]} line as sent, every field optional: the
   * mapper flags what is missing instead of refusing the answer.
   */
  public record ItemBody(
      @Nullable String name,
      @Nullable Long amount,
      @Nullable String description,
      @Nullable Integer count) {}

  /** {@code risk_fund} as sent: the name is read as text, so that a new kind is kept raw. */
  public record RiskFundBody(
      @Nullable String name, @Nullable Long amount, @Nullable String description) {}

  /** {@code collection}. */
  public record CollectionBody(
      @Nullable String state,
      @Nullable Long totalAmount,
      @Nullable Long payingAmount,
      @Nullable Long paidAmount,
      @Nullable List<DetailBody> details) {}

  /** {@code collection.details[]}; {@code promotion_detail} is ignored (its position is UNCONFIRMED). */
  public record DetailBody(
      @Nullable Integer seq,
      @Nullable Long amount,
      @Nullable String paidType,
      @Nullable String paidTime,
      @Nullable String transactionId) {}

  /** The answer of cancel and pay. */
  public record ReceiptBody(
      @Nullable String appid,
      @Nullable String mchid,
      @Nullable String outOrderNo,
      @Nullable String serviceId,
      @Nullable String orderId) {}

  /** The sync request: {@code detail} nests the paid time. */
  public record SyncBody(String appid, String serviceId, String type, SyncDetail detail) {}

  /** {@code detail} of a sync. */
  public record SyncDetail(String paidTime) {}

  /** A non-2xx body (§6.1); {@code detail} is free-form. */
  public record ErrorBody(
      @Nullable String code, @Nullable String message, @Nullable JsonNode detail) {}

  /** {@code GET /v3/certificates}. */
  public record CertificatesBody(@Nullable List<CertificateBody> data) {}

  /** One platform certificate, encrypted. */
  public record CertificateBody(
      @Nullable String serialNo,
      @Nullable String effectiveTime,
      @Nullable String expireTime,
      @Nullable EncryptedBody encryptCertificate) {}

  /** An AEAD_AES_256_GCM envelope: a certificate or a callback {@code resource}. */
  public record EncryptedBody(
      @Nullable String algorithm,
      @Nullable String ciphertext,
      @Nullable String nonce,
      @Nullable String associatedData,
      @Nullable String originalType) {}

  /** A callback (§8.2). */
  public record NotificationBody(
      @Nullable String id,
      @Nullable String createTime,
      @Nullable String eventType,
      @Nullable String resourceType,
      @Nullable String summary,
      @Nullable EncryptedBody resource) {}
}
