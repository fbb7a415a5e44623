package dev.payscore.generators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * A generator: draws one value from a seeded {@link RandomGenerator}. The same seed gives the same
 * value, so a failing try replays from its seed alone. Compose with the default methods and the
 * static factories:
 *
 * <pre>{@code
 * Gen<PostPayment> payments =
 *     Gen.zip(Gen.text(ALPHABET, 1, 20), Gen.longs(0, 100_00).orNull(0.3),
 *         (name, amount) -> new PostPayment(name, amount, "说明", null));
 * }</pre>
 *
 * <p>Like the generators of property-testing libraries, the numeric ones put extra weight on their
 * edges (the bounds, zero, one, minus one), where defects gather.
 */
@FunctionalInterface
public interface Gen<T extends @Nullable Object> {
  /** The probability that a numeric generator draws one of its edge values. */
  double EDGE_WEIGHT = 0.1;

  /** One value drawn from {@code random}. */
  T next(RandomGenerator random);

  /** The values of this generator, changed by {@code f}. */
  default <R extends @Nullable Object> Gen<R> map(Function<? super T, ? extends R> f) {
    return random -> f.apply(next(random));
  }

  /** A generator chosen by the value this one draws. */
  default <R extends @Nullable Object> Gen<R> flatMap(Function<? super T, Gen<R>> f) {
    return random -> f.apply(next(random)).next(random);
  }

  /** Only values that {@code keep} accepts; gives up after 1000 draws in a row are refused. */
  default Gen<T> filter(Predicate<? super T> keep) {
    return random -> {
      for (int i = 0; i < 1000; i++) {
        T value = next(random);
        if (keep.test(value)) {
          return value;
        }
      }
      throw new IllegalStateException("filter refused 1000 draws in a row");
    };
  }

  /** {@code null} with probability {@code p}, else a value of this generator. */
  default Gen<@Nullable T> orNull(double p) {
    return random -> random.nextDouble() < p ? null : next(random);
  }

  /** Lists of {@code min..max} (inclusive) values of this generator. */
  default Gen<List<T>> list(int min, int max) {
    return ints(min, max).flatMap(this::list);
  }

  /** Lists of exactly {@code size} values of this generator. */
  default Gen<List<T>> list(int size) {
    return random -> {
      List<T> values = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        values.add(next(random));
      }
      return Collections.unmodifiableList(values);
    };
  }

  /** Lists of {@code min..max} values whose {@code key}s are all different. */
  default Gen<List<T>> uniqueList(int min, int max, Function<? super T, ?> key) {
    return ints(min, max)
        .flatMap(
            size ->
                random -> {
                  List<T> values = new ArrayList<>(size);
                  Set<Object> keys = new HashSet<>();
                  for (int tries = 0; values.size() < size; tries++) {
                    if (tries > 1000 * (size + 1)) {
                      throw new IllegalStateException("cannot draw " + size + " unique values");
                    }
                    T value = next(random);
                    if (keys.add(key.apply(value))) {
                      values.add(value);
                    }
                  }
                  return Collections.unmodifiableList(values);
                });
  }

  // ------------------------------------------------------------------ factories

  /** Always {@code value}. */
  static <T extends @Nullable Object> Gen<T> constant(T value) {
    return random -> value;
  }

  /** One of {@code values}, each as likely. */
  @SafeVarargs
  static <T> Gen<T> of(T... values) {
    return of(Arrays.asList(values));
  }

  /** One of {@code values}, each as likely. */
  static <T> Gen<T> of(List<T> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<T> copy = List.copyOf(values);
    return random -> copy.get(random.nextInt(copy.size()));
  }

  /** One of the constants of {@code type}. */
  static <E extends Enum<E>> Gen<E> of(Class<E> type) {
    return of(Arrays.asList(type.getEnumConstants()));
  }

  /** A value of one of {@code gens}, each as likely. */
  @SafeVarargs
  static <T extends @Nullable Object> Gen<T> oneOf(Gen<? extends T>... gens) {
    List<Gen<? extends T>> copy = List.of(gens);
    return random -> copy.get(random.nextInt(copy.size())).next(random);
  }

  /** A weighted choice: {@code weighted(2, a, 5, b)} draws from b two and a half times as often. */
  static <T extends @Nullable Object> Gen<T> weighted(
      int weightA, Gen<? extends T> a, int weightB, Gen<? extends T> b) {
    return weighted(List.of(weightA, weightB), List.of(a, b));
  }

  /** A weighted choice of three. */
  static <T extends @Nullable Object> Gen<T> weighted(
      int weightA,
      Gen<? extends T> a,
      int weightB,
      Gen<? extends T> b,
      int weightC,
      Gen<? extends T> c) {
    return weighted(List.of(weightA, weightB, weightC), List.of(a, b, c));
  }

  private static <T extends @Nullable Object> Gen<T> weighted(
      List<Integer> weights, List<Gen<? extends T>> gens) {
    int total = weights.stream().mapToInt(Integer::intValue).sum();
    return random -> {
      int pick = random.nextInt(total);
      for (int i = 0; i < weights.size(); i++) {
        pick -= weights.get(i);
        if (pick < 0) {
          return gens.get(i).next(random);
        }
      }
      throw new AssertionError("unreachable");
    };
  }

  /** Two generators drawn in turn and combined. */
  static <A extends @Nullable Object, B extends @Nullable Object, R extends @Nullable Object>
      Gen<R> zip(Gen<A> a, Gen<B> b, BiFunction<A, B, R> combine) {
    return random -> {
      A first = a.next(random);
      return combine.apply(first, b.next(random));
    };
  }

  /** {@code true} or {@code false}. */
  static Gen<Boolean> booleans() {
    return RandomGenerator::nextBoolean;
  }

  /** A long in {@code min..max} (inclusive), the bounds and 0, ±1 (when inside) weighted. */
  static Gen<Long> longs(long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException("min > max: " + min + " > " + max);
    }
    List<Long> edges = new ArrayList<>();
    for (long edge : new long[] {min, max, 0, 1, -1}) {
      if (edge >= min && edge <= max && !edges.contains(edge)) {
        edges.add(edge);
      }
    }
    return random -> {
      if (random.nextDouble() < EDGE_WEIGHT) {
        return edges.get(random.nextInt(edges.size()));
      }
      if (max == Long.MAX_VALUE && min == Long.MIN_VALUE) {
        return random.nextLong();
      }
      if (max == Long.MAX_VALUE) {
        return random.nextLong(min - 1, max) + 1; // max + 1 would overflow
      }
      return random.nextLong(min, max + 1);
    };
  }

  /** Any long, the extremes and 0, ±1 weighted. */
  static Gen<Long> anyLong() {
    return longs(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** An int in {@code min..max} (inclusive), the bounds and 0, ±1 (when inside) weighted. */
  static Gen<Integer> ints(int min, int max) {
    return longs(min, max).map(Long::intValue);
  }

  /** Any int, the extremes and 0, ±1 weighted. */
  static Gen<Integer> anyInt() {
    return ints(Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** A double in {@code [min, max)}. */
  static Gen<Double> doubles(double min, double max) {
    return random -> random.nextDouble(min, max);
  }

  /** {@code min..max} chars from {@code from..to} (inclusive). */
  static Gen<String> chars(char from, char to, int min, int max) {
    return ints(min, max)
        .flatMap(
            length ->
                random -> {
                  StringBuilder text = new StringBuilder(length);
                  for (int i = 0; i < length; i++) {
                    text.append((char) random.nextInt(from, to + 1));
                  }
                  return text.toString();
                });
  }

  /** {@code min..max} decimal digits. */
  static Gen<String> digits(int min, int max) {
    return chars('0', '9', min, max);
  }

  /** {@code min..max} parts drawn from {@code parts}, joined. */
  static Gen<String> joined(Gen<String> parts, int min, int max) {
    return parts.list(min, max).map(list -> String.join("", list));
  }

  /**
   * Any text of at most {@code max} chars: ASCII, CJK, emoji (surrogate pairs), control characters
   * and lone surrogates mixed, as the arbitrary strings of a property library.
   */
  static Gen<String> anyText(int max) {
    Gen<String> unit =
        weighted(
            6,
            chars(' ', '~', 1, 1),
            3,
            oneOf(chars('\u4e00', '\u9fff', 1, 1), constant("🔋")),
            1,
            chars('\u0000', '\uffff', 1, 1));
    return ints(0, max)
        .flatMap(
            length ->
                random -> {
                  StringBuilder text = new StringBuilder();
                  while (text.length() < length) {
                    text.append(unit.next(random));
                  }
                  text.setLength(length);
                  return text.toString();
                });
  }
}
