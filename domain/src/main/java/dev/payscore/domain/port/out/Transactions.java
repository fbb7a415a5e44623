package dev.payscore.domain.port.out;

import java.util.function.Function;

/** Runs work in one new transaction of its own: committed when the work returns, rolled back when it throws. */
public interface Transactions {

  <T> T inTransaction(Function<Repositories, T> work);
}
