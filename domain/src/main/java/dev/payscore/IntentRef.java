package dev.payscore;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An intent named without reading its body: enough to say which intent holds an order, and to act
 * on one that cannot be read. {@code kind} and {@code status} are as stored, so a value this version
 * does not know (written by a newer one) is shown as it is rather than failing.
 *
 * @param quarantineReason why a claim set it aside, if it did (then it is NEEDS_ATTENTION)
 */
public record IntentRef(
    IntentId id,
    String kind,
    String status,
    int generation,
    String sha256,
    @Nullable String quarantineReason,
    long version) {
  public IntentRef {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(sha256, "sha256 == null");
  }

  /** The reference of a readable intent. */
  public static IntentRef of(CompletionIntent intent) {
    return new IntentRef(
        intent.id(),
        intent.kind().name(),
        intent.status().name(),
        intent.generation(),
        intent.payload().sha256(),
        null,
        intent.version());
  }

  /** The kind, if this version knows it. */
  public Optional<IntentKind> knownKind() {
    for (IntentKind k : IntentKind.values()) {
      if (k.name().equals(kind)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** The status, if this version knows it. */
  public Optional<IntentStatus> knownStatus() {
    for (IntentStatus s : IntentStatus.values()) {
      if (s.name().equals(status)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** A claim set it aside as unreadable. */
  public boolean quarantined() {
    return quarantineReason != null;
  }

  /** "COMPLETE intent 1f0c… (generation 1, PENDING)". */
  public String describe() {
    return kind + " intent " + id + " (generation " + generation + ", " + status + ")";
  }
}
