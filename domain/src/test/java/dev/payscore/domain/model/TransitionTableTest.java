package dev.payscore.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lifecycle table checked cell by cell against an expectation written here by hand from §3.2
 * and §3.3 of the API notes, not derived from {@link TransitionTable}.
 */
final class TransitionTableTest {

  /**
   * Rows: from-state. Columns: events. A cell is the state the event leads to, or "-" when the
   * event is refused. DUC = DOING/USER_CONFIRM, DMC = DOING/MCH_COMPLETE.
   */
  private static final String EXPECTED =
      """
      from                USER_CONFIRMED COMPLETED COMPLETED_WITHOUT_CHARGE AMOUNT_MODIFIED COLLECTION_REQUESTED PAID SYNCED_PAID CANCELLED EXPIRED
      CREATED             DUC            -         -                        -               -                    -    -           REVOKED   EXPIRED
      DOING_USER_CONFIRM  -              DMC       DONE                     -               -                    -    -           REVOKED   -
      DOING_MCH_COMPLETE  -              -         -                        DMC             DMC                  DONE DONE        REVOKED   -
      DONE                -              -         -                        -               -                    -    -           -         -
      REVOKED             -              -         -                        -               -                    -    -           -         -
      EXPIRED             -              -         -                        -               -                    -    -           -         -
      """;

  private static final List<String[]> ROWS =
      EXPECTED.lines().map(line -> line.trim().split("\\s+")).toList();

  private static @Nullable LifecycleState expected(LifecycleState from, LifecycleEvent event) {
    String[] header = ROWS.get(0);
    String[] row = ROWS.stream().filter(r -> r[0].equals(from.name())).findFirst().orElseThrow();
    String cell = row[Arrays.asList(header).indexOf(event.name())];
    return switch (cell) {
      case "-" -> null;
      case "DUC" -> LifecycleState.DOING_USER_CONFIRM;
      case "DMC" -> LifecycleState.DOING_MCH_COMPLETE;
      default -> LifecycleState.valueOf(cell);
    };
  }

  static Stream<Arguments> everyStateAndEvent() {
    return Arrays.stream(LifecycleState.values())
        .flatMap(s -> Arrays.stream(LifecycleEvent.values()).map(e -> Arguments.of(s, e)));
  }

  @Test
  void expectationCoversEveryStateAndEvent() {
    assertThat(Arrays.asList(ROWS.get(0)).subList(1, ROWS.get(0).length))
        .containsExactlyInAnyOrder(
            Arrays.stream(LifecycleEvent.values()).map(Enum::name).toArray(String[]::new));
    assertThat(ROWS.subList(1, ROWS.size()).stream().map(r -> r[0]))
        .containsExactlyInAnyOrder(
            Arrays.stream(LifecycleState.values()).map(Enum::name).toArray(String[]::new));
    assertThat(ROWS).allSatisfy(r -> assertThat(r).hasSize(LifecycleEvent.values().length + 1));
  }

  @ParameterizedTest(name = "{0} + {1}")
  @MethodSource("everyStateAndEvent")
  void eachPairMovesExactlyAsSpecified(LifecycleState from, LifecycleEvent event) {
    LifecycleState to = expected(from, event);
    Transition transition = TransitionTable.apply(from, event);

    if (to == null) {
      Set<LifecycleState> allowed =
          Arrays.stream(LifecycleState.values())
              .filter(s -> expected(s, event) != null)
              .collect(Collectors.toCollection(() -> EnumSet.noneOf(LifecycleState.class)));
      assertThat(transition).isEqualTo(new Transition.Refused(from, event, allowed));
      assertThat(((Transition.Refused) transition).reason())
          .contains(event.name(), from.toString());
    } else {
      assertThat(transition).isEqualTo(new Transition.Moved(from, event, to));
    }
  }

  @ParameterizedTest
  @EnumSource(LifecycleEvent.class)
  void allowedFromListsTheStatesThatMove(LifecycleEvent event) {
    Set<LifecycleState> expected = EnumSet.noneOf(LifecycleState.class);
    for (LifecycleState state : LifecycleState.values()) {
      if (expected(state, event) != null) {
        expected.add(state);
      }
    }
    assertThat(TransitionTable.allowedFrom(event)).isEqualTo(expected);
  }

  @Test
  void confirmModeStartsCreatedAndNoConfirmModeStartsDoing() {
    assertThat(TransitionTable.initial(ConfirmationMode.CONFIRM)).isEqualTo(LifecycleState.CREATED);
    assertThat(TransitionTable.initial(ConfirmationMode.NO_CONFIRM))
        .isEqualTo(LifecycleState.DOING_USER_CONFIRM);
  }

  @ParameterizedTest
  @EnumSource(
      value = LifecycleState.class,
      names = {"DONE", "REVOKED", "EXPIRED"})
  void terminalStatesRefuseEveryEvent(LifecycleState terminal) {
    assertThat(terminal.isTerminal()).isTrue();
    for (LifecycleEvent event : LifecycleEvent.values()) {
      assertThat(TransitionTable.apply(terminal, event)).isInstanceOf(Transition.Refused.class);
    }
  }

  @Test
  void stateAndDescriptionFoldIntoOneLifecycleState() {
    assertThat(LifecycleState.of(ServiceOrderState.DOING, StateDescription.MCH_COMPLETE))
        .isEqualTo(LifecycleState.DOING_MCH_COMPLETE);
    assertThat(LifecycleState.of(ServiceOrderState.DOING, null))
        .isEqualTo(LifecycleState.DOING_USER_CONFIRM);
    assertThat(LifecycleState.of(ServiceOrderState.DONE, null)).isEqualTo(LifecycleState.DONE);
    assertThat(LifecycleState.DOING_MCH_COMPLETE).hasToString("DOING/MCH_COMPLETE");
  }
}
