/** The scenario harnesses: database, sandbox merchant, meters. Not API. */
@NullMarked
package dev.payscore.bench.internal;

import org.jspecify.annotations.NullMarked;
