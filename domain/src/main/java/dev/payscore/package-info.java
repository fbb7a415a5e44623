/**
 * The front door's values (this artifact's part of the package): requests, identifiers, results,
 * rule codes. The facade that takes them is {@code dev.payscore.PayScore} in {@code
 * payscore-engine}.
 */
@NullMarked
package dev.payscore;

import org.jspecify.annotations.NullMarked;
