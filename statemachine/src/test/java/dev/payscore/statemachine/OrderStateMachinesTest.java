package dev.payscore.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.domain.model.ConfirmationMode;
import dev.payscore.domain.model.LifecycleEvent;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.Transition;
import dev.payscore.domain.model.TransitionTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.StateMachineEventResult;
import org.springframework.statemachine.support.DefaultStateMachineContext;
import reactor.core.publisher.Mono;

/**
 * The Spring Statemachine and payscore's transition table agree on every (state, event) pair: the
 * machine accepts exactly the events the table allows in that state and lands where the table
 * says; it denies the others and stays.
 */
final class OrderStateMachinesTest {

  @Test
  void theMachineAndTheTableAgreeOnEveryStateAndEvent() {
    List<String> table = new ArrayList<>();
    List<String> machine = new ArrayList<>();
    for (LifecycleState state : LifecycleState.values()) {
      for (LifecycleEvent event : LifecycleEvent.values()) {
        table.add(state + " + " + event + " -> " + byTable(state, event));
        machine.add(state + " + " + event + " -> " + byMachine(state, event));
      }
    }

    assertThat(machine).hasSize(LifecycleState.values().length * LifecycleEvent.values().length);
    assertThat(machine).containsExactlyElementsOf(table);
    assertThat(table).contains("CREATED + USER_CONFIRMED -> DOING_USER_CONFIRM");
    assertThat(table).contains("DONE + CANCELLED -> refused");
  }

  @Test
  void aNewOrderStartsWhereItsModeSays() {
    for (ConfirmationMode mode : ConfirmationMode.values()) {
      StateMachine<LifecycleState, LifecycleEvent> machine = OrderStateMachines.build(mode);
      machine.startReactively().block();

      assertThat(machine.getState().getId()).as(mode.name()).isEqualTo(TransitionTable.initial(mode));
      machine.stopReactively().block();
    }
  }

  private static String byTable(LifecycleState state, LifecycleEvent event) {
    return TransitionTable.apply(state, event) instanceof Transition.Moved moved
        ? moved.to().name()
        : "refused";
  }

  /** A machine put in {@code state}, sent {@code event}: where it is if accepted, else "refused". */
  private static String byMachine(LifecycleState state, LifecycleEvent event) {
    StateMachine<LifecycleState, LifecycleEvent> machine =
        OrderStateMachines.build(ConfirmationMode.CONFIRM);
    machine
        .getStateMachineAccessor()
        .doWithAllRegions(
            access ->
                access
                    .resetStateMachineReactively(
                        new DefaultStateMachineContext<>(state, null, null, null))
                    .block());
    machine.startReactively().block();
    List<StateMachineEventResult<LifecycleState, LifecycleEvent>> results =
        machine.sendEvent(Mono.just(MessageBuilder.withPayload(event).build())).collectList().block();
    boolean accepted =
        results != null
            && results.stream()
                .anyMatch(r -> r.getResultType() == StateMachineEventResult.ResultType.ACCEPTED);
    LifecycleState now = machine.getState().getId();
    machine.stopReactively().block();
    if (!accepted) {
      assertThat(now).as("%s + %s denied: stays", state, event).isEqualTo(state);
      return "refused";
    }
    return now.name();
  }
}
