/**
 * Test-scope helpers for every module: a settable clock, fixtures and default-first builders of the
 * domain's aggregates and commands. Never a runtime dependency.
 */
@NullMarked
package dev.payscore.testing;

import org.jspecify.annotations.NullMarked;
