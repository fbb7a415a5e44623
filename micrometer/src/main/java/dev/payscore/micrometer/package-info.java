/** payscore's metrics for Micrometer: {@link dev.payscore.micrometer.PayScoreMetrics}. */
@NullMarked
package dev.payscore.micrometer;

import org.jspecify.annotations.NullMarked;
