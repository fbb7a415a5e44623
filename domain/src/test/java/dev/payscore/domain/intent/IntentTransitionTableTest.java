package dev.payscore.domain.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.IntentStatus;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The intent table checked cell by cell against an expectation written here by hand, not derived
 * from {@link IntentTransitionTable}.
 */
final class IntentTransitionTableTest {

  /** Rows: from-status. Columns: events. A cell is where the event leads, or "-" (refused). */
  private static final String EXPECTED =
      """
      from             CLAIMED   RELEASED SUCCEEDED FAILED ATTENTION_NEEDED QUARANTINED     RETRIED SUPERSEDED
      PENDING          IN_FLIGHT -        -         -      -                NEEDS_ATTENTION -       -
      IN_FLIGHT        IN_FLIGHT PENDING  SUCCEEDED FAILED NEEDS_ATTENTION  NEEDS_ATTENTION -       -
      SUCCEEDED        -         -        -         -      -                -               -       -
      FAILED           -         -        -         -      -                -               -       -
      NEEDS_ATTENTION  -         -        -         -      -                -               PENDING SUPERSEDED
      SUPERSEDED       -         -        -         -      -                -               -       -
      """;

  private static final List<String[]> ROWS =
      EXPECTED.lines().map(line -> line.trim().split("\\s+")).toList();

  private static @Nullable IntentStatus expected(IntentStatus from, IntentEvent event) {
    String[] header = ROWS.get(0);
    String[] row = ROWS.stream().filter(r -> r[0].equals(from.name())).findFirst().orElseThrow();
    String cell = row[Arrays.asList(header).indexOf(event.name())];
    return cell.equals("-") ? null : IntentStatus.valueOf(cell);
  }

  static Stream<Arguments> everyStatusAndEvent() {
    return Arrays.stream(IntentStatus.values())
        .flatMap(s -> Arrays.stream(IntentEvent.values()).map(e -> Arguments.of(s, e)));
  }

  @Test
  void expectationCoversEveryStatusAndEvent() {
    assertThat(Arrays.asList(ROWS.get(0)).subList(1, ROWS.get(0).length))
        .containsExactlyInAnyOrder(
            Arrays.stream(IntentEvent.values()).map(Enum::name).toArray(String[]::new));
    assertThat(ROWS.subList(1, ROWS.size()).stream().map(r -> r[0]))
        .containsExactlyInAnyOrder(
            Arrays.stream(IntentStatus.values()).map(Enum::name).toArray(String[]::new));
    assertThat(ROWS).allSatisfy(r -> assertThat(r).hasSize(IntentEvent.values().length + 1));
  }

  @ParameterizedTest(name = "{0} + {1}")
  @MethodSource("everyStatusAndEvent")
  void eachPairMovesExactlyAsSpecified(IntentStatus from, IntentEvent event) {
    IntentStatus to = expected(from, event);
    IntentTransition transition = IntentTransitionTable.apply(from, event);

    if (to == null) {
      Set<IntentStatus> allowed =
          Arrays.stream(IntentStatus.values())
              .filter(s -> expected(s, event) != null)
              .collect(Collectors.toCollection(() -> EnumSet.noneOf(IntentStatus.class)));
      assertThat(transition).isEqualTo(new IntentTransition.Refused(from, event, allowed));
      assertThat(IntentTransitionTable.allowedFrom(event)).isEqualTo(allowed);
      assertThatThrownBy(() -> IntentTransitionTable.move(from, event))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(event.name())
          .hasMessageContaining(from.name());
    } else {
      assertThat(transition).isEqualTo(new IntentTransition.Moved(from, event, to));
      assertThat(IntentTransitionTable.move(from, event)).isEqualTo(to);
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("everyStatusPair")
  void aTargetStatusIsReachedOnlyThroughTheTable(IntentStatus from, IntentStatus to) {
    Optional<IntentEvent> event = IntentTransitionTable.eventFor(from, to);

    // A quarantine is never inferred from a target status: it names its event.
    boolean anyEvent =
        Arrays.stream(IntentEvent.values())
            .filter(e -> e != IntentEvent.QUARANTINED)
            .anyMatch(e -> expected(from, e) == to);
    assertThat(event.isPresent()).isEqualTo(anyEvent);
    event.ifPresent(e -> assertThat(expected(from, e)).isEqualTo(to));
  }

  static Stream<Arguments> everyStatusPair() {
    return Arrays.stream(IntentStatus.values())
        .flatMap(s -> Arrays.stream(IntentStatus.values()).map(t -> Arguments.of(s, t)));
  }

  @Test
  void finalStatusesNeverMoveAndOpenOnesHoldTheOrder() {
    for (IntentStatus status : IntentStatus.values()) {
      boolean moves =
          Arrays.stream(IntentEvent.values())
              .anyMatch(e -> IntentTransitionTable.apply(status, e) instanceof IntentTransition.Moved);
      assertThat(moves).as(status + " moves").isEqualTo(!status.isFinal());
      assertThat(status.isOpen()).as(status + " open").isEqualTo(!status.isFinal());
    }
  }
}
