package dev.payscore.console.internal;

import org.jspecify.annotations.Nullable;

/** One thing wrong with a request's parameters: which field, which rule, what value. */
public record Violation(String field, String rule, @Nullable String value) {

  /** "status: not one of PENDING, … (\"DONE\")". */
  @Override
  public String toString() {
    return field + ": " + rule + (value == null ? "" : " (\"" + value + "\")");
  }
}
