@NullMarked
package dev.payscore;

import org.jspecify.annotations.NullMarked;
