/** Tests of {@code dev.payscore.domain.model}. */
@NullMarked
package dev.payscore.domain.model;

import org.jspecify.annotations.NullMarked;
