package dev.payscore;

import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.domain.port.out.ModifyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Lower the total of a completed, unpaid order to {@code totalAmount} fen with these items ({@code
 * reason} is shown to the user), on behalf of {@code requestedBy}. Build one with {@link
 * #builder(MerchantId, OutOrderNo)}:
 *
 * <pre>{@code
 * RequestModifyCommand modify = RequestModifyCommand.builder(mchid, outOrderNo)
 *     .addPostPayment(PostPayment.charged("租借费用", 20_00, "2小时"))
 *     .totalAmount(20_00)
 *     .reason("优惠")
 *     .requestedBy("shop")
 *     .build();
 * }</pre>
 *
 * <p>Immutable and safe to share between threads; a {@link Builder} is not.
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

  /** A builder of the modification of {@code outOrderNo} of {@code mchid}. */
  public static Builder builder(MerchantId mchid, OutOrderNo outOrderNo) {
    return new Builder(mchid, outOrderNo);
  }

  /**
   * Collects a {@link RequestModifyCommand}; {@link #build()} reports every missing field and every
   * rule the new bill breaks on its own at once ({@link InvalidValueException}). That the total is
   * not above the order's current one is checked when the modification is requested. Not
   * thread-safe.
   */
  public static final class Builder {
    private final MerchantId mchid;
    private final OutOrderNo outOrderNo;
    private final ArrayList<PostPayment> postPayments = new ArrayList<>();
    private final ArrayList<PostDiscount> postDiscounts = new ArrayList<>();
    private @Nullable Long totalAmount;
    private @Nullable String reason;
    private @Nullable Device device;
    private @Nullable String requestedBy;

    private Builder(MerchantId mchid, OutOrderNo outOrderNo) {
      this.mchid = Objects.requireNonNull(mchid, "mchid == null");
      this.outOrderNo = Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    }

    /** Adds a fee line of the new bill (1..100 of them). */
    public Builder addPostPayment(PostPayment value) {
      postPayments.add(Objects.requireNonNull(value, "postPayment == null"));
      return this;
    }

    /** Adds a discount line of the new bill (each with an amount). */
    public Builder addPostDiscount(PostDiscount value) {
      postDiscounts.add(Objects.requireNonNull(value, "postDiscount == null"));
      return this;
    }

    /** The new {@code total_amount} in fen, not above the current one. Required. */
    public Builder totalAmount(long fen) {
      this.totalAmount = fen;
      return this;
    }

    /** Why, shown to the user. Required. */
    public Builder reason(String value) {
      this.reason = Objects.requireNonNull(value, "reason == null");
      return this;
    }

    /** The devices of the service. */
    public Builder device(Device value) {
      this.device = Objects.requireNonNull(value, "device == null");
      return this;
    }

    /** Who asks, for the audit history. Required. */
    public Builder requestedBy(String value) {
      this.requestedBy = Objects.requireNonNull(value, "requestedBy == null");
      return this;
    }

    /**
     * The command.
     *
     * @throws InvalidValueException naming every missing field and every broken rule
     */
    public RequestModifyCommand build() {
      Required required = new Required("RequestModifyCommand");
      String by = required.or(requestedBy, "requested_by", "-");
      if (by.isBlank()) {
        required.or(null, "requested_by", by);
      }
      RequestModifyCommand value =
          new RequestModifyCommand(
              mchid,
              outOrderNo,
              postPayments,
              postDiscounts,
              required.or(totalAmount, "total_amount", 0L),
              required.or(reason, "reason", ""),
              device,
              by.isBlank() ? "-" : by);
      // appid and service_id are the order's, filled in when the modification is requested
      ModifyOrder bill =
          new ModifyOrder(
              "wx0000000000000000",
              "0",
              value.postPayments(),
              value.postDiscounts(),
              value.totalAmount(),
              value.reason(),
              device);
      return required.check(value, CompletionValidator.withoutContext().validateModify(bill));
    }
  }
}
