package dev.payscore.bench;

import dev.payscore.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The inputs of a run. {@code jdbcUrl} null means an embedded PostgreSQL started for the run; a URL
 * names a server on which the run creates, and afterwards drops, a database of its own.
 *
 * @param duration how long each timed phase offers work
 * @param concurrency calls in flight (bare threads = dispatcher concurrency)
 * @param historySizes audit-event table sizes the scale scenario seeds, smallest first
 * @param settledSizes settled intents present while the scale scenario measures claiming
 * @param backlog pending intents the scale scenario drains after an "outage"
 * @param drainRateLimit the per-merchant rate (calls/s) of the scale scenario's "limit on" drain
 * @param durable production durability: the embedded PostgreSQL runs with {@code fsync} and
 *     {@code synchronous_commit} on (a commit waits for its WAL flush); false keeps both off (on a
 *     server of {@code jdbcUrl}, only {@code synchronous_commit} can be turned off per database)
 */
public record BenchSettings(
    Duration duration,
    int concurrency,
    @Nullable String jdbcUrl,
    List<Long> historySizes,
    List<Long> settledSizes,
    int backlog,
    double drainRateLimit,
    boolean durable) {

  public BenchSettings {
    Objects.requireNonNull(duration, "duration == null");
    historySizes = List.copyOf(historySizes);
    settledSizes = List.copyOf(settledSizes);
    List<String> problems = new ArrayList<>();
    if (duration.isNegative() || duration.isZero()) {
      problems.add("duration must be > 0: " + duration);
    }
    if (concurrency < 1 || concurrency > 1024) {
      problems.add("concurrency must be 1..1024: " + concurrency);
    }
    if (historySizes.isEmpty() || historySizes.stream().anyMatch(n -> n < 100)) {
      problems.add("history sizes must be >= 100 each: " + historySizes);
    }
    if (settledSizes.isEmpty() || settledSizes.stream().anyMatch(n -> n < 0)) {
      problems.add("settled sizes must be >= 0 each: " + settledSizes);
    }
    if (!(drainRateLimit >= 1)) {
      problems.add("drain rate limit must be >= 1/s: " + drainRateLimit);
    }
    if (backlog < 1) {
      problems.add("backlog must be >= 1: " + backlog);
    }
    if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      problems.add("jdbc URL must start with jdbc:postgresql: " + jdbcUrl);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** The defaults of {@code payscore bench}: each scenario finishes in a few minutes. */
  public static BenchSettings defaults() {
    return new BenchSettings(
        Duration.ofSeconds(20),
        16,
        null,
        List.of(10_000L, 1_000_000L),
        List.of(10_000L, 1_000_000L),
        2_000,
        RateLimit.defaults().maxPerSecond(),
        true);
  }
}
