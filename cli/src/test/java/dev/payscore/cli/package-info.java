/** Tests of the payscore command, run in-process. */
@NullMarked
package dev.payscore.cli;

import org.jspecify.annotations.NullMarked;
