package dev.payscore;

import dev.payscore.domain.port.out.Repositories;
import dev.payscore.domain.port.out.Transactions;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Where a request made without a connection is recorded: in the caller's transaction when its
 * thread is in one ({@link CallerTransactions}), otherwise in one of our own; either way the
 * dispatchers are woken once the intent is committed, never before.
 */
final class RequestTransactions {
  private final Transactions own;
  private final CallerTransactions caller;
  private final WakeUp wakeUp;

  RequestTransactions(Transactions own, CallerTransactions caller, WakeUp wakeUp) {
    this.own = own;
    this.caller = caller;
    this.wakeUp = wakeUp;
  }

  /** Runs {@code work}; wakes the dispatchers after the commit if {@code recorded} says it did. */
  <R> R record(Function<Repositories, R> work, Predicate<R> recorded) {
    Optional<R> joined =
        caller.join(
            tx -> {
              R result = work.apply(CallerTransaction.join(tx.connection()));
              if (recorded.test(result)) {
                tx.afterCommit(wakeUp::committed);
              }
              return result;
            });
    if (joined.isPresent()) {
      return joined.get();
    }
    R result = own.inTransaction(work);
    if (recorded.test(result)) {
      wakeUp.committed();
    }
    return result;
  }
}
