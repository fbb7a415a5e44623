/** Tests of the adapters' SQL as PostgreSQL plans it. */
@NullMarked
package dev.payscore.persistence.internal;

import org.jspecify.annotations.NullMarked;
