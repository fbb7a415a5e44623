@NullMarked
package dev.payscore.bench;

import org.jspecify.annotations.NullMarked;
