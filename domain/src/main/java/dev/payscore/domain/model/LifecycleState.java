package dev.payscore.domain.model;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where an order stands in its life: WeChat's {@code state} and {@code state_description} folded
 * into one value, so that the transition table can be a switch over one enum.
 */
public enum LifecycleState {
  CREATED(ServiceOrderState.CREATED, null),
  DOING_USER_CONFIRM(ServiceOrderState.DOING, StateDescription.USER_CONFIRM),
  DOING_MCH_COMPLETE(ServiceOrderState.DOING, StateDescription.MCH_COMPLETE),
  DONE(ServiceOrderState.DONE, null),
  REVOKED(ServiceOrderState.REVOKED, null),
  EXPIRED(ServiceOrderState.EXPIRED, null);

  private final ServiceOrderState state;
  private final @Nullable StateDescription description;

  LifecycleState(ServiceOrderState state, @Nullable StateDescription description) {
    this.state = state;
    this.description = description;
  }

  /** WeChat's {@code state}. */
  public ServiceOrderState state() {
    return state;
  }

  /** WeChat's {@code state_description}; present only for {@code DOING}. */
  public Optional<StateDescription> stateDescription() {
    return Optional.ofNullable(description);
  }

  /** Terminal states never move again. */
  public boolean isTerminal() {
    return this == DONE || this == REVOKED || this == EXPIRED;
  }

  /**
   * The lifecycle state WeChat reports. A {@code DOING} without a description is read as {@code
   * USER_CONFIRM}, the earlier of the two, so that an observation can never skip a completion.
   */
  public static LifecycleState of(ServiceOrderState state, @Nullable StateDescription description) {
    Objects.requireNonNull(state, "state == null");
    return switch (state) {
      case CREATED -> CREATED;
      case DOING -> description == StateDescription.MCH_COMPLETE
          ? DOING_MCH_COMPLETE
          : DOING_USER_CONFIRM;
      case DONE -> DONE;
      case REVOKED -> REVOKED;
      case EXPIRED -> EXPIRED;
    };
  }

  @Override
  public String toString() {
    return description == null ? state.name() : state.name() + "/" + description.name();
  }
}
