/**
 * The runtime of payscore: the {@link dev.payscore.engine.CompletionDispatcher} that drives
 * recorded completion intents to WeChat exactly once, its options, and its wake-ups.
 */
@NullMarked
package dev.payscore.engine;

import org.jspecify.annotations.NullMarked;
