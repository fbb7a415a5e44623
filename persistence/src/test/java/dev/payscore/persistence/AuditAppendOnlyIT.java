package dev.payscore.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.audit.AuditEvent;
import dev.payscore.domain.audit.AuditEventType;
import dev.payscore.domain.model.MerchantId;
import dev.payscore.domain.model.OutOrderNo;
import dev.payscore.testing.database.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The database itself refuses to change or remove audit events, whoever asks. */
@ExtendWith(TestDatabase.class)
class AuditAppendOnlyIT {
  private final MerchantId mchid = MerchantId.of("1230000109");
  private final OutOrderNo no = OutOrderNo.of("append-only-1");

  private AuditEvent appendOne(DataSource dataSource) {
    return new JooqTransactions(dataSource)
        .inTransaction(
            r ->
                r.audit()
                    .append(
                        new AuditEntry(
                            mchid,
                            no,
                            AuditEventType.ORDER_CREATED,
                            null,
                            null,
                            AuditCause.REQUEST,
                            "tester",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            Instant.parse("2026-11-26T08:00:00Z"))));
  }

  @Test
  void updateIsRefused(DataSource dataSource) {
    AuditEvent event = appendOne(dataSource);

    assertThatThrownBy(
            () ->
                execute(
                    dataSource,
                    "UPDATE payscore.audit_event SET actor = 'forger' WHERE id = " + event.id()))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("append-only")
        .hasMessageContaining("UPDATE");
    assertThat(history(dataSource)).contains(event);
  }

  @Test
  void deleteIsRefused(DataSource dataSource) {
    AuditEvent event = appendOne(dataSource);

    assertThatThrownBy(() -> execute(dataSource, "DELETE FROM payscore.audit_event"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("append-only")
        .hasMessageContaining("DELETE");
    assertThat(history(dataSource)).contains(event);
  }

  private List<AuditEvent> history(DataSource dataSource) {
    return new JooqTransactions(dataSource).inTransaction(r -> r.history().ofOrder(mchid, no));
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
