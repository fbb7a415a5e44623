package dev.payscore.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The scenarios {@code payscore bench --scenario NAME} runs; {@link #id()} is the NAME. */
public enum Scenario {
  DURABLE_VS_BARE(
      "bare signed complete calls vs durable completions through the engine, one sandbox, one run"),
  ROUND_TRIP("durable vs bare with the sandbox answering every call 100 ms late"),
  CRYPTO("request signatures/s: our signer vs a bare Signature loop vs openssl speed rsa2048"),
  SCALE("history queries, claiming and draining a backlog as the tables grow"),
  BULK_RECORD("--backlog completions requested in one merchant transaction: batch vs one by one");

  private final String summary;

  Scenario(String summary) {
    this.summary = summary;
  }

  /** The name on the command line, e.g. {@code durable-vs-bare}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public String summary() {
    return summary;
  }

  /** The scenario called {@code id}, if there is one. */
  public static Optional<Scenario> byId(String id) {
    return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
  }
}
