/** The storage contract run against the in-memory fakes. */
@NullMarked
package dev.payscore.testing.fakes;

import org.jspecify.annotations.NullMarked;
