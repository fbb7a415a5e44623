package dev.payscore.generators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class GenTest {
  @Test
  void theSameSeedDrawsTheSameValues() {
    Gen<List<String>> gen = Gen.anyText(30).list(0, 10);
    assertThat(gen.next(Property.random(42))).isEqualTo(gen.next(Property.random(42)));
  }

  @Test
  void longsStayWithinTheirBoundsAndReachThem() {
    Gen<Long> gen = Gen.longs(Long.MAX_VALUE - 5, Long.MAX_VALUE);
    List<Long> drawn =
        IntStream.range(0, 2000).mapToObj(i -> gen.next(Property.random(i))).toList();
    assertThat(drawn).allMatch(v -> v >= Long.MAX_VALUE - 5).contains(Long.MAX_VALUE);
    Gen<Long> small = Gen.longs(-3, 3);
    assertThat(IntStream.range(0, 2000).mapToObj(i -> small.next(Property.random(i))))
        .allMatch(v -> v >= -3 && v <= 3)
        .contains(-3L, 3L, 0L);
  }

  @Test
  void uniqueListsHaveDistinctKeys() {
    Gen<List<Integer>> gen = Gen.ints(0, 9).uniqueList(10, 10, v -> v);
    assertThat(gen.next(Property.random(7))).doesNotHaveDuplicates().hasSize(10);
  }

  @Test
  void anyTextHasAtMostItsLength() {
    Gen<String> gen = Gen.anyText(12);
    assertThat(IntStream.range(0, 500).mapToObj(i -> gen.next(Property.random(i))))
        .allMatch(s -> s.length() <= 12);
  }
}
