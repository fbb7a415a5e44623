/**
 * The PostgreSQL adapters on a real PostgreSQL: the storage contract, migrations, transactions,
 * concurrency.
 */
@NullMarked
package dev.payscore.persistence;

import org.jspecify.annotations.NullMarked;
