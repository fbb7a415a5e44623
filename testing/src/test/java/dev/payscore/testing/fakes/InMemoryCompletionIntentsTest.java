package dev.payscore.testing.fakes;

import dev.payscore.domain.port.out.Transactions;
import dev.payscore.testing.contract.CompletionIntentsContract;
import dev.payscore.testing.MutableClock;
import java.time.Duration;

class InMemoryCompletionIntentsTest extends CompletionIntentsContract {
  private MutableClock clock = MutableClock.at(T0);

  @Override
  protected Transactions newStorage() {
    clock = MutableClock.at(T0);
    return new InMemoryTransactions(clock);
  }

  @Override
  protected void elapse(Duration duration) {
    clock.advance(duration);
  }
}
