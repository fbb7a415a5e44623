package dev.payscore.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.AuditEvent;
import dev.payscore.AuditEventType;
import dev.payscore.OutOrderNo;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.testing.contract.StorageContract;
import dev.payscore.testing.database.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The database itself refuses to change or remove audit events, whoever asks. */
@ExtendWith(TestDatabase.class)
class AuditAppendOnlyIT extends StorageContract {

  @Override
  protected Transactions newStorage() {
    return new JooqTransactions(TestDatabase.dataSource());
  }

  private AuditEvent appendOne(OutOrderNo no) {
    return tx(
        r ->
            r.audit()
                .append(aBareEntry(MCHID, no, AuditEventType.CALLBACK_RECEIVED, null, null, T0)));
  }

  @Test
  void updateIsRefused() {
    OutOrderNo no = newOrderNo();
    AuditEvent event = appendOne(no);

    assertThatThrownBy(
            () ->
                execute(
                    "UPDATE payscore.audit_event SET actor = 'forger' WHERE id = " + event.id()))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("append-only")
        .hasMessageContaining("UPDATE");
    assertThat(history(MCHID, no)).containsExactly(event);
  }

  @Test
  void deleteIsRefused() {
    OutOrderNo no = newOrderNo();
    AuditEvent event = appendOne(no);

    assertThatThrownBy(() -> execute("DELETE FROM payscore.audit_event"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("append-only")
        .hasMessageContaining("DELETE");
    assertThat(history(MCHID, no)).containsExactly(event);
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = TestDatabase.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
