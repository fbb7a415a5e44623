package dev.payscore.domain.model;

import static dev.payscore.domain.model.LifecycleState.CREATED;
import static dev.payscore.domain.model.LifecycleState.DOING_MCH_COMPLETE;
import static dev.payscore.domain.model.LifecycleState.DOING_USER_CONFIRM;
import static dev.payscore.domain.model.LifecycleState.DONE;
import static dev.payscore.domain.model.LifecycleState.EXPIRED;
import static dev.payscore.domain.model.LifecycleState.REVOKED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A state WeChat reports moves the local order forward past missed events, never backward. */
final class ObservedPathTest {

  /** Written by hand from §3.2: every state each state can still reach. */
  private static final Map<LifecycleState, Set<LifecycleState>> FORWARD =
      Map.of(
          CREATED, EnumSet.of(DOING_USER_CONFIRM, DOING_MCH_COMPLETE, DONE, REVOKED, EXPIRED),
          DOING_USER_CONFIRM, EnumSet.of(DOING_MCH_COMPLETE, DONE, REVOKED),
          DOING_MCH_COMPLETE, EnumSet.of(DONE, REVOKED),
          DONE, EnumSet.noneOf(LifecycleState.class),
          REVOKED, EnumSet.noneOf(LifecycleState.class),
          EXPIRED, EnumSet.noneOf(LifecycleState.class));

  static Stream<Arguments> everyPairOfStates() {
    return Arrays.stream(LifecycleState.values())
        .flatMap(c -> Arrays.stream(LifecycleState.values()).map(o -> Arguments.of(c, o)));
  }

  @ParameterizedTest(name = "{0} observed as {1}")
  @MethodSource("everyPairOfStates")
  void observationIsForwardOnly(LifecycleState current, LifecycleState observed) {
    Observation expected =
        current == observed
            ? Observation.UNCHANGED
            : FORWARD.get(current).contains(observed) ? Observation.ADVANCE : Observation.STALE;
    assertThat(TransitionTable.observe(current, observed)).isEqualTo(expected);
  }

  @Test
  void createdObservedAsDoneAdvancesPastMissedConfirmCompleteAndPaid() {
    assertThat(TransitionTable.observe(CREATED, DONE)).isEqualTo(Observation.ADVANCE);
  }

  @Test
  void completedObservedAsConfirmedIsStale() {
    assertThat(TransitionTable.observe(DOING_MCH_COMPLETE, DOING_USER_CONFIRM))
        .isEqualTo(Observation.STALE);
  }

  @Test
  void terminalStatesNeverMove() {
    for (LifecycleState terminal : EnumSet.of(DONE, REVOKED, EXPIRED)) {
      for (LifecycleState observed : LifecycleState.values()) {
        assertThat(TransitionTable.observe(terminal, observed))
            .isIn(Observation.UNCHANGED, Observation.STALE)
            .isEqualTo(observed == terminal ? Observation.UNCHANGED : Observation.STALE);
      }
    }
  }
}
