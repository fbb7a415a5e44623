/**
 * Non-API parts of the engine: deciding an outcome, reconciling, settling, rate limiting, wake-ups.
 */
@NullMarked
package dev.payscore.engine.internal;

import org.jspecify.annotations.NullMarked;
