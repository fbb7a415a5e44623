package dev.payscore.testing.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The database {@code TestDatabase} creates on a given server keeps every URL parameter. */
final class TestDatabaseTest {
  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

  @Test
  void theOwnDatabaseUrlKeepsEveryParameterOfTheGivenOne() {
    assertThat(
            TestDatabase.withDatabase(
                "jdbc:postgresql://db.example:5433/postgres?user=alice&password=s3cret&sslmode=disable",
                "payscore_test_1"))
        .isEqualTo(
            "jdbc:postgresql://db.example:5433/payscore_test_1?user=alice&password=s3cret&sslmode=disable");
    assertThat(TestDatabase.withDatabase("jdbc:postgresql://h/?user=u", "d"))
        .isEqualTo("jdbc:postgresql://h/d?user=u");
    assertThat(TestDatabase.withDatabase("jdbc:postgresql://h1:1,h2:2/x", "d"))
        .isEqualTo("jdbc:postgresql://h1:1,h2:2/d");
  }

  @Test
  void theDatabaseCreatedOnTheGivenServerIsReachedAsTheGivenUser() throws SQLException {
    assumeTrue(reachable(), "no PostgreSQL with user postgres on 127.0.0.1:5432");

    String own = TestDatabase.ownDatabaseOn(SERVER);

    assertThat(own)
        .startsWith("jdbc:postgresql://127.0.0.1:5432/payscore_test_")
        .endsWith("?user=postgres");
    try (Connection c = DriverManager.getConnection(own);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT current_user, current_database()")) {
      r.next();
      assertThat(r.getString(1)).isEqualTo("postgres");
      assertThat(r.getString(2)).startsWith("payscore_test_");
    }
  }

  private static boolean reachable() {
    try (Connection c = DriverManager.getConnection(SERVER)) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }
}
