/** What the domain offers its callers: use-case interfaces, their commands and sealed results. */
@NullMarked
package dev.payscore.domain.port.in;

import org.jspecify.annotations.NullMarked;
