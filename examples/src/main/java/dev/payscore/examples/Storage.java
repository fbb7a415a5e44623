package dev.payscore.examples;

import dev.payscore.CompletionIntent;
import dev.payscore.domain.port.out.Repositories;
import dev.payscore.persistence.JooqRepositories;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The README's storage section: the storage port inside the caller's own transaction. */
final class Storage {
  private Storage() {}

  static void record(Connection connection, CompletionIntent intent) throws SQLException {
    // snippet:storage
    connection.setAutoCommit(false);
    markRentalReturned(connection);                          // your own SQL
    Repositories storage = JooqRepositories.of(connection);  // or JooqRepositories.of(dslContext)
    storage.intents().record(intent);                        // same transaction
    connection.commit();
    // end-snippet
  }

  private static void markRentalReturned(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE rental SET returned_at = now() WHERE id = 1");
    }
  }
}
