package dev.payscore;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@code device}: the unattended devices and material of the service, each part optional.
 * Immutable, safe to share:
 *
 * <pre>{@code
 * Device device = Device.startingAt("POWERBANK-0042").withMaterielNo("PB-20000");
 * }</pre>
 */
public record Device(
    @Nullable String startDeviceId, @Nullable String endDeviceId, @Nullable String materielNo) {

  /** The device the service started at ({@code start_device_id}), as unattended industries pass. */
  public static Device startingAt(String startDeviceId) {
    return new Device(Objects.requireNonNull(startDeviceId, "startDeviceId == null"), null, null);
  }

  /** This device with the one the service ended at ({@code end_device_id}). */
  public Device withEndDeviceId(String value) {
    return new Device(
        startDeviceId, Objects.requireNonNull(value, "endDeviceId == null"), materielNo);
  }

  /** This device with a material number ({@code materiel_no}). */
  public Device withMaterielNo(String value) {
    return new Device(
        startDeviceId, endDeviceId, Objects.requireNonNull(value, "materielNo == null"));
  }
}
