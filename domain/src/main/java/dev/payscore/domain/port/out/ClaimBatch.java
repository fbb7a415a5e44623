package dev.payscore.domain.port.out;

import dev.payscore.domain.intent.ClaimedIntent;
import dev.payscore.CompletionIntent;
import java.util.List;
import java.util.Objects;

/**
 * What one claim statement took: {@code leased}, the intents now IN_FLIGHT under the claimer's
 * lease, oldest due first; {@code setAside}, expired claims that had been claimed the limit of
 * times without settling, moved to NEEDS_ATTENTION instead (a crash loop, or a settlement that
 * keeps failing).
 */
public record ClaimBatch(List<ClaimedIntent> leased, List<ClaimedIntent> setAside) {
  public static final ClaimBatch EMPTY = new ClaimBatch(List.of(), List.of());

  public ClaimBatch {
    leased = List.copyOf(Objects.requireNonNull(leased, "leased == null"));
    setAside = List.copyOf(Objects.requireNonNull(setAside, "setAside == null"));
  }

  /** The leased intents. */
  public List<CompletionIntent> intents() {
    return leased.stream().map(ClaimedIntent::intent).toList();
  }
}
