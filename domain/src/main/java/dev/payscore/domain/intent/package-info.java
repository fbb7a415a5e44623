/** Durable intents: a request to WeChat (a completion, later a cancel or modify) recorded in the merchant's transaction and driven until it is settled exactly once. */
@NullMarked
package dev.payscore.domain.intent;

import org.jspecify.annotations.NullMarked;
