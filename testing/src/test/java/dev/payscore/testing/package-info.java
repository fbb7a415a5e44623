/** Tests of {@code dev.payscore.testing}. */
@NullMarked
package dev.payscore.testing;

import org.jspecify.annotations.NullMarked;
