/** The {@code payscore} command: one picocli subcommand per class. */
@NullMarked
package dev.payscore.cli;

import org.jspecify.annotations.NullMarked;
