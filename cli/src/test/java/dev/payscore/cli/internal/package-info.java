/** Tests of the demo's pieces. */
@NullMarked
package dev.payscore.cli.internal;

import org.jspecify.annotations.NullMarked;
