package dev.payscore;

import java.time.Instant;
import java.util.Objects;

/**
 * An intent row that cannot be read (its body does not match its digest, an unknown kind or
 * status, a body that is not its kind's request), with the reason: a claim sets it aside as
 * NEEDS_ATTENTION instead of failing, and listings show it here. A person inspects it, then
 * retries it (once the row is readable again) or supersedes it with a corrected request.
 */
public record QuarantinedIntent(
    MerchantId mchid, OutOrderNo outOrderNo, IntentRef ref, String reason, Instant updatedAt) {
  public QuarantinedIntent {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(ref, "ref == null");
    Objects.requireNonNull(reason, "reason == null");
    Objects.requireNonNull(updatedAt, "updatedAt == null");
  }
}
