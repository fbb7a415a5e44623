/**
 * payscore's service-order lifecycle as a Spring Statemachine configuration: {@link
 * dev.payscore.statemachine.OrderStateMachines}. Optional; nothing else of payscore depends on it.
 */
@NullMarked
package dev.payscore.statemachine;

import org.jspecify.annotations.NullMarked;
