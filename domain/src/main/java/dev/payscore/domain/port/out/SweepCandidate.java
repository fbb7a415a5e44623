package dev.payscore.domain.port.out;

import dev.payscore.domain.model.ServiceOrder;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An order a sweep claimed to look at: the mirror, how many times a sweep found it unchanged since
 * its last change ({@code checks}, the back-off step) and the finding audited last ({@code
 * lastFinding}, null if none), so that an unchanged finding is not audited again.
 */
public record SweepCandidate(ServiceOrder order, int checks, @Nullable String lastFinding) {
  public SweepCandidate {
    Objects.requireNonNull(order, "order == null");
    if (checks < 0) {
      throw new IllegalArgumentException("checks < 0: " + checks);
    }
  }
}
