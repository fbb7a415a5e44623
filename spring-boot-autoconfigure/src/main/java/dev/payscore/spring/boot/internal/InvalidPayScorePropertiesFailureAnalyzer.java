package dev.payscore.spring.boot.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a start-up failed on payscore.* properties into one message, each problem on a line. */
public final class InvalidPayScorePropertiesFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidPayScorePropertiesException> {

  @Override
  protected FailureAnalysis analyze(Throwable root, InvalidPayScorePropertiesException cause) {
    return new FailureAnalysis(
        "payscore cannot start with these properties:\n  - "
            + String.join("\n  - ", cause.problems()),
        "Fix the payscore.* properties named above (README, \"Spring Boot\"). A key is given as its"
            + " PEM text, or as classpath:…, file:… or a file path.",
        cause);
  }
}
