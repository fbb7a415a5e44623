/**
 * The jOOQ implementations of the storage ports, their row mappers and error translation (not API).
 */
@NullMarked
package dev.payscore.persistence.internal;

import org.jspecify.annotations.NullMarked;
