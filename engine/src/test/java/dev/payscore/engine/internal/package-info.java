@NullMarked
package dev.payscore.engine.internal;

import org.jspecify.annotations.NullMarked;
