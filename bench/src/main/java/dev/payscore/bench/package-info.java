/** payscore benchmarks: the scenarios behind {@code payscore bench} and their results. */
@NullMarked
package dev.payscore.bench;

import org.jspecify.annotations.NullMarked;
