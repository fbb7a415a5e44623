/** Tests of {@code dev.payscore.domain.intent}. */
@NullMarked
package dev.payscore.domain.intent;

import org.jspecify.annotations.NullMarked;
