package dev.payscore.domain.settlement;

import dev.payscore.CompletionIntent;
import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What settling one attempt changes, as values: the intent's next state (written fenced by the
 * version taken at claim), the order's change, and the audit entries, in the order they happened.
 * Applying a plan is one transaction; several plans can be applied in one transaction, since each
 * names only its own rows.
 *
 * @param intent the intent to store, or null when the claim was lost: only the attempt is recorded
 * @param dueIn when the intent is PENDING again: due after this, on the store's clock
 * @param order the order to store (moved forward to WeChat's view), or null when it is unchanged
 * @param audit the audit entries to append
 * @param attention why a person must look, when the intent goes to NEEDS_ATTENTION
 * @param transition the order's move, when it moved forward
 */
public record SettlementPlan(
    @Nullable CompletionIntent intent,
    @Nullable Duration dueIn,
    @Nullable ServiceOrder order,
    List<AuditEntry> audit,
    @Nullable String attention,
    @Nullable Transition transition) {

  public SettlementPlan {
    audit = List.copyOf(audit);
    if (intent == null && (dueIn != null || order != null || attention != null)) {
      throw new IllegalArgumentException("a plan without an intent only records the attempt");
    }
  }

  /** The local order moved from {@code from} to {@code to}, learnt through {@code cause}. */
  public record Transition(LifecycleState from, LifecycleState to, AuditCause cause) {
    public Transition {
      Objects.requireNonNull(from, "from == null");
      Objects.requireNonNull(to, "to == null");
      Objects.requireNonNull(cause, "cause == null");
    }
  }

  /** Whether the claim was lost, so that only the attempt is recorded. */
  public boolean lost() {
    return intent == null;
  }
}
