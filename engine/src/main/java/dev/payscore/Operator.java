package dev.payscore;

import dev.payscore.domain.port.out.StorageLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A person acting on an intent through an operator tool (the CLI, the console): who, and why. Both
 * go into the audit history, so that "why did it take three tries?" has an answer with a name.
 *
 * @param name who acts, as the audit history's actor (1..128 characters, not blank)
 * @param reason why, in the operator's words (at most {@value #MAX_REASON} characters), or null
 */
public record Operator(String name, @Nullable String reason) {
  /** The longest name: the audit history's actor column. */
  public static final int MAX_NAME = 128;

  /** The longest reason (it shares the audit event's detail with what the intent was). */
  public static final int MAX_REASON = 1000;

  /**
   * @throws IllegalArgumentException naming every violation at once (a blank or too long name, a
   *     too long reason)
   */
  public Operator {
    Objects.requireNonNull(name, "name == null");
    name = name.strip();
    reason = reason == null || reason.isBlank() ? null : reason.strip();
    List<String> violations = new ArrayList<>();
    if (name.isEmpty()) {
      violations.add("name: blank");
    } else if (name.length() > MAX_NAME) {
      violations.add("name: longer than " + MAX_NAME + " characters (" + name.length() + ")");
    }
    if (reason != null && reason.length() > MAX_REASON) {
      violations.add(
          "reason: longer than " + MAX_REASON + " characters (" + reason.length() + ")");
    }
    if (!violations.isEmpty()) {
      throw new IllegalArgumentException("operator: " + String.join("; ", violations));
    }
  }

  /** An operator who gives no reason. */
  public static Operator named(String name) {
    return new Operator(name, null);
  }

  /** What the audit event's detail says: the reason first, then what the intent was. */
  String detail(String what) {
    return StorageLimits.truncate(
        reason == null ? what : "reason: " + reason + "; " + what, StorageLimits.DETAIL);
  }
}
