/** Tests of the sandbox through real HTTP, with a signing client of their own. */
@NullMarked
package dev.payscore.sandbox;

import org.jspecify.annotations.NullMarked;
