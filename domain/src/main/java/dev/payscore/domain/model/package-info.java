/** The service order: value types, the aggregate, its states and the one lifecycle transition table. */
@NullMarked
package dev.payscore.domain.model;

import org.jspecify.annotations.NullMarked;
