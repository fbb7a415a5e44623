/** The payscore schema as Flyway migrations, and the one entry point that applies them. */
@NullMarked
package dev.payscore.migrations;

import org.jspecify.annotations.NullMarked;
