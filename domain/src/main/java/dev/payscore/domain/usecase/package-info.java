/**
 * The use-case handlers: each implements one in-port over the out-ports, with no framework and no
 * I/O of its own.
 */
@NullMarked
package dev.payscore.domain.usecase;

import org.jspecify.annotations.NullMarked;
