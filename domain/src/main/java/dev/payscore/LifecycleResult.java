package dev.payscore;

import dev.payscore.domain.model.ServiceOrder;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a lifecycle operation (create, sync, collect, refresh) did: applied at WeChat and mirrored
 * locally, refused locally before any call, rejected by WeChat, or not settled (WeChat may or may
 * not have applied it, and a query could not tell).
 */
public sealed interface LifecycleResult {

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

  /** Refused locally (wrong state, unknown order, invalid input): nothing was sent or written. */
  record Refused(String reason) implements LifecycleResult {
    public Refused {
      Objects.requireNonNull(reason, "reason == null");
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
