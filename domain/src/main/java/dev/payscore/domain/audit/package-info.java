/** The audit history: append-only events that answer who did what to an order, for how much, and what WeChat said. */
@NullMarked
package dev.payscore.domain.audit;

import org.jspecify.annotations.NullMarked;
