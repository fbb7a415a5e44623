/** Tests of {@code dev.payscore.domain.completion}. */
@NullMarked
package dev.payscore.domain.completion;

import org.jspecify.annotations.NullMarked;
