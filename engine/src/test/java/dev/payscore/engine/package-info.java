@NullMarked
package dev.payscore.engine;

import org.jspecify.annotations.NullMarked;
