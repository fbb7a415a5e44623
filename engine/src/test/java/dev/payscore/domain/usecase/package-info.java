@NullMarked
package dev.payscore.domain.usecase;

import org.jspecify.annotations.NullMarked;
