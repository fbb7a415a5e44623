/** Tests of {@code dev.payscore.cli}. */
@NullMarked
package dev.payscore.cli;

import org.jspecify.annotations.NullMarked;
