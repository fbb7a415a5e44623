package dev.payscore;

import java.util.Objects;

/** Which order an operation (sync, collect, refresh) is for, and on whose behalf. */
public record OrderCommand(MerchantId mchid, OutOrderNo outOrderNo, String requestedBy) {
  public OrderCommand {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(requestedBy, "requestedBy == null");
    if (requestedBy.isBlank()) {
      throw new IllegalArgumentException("requestedBy is blank");
    }
  }
}
