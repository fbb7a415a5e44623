package dev.payscore.statemachine;

import dev.payscore.domain.model.ConfirmationMode;
import dev.payscore.domain.model.LifecycleEvent;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.Transition;
import dev.payscore.domain.model.TransitionTable;
import java.util.EnumSet;
import java.util.Objects;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.config.builders.StateMachineStateConfigurer;
import org.springframework.statemachine.config.builders.StateMachineTransitionConfigurer;

/**
 * The service-order lifecycle of payscore's {@link TransitionTable} as a Spring Statemachine, for
 * teams that drive their own order flows with one: every row of the table becomes a transition
 * (an external one, or an internal one where an event keeps the state, e.g. {@code
 * AMOUNT_MODIFIED}), DONE, REVOKED and EXPIRED are end states, and the initial state is the mode's
 * ({@link TransitionTable#initial}). The table stays the truth: the machine is built from it, never
 * written by hand, and {@code OrderStateMachinesTest} checks that both agree on every (state, event)
 * pair.
 *
 * <pre>{@code
 * StateMachine<LifecycleState, LifecycleEvent> machine =
 *     OrderStateMachines.build(ConfirmationMode.CONFIRM);
 * machine.startReactively().block();
 * machine.sendEvent(Mono.just(MessageBuilder.withPayload(LifecycleEvent.USER_CONFIRMED).build()))
 *     .blockLast();                                     // CREATED -> DOING_USER_CONFIRM
 * }</pre>
 *
 * <p>In a Spring configuration ({@code @EnableStateMachineFactory} on an {@code
 * EnumStateMachineConfigurerAdapter}), call {@link #configure(StateMachineStateConfigurer,
 * ConfirmationMode)} and {@link #configure(StateMachineTransitionConfigurer)} from its {@code
 * configure} methods. Spring Statemachine is archived upstream: its last release, 4.0.x, runs on
 * Spring Framework 6 (Spring Boot 3), not on Spring Framework 7 (Spring Boot 4).
 */
public final class OrderStateMachines {
  private OrderStateMachines() {}

  /** A machine (not started) of an order created in {@code mode}. */
  public static StateMachine<LifecycleState, LifecycleEvent> build(ConfirmationMode mode) {
    Objects.requireNonNull(mode, "mode == null");
    StateMachineBuilder.Builder<LifecycleState, LifecycleEvent> builder =
        StateMachineBuilder.builder();
    try {
      configure(builder.configureStates(), mode);
      configure(builder.configureTransitions());
    } catch (Exception e) {
      // Spring Statemachine's configurers declare Exception; the table is fixed and valid
      throw new IllegalStateException("cannot configure the order state machine", e);
    }
    return builder.build();
  }

  /** Every lifecycle state, the mode's initial one, and the terminal ones as end states. */
  public static void configure(
      StateMachineStateConfigurer<LifecycleState, LifecycleEvent> states, ConfirmationMode mode)
      throws Exception {
    Objects.requireNonNull(states, "states == null");
    Objects.requireNonNull(mode, "mode == null");
    var config =
        states
            .withStates()
            .initial(TransitionTable.initial(mode))
            .states(EnumSet.allOf(LifecycleState.class));
    for (LifecycleState state : LifecycleState.values()) {
      if (state.isTerminal()) {
        config.end(state);
      }
    }
  }

  /** One transition per row of the table and state it is allowed in. */
  public static void configure(
      StateMachineTransitionConfigurer<LifecycleState, LifecycleEvent> transitions)
      throws Exception {
    Objects.requireNonNull(transitions, "transitions == null");
    for (LifecycleEvent event : LifecycleEvent.values()) {
      for (LifecycleState from : TransitionTable.allowedFrom(event)) {
        LifecycleState to = ((Transition.Moved) TransitionTable.apply(from, event)).to();
        if (to == from) {
          transitions.withInternal().source(from).event(event);
        } else {
          transitions.withExternal().source(from).target(to).event(event);
        }
      }
    }
  }
}
