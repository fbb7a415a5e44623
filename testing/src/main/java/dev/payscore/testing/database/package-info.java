/** A real PostgreSQL for tests, chosen once per JVM, migrated once, cleaned per test class. */
@NullMarked
package dev.payscore.testing.database;

import org.jspecify.annotations.NullMarked;
