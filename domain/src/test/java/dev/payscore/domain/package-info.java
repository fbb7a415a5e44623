/** Tests of {@code dev.payscore.domain}. */
@NullMarked
package dev.payscore.domain;

import org.jspecify.annotations.NullMarked;
