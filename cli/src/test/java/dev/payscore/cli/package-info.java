/** Tests of the payscore command. */
@NullMarked
package dev.payscore.cli;

import org.jspecify.annotations.NullMarked;
