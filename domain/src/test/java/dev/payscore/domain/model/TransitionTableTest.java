package dev.payscore.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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

  /** Rows: from-state. Columns: events in the order of {@link #EVENTS}. "-" = refused. */
  private static final List<LifecycleEvent> EVENTS =
      List.of(
          LifecycleEvent.USER_CONFIRMED,
          LifecycleEvent.COMPLETED,
          LifecycleEvent.COMPLETED_WITHOUT_CHARGE,
          LifecycleEvent.AMOUNT_MODIFIED,
          LifecycleEvent.COLLECTION_REQUESTED,
          LifecycleEvent.PAID,
          LifecycleEvent.SYNCED_PAID,
          LifecycleEvent.CANCELLED,
          LifecycleEvent.EXPIRED);

  private static final Map<LifecycleState, String> EXPECTED =
      Map.of(
          //                              CONFIRM  COMPLETE  COMPLETE0 MODIFY  COLLECT  PAID  SYNC  CANCEL  EXPIRE
          LifecycleState.CREATED, /*     */ "DUC      -         -         -       -        -     -     REV     EXP",
          LifecycleState.DOING_USER_CONFIRM, "-        DMC       DONE      -       -        -     -     REV     -",
          LifecycleState.DOING_MCH_COMPLETE, "-        -         -         DMC     DMC      DONE  DONE  REV     -",
          LifecycleState.DONE, /*        */ "-        -         -         -       -        -     -     -       -",
          LifecycleState.REVOKED, /*     */ "-        -         -         -       -        -     -     -       -",
          LifecycleState.EXPIRED, /*     */ "-        -         -         -       -        -     -     -       -");

  private static @Nullable LifecycleState expected(LifecycleState from, LifecycleEvent event) {
    String cell = EXPECTED.get(from).trim().split("\\s+")[EVENTS.indexOf(event)];
    return switch (cell) {
      case "-" -> null;
      case "DUC" -> LifecycleState.DOING_USER_CONFIRM;
      case "DMC" -> LifecycleState.DOING_MCH_COMPLETE;
      case "DONE" -> LifecycleState.DONE;
      case "REV" -> LifecycleState.REVOKED;
      case "EXP" -> LifecycleState.EXPIRED;
      default -> throw new IllegalArgumentException(cell);
    };
  }

  static Stream<Arguments> everyStateAndEvent() {
    return Arrays.stream(LifecycleState.values())
        .flatMap(s -> Arrays.stream(LifecycleEvent.values()).map(e -> Arguments.of(s, e)));
  }

  @Test
  void expectationCoversEveryEvent() {
    assertThat(EVENTS).containsExactlyInAnyOrder(LifecycleEvent.values());
    assertThat(EXPECTED).containsOnlyKeys(LifecycleState.values());
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
