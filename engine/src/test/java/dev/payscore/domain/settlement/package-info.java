@NullMarked
package dev.payscore.domain.settlement;

import org.jspecify.annotations.NullMarked;
