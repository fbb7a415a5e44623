/**
 * Settling one attempt of an intent, as pure functions: {@link Decider} turns WeChat's answer (and
 * the settling query) into a {@link Decision}; {@link Settlement} turns the decision into a {@link
 * SettlementPlan} (the intent's next state, the order's change, the audit entries), which the
 * engine applies in one transaction, fenced by the claim.
 */
@NullMarked
package dev.payscore.domain.settlement;

import org.jspecify.annotations.NullMarked;
