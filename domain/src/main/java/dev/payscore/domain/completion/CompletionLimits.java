package dev.payscore.domain.completion;

import java.time.Duration;
import java.util.Objects;

/**
 * The completion rules WeChat's documentation leaves UNCONFIRMED, made configurable. The documented
 * limits (names 20, descriptions 30, remarks 20, goods_tag 32, counts 1..100) are not here: they
 * are fixed.
 *
 * @param locationMaxLength {@code location.*} limit in characters. Default 20: the old wiki says
 *     50, a third-party copy 20, and the API notes advise the lower one to be safe.
 * @param deviceIdMaxLength {@code device.start_device_id} and {@code end_device_id} limit. Default
 *     50.
 * @param materielNoMaxLength {@code device.materiel_no} limit. Default 100.
 * @param totalCheckedWithoutAmounts whether {@code total_amount = Σ payments − Σ discounts} is
 *     enforced when no payment carries an amount. Default false: the description-only industries
 *     (power bank, charging) carry the money in {@code total_amount} alone.
 * @param endTimeMargin how far before "now" an end time must be, for a local clock running ahead of
 *     WeChat's. Default zero: the intent is sent after it was validated, which is margin already.
 */
public record CompletionLimits(
    int locationMaxLength,
    int deviceIdMaxLength,
    int materielNoMaxLength,
    boolean totalCheckedWithoutAmounts,
    Duration endTimeMargin) {

  private static final CompletionLimits DEFAULTS =
      new CompletionLimits(20, 50, 100, false, Duration.ZERO);

  public CompletionLimits {
    Objects.requireNonNull(endTimeMargin, "endTimeMargin == null");
    requirePositive(locationMaxLength, "locationMaxLength");
    requirePositive(deviceIdMaxLength, "deviceIdMaxLength");
    requirePositive(materielNoMaxLength, "materielNoMaxLength");
    if (endTimeMargin.isNegative()) {
      throw new IllegalArgumentException("endTimeMargin < 0: " + endTimeMargin);
    }
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
        endTimeMargin);
  }

  /** These limits with the sum check on or off when no payment carries an amount. */
  public CompletionLimits withTotalCheckedWithoutAmounts(boolean checked) {
    return new CompletionLimits(
        locationMaxLength, deviceIdMaxLength, materielNoMaxLength, checked, endTimeMargin);
  }

  /** These limits with another end-time safety margin. */
  public CompletionLimits withEndTimeMargin(Duration margin) {
    return new CompletionLimits(
        locationMaxLength,
        deviceIdMaxLength,
        materielNoMaxLength,
        totalCheckedWithoutAmounts,
        margin);
  }

  private static void requirePositive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " < 1: " + value);
    }
  }
}
