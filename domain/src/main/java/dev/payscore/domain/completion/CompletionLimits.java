package dev.payscore.domain.completion;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The completion rules WeChat's documentation leaves UNCONFIRMED, made configurable. The documented
 * limits (names 20, descriptions 30, remarks 20, goods_tag 32, counts 1..100) are not here: they
 * are fixed.
 *
 * @param locationMaxLength {@code location.*} limit in characters. Default 20 ({@link
 *     #DEFAULT_LOCATION_MAX_LENGTH}): the old wiki says 50, a third-party copy 20, and the API notes
 *     advise the lower one to be safe. The sandbox and the command default to the same.
 * @param deviceIdMaxLength {@code device.start_device_id} and {@code end_device_id} limit. Default
 *     50.
 * @param materielNoMaxLength {@code device.materiel_no} limit. Default 100.
 * @param totalCheckedWithoutAmounts whether {@code total_amount = Σ payments − Σ discounts} is
 *     enforced when no payment carries an amount. Default false: the description-only industries
 *     (power bank, charging) carry the money in {@code total_amount} alone.
 * @param endTimeMargin how far before "now" an end time must be, for a local clock running ahead of
 *     WeChat's. Default zero: the intent is sent after it was validated, which is margin already.
 * @param serviceRiskCaps the risk cap (服务风险金额, fen) of each service_id, set at onboarding and
 *     not queryable: a 先享 ({@code ESTIMATE_ORDER_COST}) order cannot complete above it (§4.2).
 *     Default none: the cap is then not checked locally.
 */
public record CompletionLimits(
    int locationMaxLength,
    int deviceIdMaxLength,
    int materielNoMaxLength,
    boolean totalCheckedWithoutAmounts,
    Duration endTimeMargin,
    Map<String, Long> serviceRiskCaps) {

  /**
   * The default {@code location.*} limit of the library, its sandbox and its command: 20, the lower
   * of the two documented values (50 in the old wiki, 20 in a copy; UNCONFIRMED), so that a request
   * valid here is valid under either.
   */
  public static final int DEFAULT_LOCATION_MAX_LENGTH = 20;

  private static final CompletionLimits DEFAULTS =
      new CompletionLimits(DEFAULT_LOCATION_MAX_LENGTH, 50, 100, false, Duration.ZERO, Map.of());

  public CompletionLimits {
    Objects.requireNonNull(endTimeMargin, "endTimeMargin == null");
    serviceRiskCaps = Map.copyOf(Objects.requireNonNull(serviceRiskCaps, "serviceRiskCaps == null"));
    serviceRiskCaps.forEach(
        (serviceId, cap) -> {
          if (cap < 1) {
            throw new IllegalArgumentException("risk cap of " + serviceId + " < 1: " + cap);
          }
        });
    requirePositive(locationMaxLength, "locationMaxLength");
    requirePositive(deviceIdMaxLength, "deviceIdMaxLength");
    requirePositive(materielNoMaxLength, "materielNoMaxLength");
    if (endTimeMargin.isNegative()) {
      throw new IllegalArgumentException("endTimeMargin < 0: " + endTimeMargin);
    }
  }

  /** These limits without risk caps (the form before caps were configurable). */
  public CompletionLimits(
      int locationMaxLength,
      int deviceIdMaxLength,
      int materielNoMaxLength,
      boolean totalCheckedWithoutAmounts,
      Duration endTimeMargin) {
    this(
        locationMaxLength,
        deviceIdMaxLength,
        materielNoMaxLength,
        totalCheckedWithoutAmounts,
        endTimeMargin,
        Map.of());
  }

  /** The documented defaults above. */
  public static CompletionLimits defaults() {
    return DEFAULTS;
  }

  /** These limits with another {@code location.*} limit (e.g. 50, the old wiki's). */
  public CompletionLimits withLocationMaxLength(int maxLength) {
    return new CompletionLimits(
        maxLength,
        deviceIdMaxLength,
        materielNoMaxLength,
        totalCheckedWithoutAmounts,
        endTimeMargin,
        serviceRiskCaps);
  }

  /** These limits with the sum check on or off when no payment carries an amount. */
  public CompletionLimits withTotalCheckedWithoutAmounts(boolean checked) {
    return new CompletionLimits(
        locationMaxLength,
        deviceIdMaxLength,
        materielNoMaxLength,
        checked,
        endTimeMargin,
        serviceRiskCaps);
  }

  /** These limits with another end-time safety margin. */
  public CompletionLimits withEndTimeMargin(Duration margin) {
    return new CompletionLimits(
        locationMaxLength,
        deviceIdMaxLength,
        materielNoMaxLength,
        totalCheckedWithoutAmounts,
        margin,
        serviceRiskCaps);
  }

  /** These limits with {@code serviceId}'s risk cap, in fen. */
  public CompletionLimits withServiceRiskCap(String serviceId, long capFen) {
    Objects.requireNonNull(serviceId, "serviceId == null");
    Map<String, Long> caps = new HashMap<>(serviceRiskCaps);
    caps.put(serviceId, capFen);
    return new CompletionLimits(
        locationMaxLength,
        deviceIdMaxLength,
        materielNoMaxLength,
        totalCheckedWithoutAmounts,
        endTimeMargin,
        caps);
  }

  private static void requirePositive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " < 1: " + value);
    }
  }
}
