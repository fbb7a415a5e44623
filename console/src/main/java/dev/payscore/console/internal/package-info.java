/**
 * How the console reads (read-only SQL over the payscore schema, scoped by merchant) and renders
 * (escaped HTML, server-side SVG, English and Chinese labels). Not an API.
 */
@NullMarked
package dev.payscore.console.internal;

import org.jspecify.annotations.NullMarked;
