package dev.payscore;

import java.util.Objects;

/** Cancel an order ({@code reason} is shown to the user), on behalf of {@code requestedBy}. */
public record RequestCancelCommand(
    MerchantId mchid, OutOrderNo outOrderNo, String reason, String requestedBy) {
  public RequestCancelCommand {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(reason, "reason == null");
    Objects.requireNonNull(requestedBy, "requestedBy == null");
  }
}
