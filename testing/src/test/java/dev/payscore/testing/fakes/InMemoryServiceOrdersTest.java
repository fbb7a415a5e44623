package dev.payscore.testing.fakes;

import dev.payscore.domain.port.out.Transactions;
import dev.payscore.testing.contract.ServiceOrdersContract;
import java.time.Clock;
import java.time.ZoneOffset;

class InMemoryServiceOrdersTest extends ServiceOrdersContract {
  @Override
  protected Transactions newStorage() {
    return new InMemoryTransactions(Clock.fixed(T0, ZoneOffset.UTC));
  }
}
