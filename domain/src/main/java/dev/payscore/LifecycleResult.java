package dev.payscore;

import dev.payscore.domain.model.ServiceOrder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a lifecycle operation (create, sync, collect, refresh) did: applied at WeChat and mirrored
 * locally, refused locally before any call, rejected by WeChat, or not settled (WeChat may or may
 * not have applied it, and a query could not tell).
 */
public sealed interface LifecycleResult {

  /** Whether WeChat applied it and the local mirror shows it ({@link Applied}). */
  default boolean isApplied() {
    return this instanceof Applied;
  }

  /** The order as mirrored afterwards, when {@link #isApplied() applied}. */
  default Optional<ServiceOrder> appliedOrder() {
    return this instanceof Applied applied ? Optional.of(applied.order()) : Optional.empty();
  }

  /**
   * The {@code package} for the confirm page ({@code wx.openBusinessView}), from an applied create
   * in confirm mode; empty otherwise.
   */
  default Optional<String> confirmPackageValue() {
    return Optional.empty();
  }

  /**
   * WeChat applied it (or a query showed it had); {@code order} is the local mirror afterwards.
   * {@code confirmPackage} is the {@code package} for the confirm page, from a create response
   * only.
   */
  record Applied(ServiceOrder order, @Nullable String confirmPackage) implements LifecycleResult {
    public Applied {
      Objects.requireNonNull(order, "order == null");
    }

    public Optional<String> confirmPackageValue() {
      return Optional.ofNullable(confirmPackage);
    }
  }

  /**
   * Refused locally: nothing was sent or written. {@code reason} says why (branch on it), {@code
   * detail} says it for people, {@code violations} lists every broken rule (path, rule code, value)
   * and is empty unless the input was {@link RefusalReason#INVALID}; a refusal that is also about
   * the state lists the state's reason in the detail.
   */
  record Refused(RefusalReason reason, String detail, List<Violation> violations)
      implements LifecycleResult {
    public Refused {
      Objects.requireNonNull(reason, "reason == null");
      Objects.requireNonNull(detail, "detail == null");
      violations = List.copyOf(violations);
    }

    /** A refusal without violations (an unknown order, a wrong state). */
    public Refused(RefusalReason reason, String detail) {
      this(reason, detail, List.of());
    }

    /** Refused for these violations ({@link RefusalReason#INVALID}). */
    public static Refused invalid(List<Violation> violations) {
      return new Refused(
          RefusalReason.INVALID,
          String.join("; ", violations.stream().map(Violation::describe).toList()),
          violations);
    }
  }

  /** WeChat refused it for good; the refusal is in the audit history when the order is known. */
  record Rejected(int status, String code, String message) implements LifecycleResult {
    public Rejected {
      Objects.requireNonNull(code, "code == null");
      Objects.requireNonNull(message, "message == null");
    }
  }

  /**
   * Not settled: the call's outcome was ambiguous and the settling query could not tell. Repeating
   * the same operation with the same input is safe (a create repeats the same out_order_no).
   */
  record Unknown(String description) implements LifecycleResult {
    public Unknown {
      Objects.requireNonNull(description, "description == null");
    }
  }
}
