package dev.payscore.cli;

import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import org.jspecify.annotations.Nullable;

/** {@code --mchid} and {@code --order} as domain ids, a malformed one reported as one line. */
final class Ids {
  private Ids() {}

  static MerchantId merchant(@Nullable String value) throws CliInput.Failure {
    try {
      return MerchantId.of(String.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw new CliInput.Failure("--mchid: " + e.getMessage());
    }
  }

  static OutOrderNo order(@Nullable String value) throws CliInput.Failure {
    try {
      return OutOrderNo.of(String.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw new CliInput.Failure("--order: " + e.getMessage());
    }
  }
}
