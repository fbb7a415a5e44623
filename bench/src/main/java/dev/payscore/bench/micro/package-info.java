/** JMH micro-benchmarks of the hot pure functions (run with {@code org.openjdk.jmh.Main}). */
@NullMarked
package dev.payscore.bench.micro;

import org.jspecify.annotations.NullMarked;
