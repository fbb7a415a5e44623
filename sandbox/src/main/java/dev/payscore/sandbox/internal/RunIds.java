package dev.payscore.sandbox.internal;

import dev.payscore.sandbox.SandboxConfig;
import java.security.SecureRandom;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Where the ids WeChat assigns come from. Merchants keep their staging database between sandbox
 * runs and dedupe callbacks by id, as they must: an id that repeats across runs would swallow a
 * real callback as a redelivery. So every run draws its own ids (a random run prefix for the
 * numbered ones, a secure random for notification ids), unless a seed was given, which makes a run
 * repeat exactly.
 */
final class RunIds {
  private RunIds() {}

  /** Ten digits that set this run's order_id and transaction_id apart from every other run's. */
  static String runPrefix(SandboxConfig config) {
    long draw =
        config.seeded()
            ? new SplittableRandom(config.seed()).nextLong(10_000_000_000L)
            : new SecureRandom().nextLong(10_000_000_000L);
    return String.format("%010d", draw);
  }

  /** The random of notification ids: seeded, or unique to the run. */
  static Random notificationIds(SandboxConfig config) {
    return config.seeded() ? new Random(config.seed()) : new SecureRandom();
  }
}
