/** In-memory and scripted fakes of the domain's out-ports, for tests at any level. */
@NullMarked
package dev.payscore.testing.fakes;

import org.jspecify.annotations.NullMarked;
