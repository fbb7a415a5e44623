package dev.payscore.generators;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Runs a property as JUnit 5 dynamic tests, one per try, each drawing its input from a seeded
 * generator:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> generatedValidCompletionsPass() {
 *   return Property.check(200, validCases(), valid -> assertThat(validate(valid)).isEmpty());
 * }
 * }</pre>
 *
 * <p>The run's seed is random, or {@value #SEED_PROPERTY} when that system property is set; try
 * {@code i} draws from a seed derived from it, named in the test's display name. A failing try
 * throws an {@link AssertionError} whose message gives its seed and the command line that replays
 * it alone ({@code -Dpayscore.seed=<seed> -Dpayscore.tries=1}: try 0 draws from the run's seed
 * itself), and prints the same line to standard error. {@value #TRIES_PROPERTY} overrides the
 * number of tries.
 */
public final class Property {
  /** The system property that fixes the run's seed (decimal, or hexadecimal with {@code 0x}). */
  public static final String SEED_PROPERTY = "payscore.seed";

  /** The system property that overrides the number of tries of every property. */
  public static final String TRIES_PROPERTY = "payscore.tries";

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private Property() {}

  /** {@code tries} dynamic tests, each checking {@code property} on a value of {@code gen}. */
  public static <T extends @Nullable Object> Stream<DynamicTest> check(
      int tries, Gen<T> gen, ThrowingConsumer<T> property) {
    return check(tries, gen, String::valueOf, property);
  }

  /**
   * As {@link #check(int, Gen, ThrowingConsumer)}, describing a failing value with {@code describe}
   * (the default is {@code toString()}).
   */
  public static <T extends @Nullable Object> Stream<DynamicTest> check(
      int tries, Gen<T> gen, Function<? super T, String> describe, ThrowingConsumer<T> property) {
    long runSeed = runSeed();
    int count = Integer.getInteger(TRIES_PROPERTY, tries);
    return IntStream.range(0, count)
        .mapToObj(
            i -> {
              long seed = runSeed + i * GOLDEN_GAMMA;
              return DynamicTest.dynamicTest(
                  "try " + i + " (seed " + hex(seed) + ")",
                  () -> run(seed, gen, describe, property));
            });
  }

  /** The random generator of one try's seed: the same seed, the same draws. */
  public static RandomGenerator random(long seed) {
    return new SplittableRandom(seed);
  }

  private static <T extends @Nullable Object> void run(
      long seed, Gen<T> gen, Function<? super T, String> describe, ThrowingConsumer<T> property)
      throws Throwable {
    T value;
    try {
      value = gen.next(random(seed));
    } catch (RuntimeException e) {
      throw failure(seed, "the generator failed", e);
    }
    try {
      property.accept(value);
    } catch (Throwable e) {
      if (e instanceof VirtualMachineError) {
        throw e;
      }
      throw failure(seed, "falsified by " + describe.apply(value), e);
    }
  }

  private static AssertionError failure(long seed, String what, Throwable cause) {
    String replay =
        "seed "
            + hex(seed)
            + ": replay with -D"
            + SEED_PROPERTY
            + "="
            + hex(seed)
            + " -D"
            + TRIES_PROPERTY
            + "=1";
    System.err.println("property failed, " + replay);
    return new AssertionError(replay + "\n" + what + "\n" + cause.getMessage(), cause);
  }

  private static long runSeed() {
    String given = System.getProperty(SEED_PROPERTY);
    if (given == null || given.isBlank()) {
      return new SplittableRandom().nextLong();
    }
    String text = given.strip();
    return text.startsWith("0x") || text.startsWith("0X")
        ? Long.parseUnsignedLong(text.substring(2), 16)
        : Long.parseLong(text);
  }

  private static String hex(long seed) {
    return "0x" + Long.toHexString(seed);
  }
}
