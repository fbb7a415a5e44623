/**
 * The storage ports on PostgreSQL with jOOQ: {@link dev.payscore.persistence.JooqRepositories}
 * joins a transaction the caller owns, {@link dev.payscore.persistence.JooqTransactions} opens its
 * own.
 */
@NullMarked
package dev.payscore.persistence;

import org.jspecify.annotations.NullMarked;
