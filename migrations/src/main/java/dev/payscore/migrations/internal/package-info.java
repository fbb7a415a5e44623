/** Not API: how payscore's migrations keep Flyway quiet. */
@NullMarked
package dev.payscore.migrations.internal;

import org.jspecify.annotations.NullMarked;
