package dev.payscore;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Lower the total of a completed, unpaid order to {@code totalAmount} fen with these items ({@code
 * reason} is shown to the user), on behalf of {@code requestedBy}.
 */
public record RequestModifyCommand(
    MerchantId mchid,
    OutOrderNo outOrderNo,
    List<PostPayment> postPayments,
    List<PostDiscount> postDiscounts,
    long totalAmount,
    String reason,
    @Nullable Device device,
    String requestedBy) {
  public RequestModifyCommand {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    postPayments = List.copyOf(postPayments);
    postDiscounts = List.copyOf(postDiscounts);
    Objects.requireNonNull(reason, "reason == null");
    Objects.requireNonNull(requestedBy, "requestedBy == null");
  }
}
