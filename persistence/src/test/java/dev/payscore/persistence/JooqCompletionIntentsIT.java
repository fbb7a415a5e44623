package dev.payscore.persistence;

import dev.payscore.domain.port.out.Transactions;
import dev.payscore.testing.contract.CompletionIntentsContract;
import dev.payscore.testing.database.TestDatabase;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class JooqCompletionIntentsIT extends CompletionIntentsContract {
  @Override
  protected Transactions newStorage() {
    TestDatabase.truncateAll();
    return new JooqTransactions(TestDatabase.dataSource());
  }
}
