/** Checks that the README shows the compiled example sources exactly. */
@NullMarked
package dev.payscore.examples;

import org.jspecify.annotations.NullMarked;
