/**
 * The storage ports' contract, written once as abstract JUnit tests: the in-memory fakes and the
 * PostgreSQL adapters each run it by extending these classes.
 */
@NullMarked
package dev.payscore.testing.contract;

import org.jspecify.annotations.NullMarked;
