package dev.payscore;

import java.util.Objects;

/**
 * Complete {@code outOrderNo} of {@code mchid} with {@code completion}. Leave {@code
 * time_range.end_time} out to have it fixed to "now" when the request is recorded (in the order's
 * precision); {@code requestedBy} names the caller in the audit history.
 */
public record RequestCompletionCommand(
    MerchantId mchid, OutOrderNo outOrderNo, CompleteOrder completion, String requestedBy) {

  public RequestCompletionCommand {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(completion, "completion == null");
    Objects.requireNonNull(requestedBy, "requestedBy == null");
    if (requestedBy.isBlank()) {
      throw new IllegalArgumentException("requestedBy is blank");
    }
  }
}
