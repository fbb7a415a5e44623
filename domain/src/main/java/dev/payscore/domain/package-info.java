/** The framework-free core of payscore: see the subpackages. */
@NullMarked
package dev.payscore.domain;

import org.jspecify.annotations.NullMarked;
