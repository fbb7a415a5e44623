package dev.payscore.spring.boot.internal;

import java.util.List;

/** The payscore.* properties cannot configure payscore: every problem, no secret. */
public final class InvalidPayScorePropertiesException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public InvalidPayScorePropertiesException(List<String> problems) {
    super("invalid payscore.* properties: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
