package dev.payscore.persistence;

import dev.payscore.domain.port.out.Transactions;
import dev.payscore.testing.contract.NotificationInboxContract;
import dev.payscore.testing.database.TestDatabase;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class JooqNotificationInboxIT extends NotificationInboxContract {
  @Override
  protected Transactions newStorage() {
    TestDatabase.truncateAll();
    return new JooqTransactions(TestDatabase.dataSource());
  }
}
