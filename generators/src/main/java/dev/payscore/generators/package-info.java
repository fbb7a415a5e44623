/**
 * Seeded generators for property tests, without a property-testing framework: {@link Gen} draws a
 * value from a {@link java.util.random.RandomGenerator}, {@link Property} turns a generator and a
 * check into JUnit 5 dynamic tests, each try with a seed of its own that a failure prints and
 * {@code -Dpayscore.seed} replays. Test scope only.
 */
@NullMarked
package dev.payscore.generators;

import org.jspecify.annotations.NullMarked;
