/** The sandbox's machinery: HTTP listener, order rules, signatures, callbacks, faults. Not API. */
@NullMarked
package dev.payscore.sandbox.internal;

import org.jspecify.annotations.NullMarked;
