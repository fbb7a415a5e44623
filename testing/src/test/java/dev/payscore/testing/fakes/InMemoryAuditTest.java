package dev.payscore.testing.fakes;

import dev.payscore.domain.port.out.Transactions;
import dev.payscore.testing.contract.AuditContract;
import java.time.Clock;
import java.time.ZoneOffset;

class InMemoryAuditTest extends AuditContract {
  @Override
  protected Transactions newStorage() {
    return new InMemoryTransactions(Clock.fixed(T0, ZoneOffset.UTC));
  }
}
