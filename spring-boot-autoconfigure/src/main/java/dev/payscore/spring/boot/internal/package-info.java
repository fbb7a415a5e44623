/** Not API: the adapters behind the auto-configuration. */
@NullMarked
package dev.payscore.spring.boot.internal;

import org.jspecify.annotations.NullMarked;
