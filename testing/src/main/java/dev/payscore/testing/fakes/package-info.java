/**
 * In-memory fakes of the storage ports with the semantics of the PostgreSQL adapters (versions,
 * idempotency, leases, per-order audit sequence, keyset pages, merchant scoping), for fast tests.
 */
@NullMarked
package dev.payscore.testing.fakes;

import org.jspecify.annotations.NullMarked;
