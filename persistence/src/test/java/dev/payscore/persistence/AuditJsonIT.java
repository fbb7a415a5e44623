package dev.payscore.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.payscore.AuditEvent;
import dev.payscore.AuditEventType;
import dev.payscore.IntentId;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.testing.database.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application that hands payscore's audit history to its own JSON mapper (a REST controller, an
 * actuator endpoint) sees plain values: {@code "mchid":"1900000001"}, not {@code
 * "mchid":{"value":"1900000001"}}. The mapper is Jackson as an application configures it (java.time
 * written as text), with nothing of payscore's registered.
 */
@ExtendWith(TestDatabase.class)
class AuditJsonIT {
  private static final ObjectMapper APPLICATION_MAPPER =
      JsonMapper.builder()
          .addModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance))
          .build();

  @Test
  void anAuditEventReadFromPostgresqlIsWrittenWithPlainIdentifiers() throws Exception {
    TestDatabase.truncateAll();
    IntentId intent = IntentId.random();
    AuditEntry entry =
        new AuditEntry(
            MerchantId.of("1900000001"),
            OutOrderNo.of("json-1"),
            AuditEventType.COMPLETION_REQUESTED,
            LifecycleState.DOING_USER_CONFIRM,
            null,
            AuditCause.REQUEST,
            "checkout",
            intent,
            300L,
            null,
            null,
            null,
            null,
            null,
            null,
            Instant.parse("2026-11-26T08:00:00Z"));
    JooqTransactions transactions = new JooqTransactions(TestDatabase.dataSource());
    transactions.inTransaction(r -> r.audit().append(entry));
    List<AuditEvent> history =
        transactions.inTransaction(
            r -> r.history().ofOrder(MerchantId.of("1900000001"), OutOrderNo.of("json-1")));

    JsonNode json = APPLICATION_MAPPER.readTree(APPLICATION_MAPPER.writeValueAsString(history));

    JsonNode written = json.get(0).get("entry");
    assertThat(written.get("mchid").isTextual()).as(written.toString()).isTrue();
    assertThat(written.get("mchid").asText()).isEqualTo("1900000001");
    assertThat(written.get("outOrderNo").asText()).isEqualTo("json-1");
    assertThat(written.get("intentId").asText()).isEqualTo(intent.value().toString());
    assertThat(written.get("fromState").asText()).isEqualTo("DOING_USER_CONFIRM");
    // and they read back from the same plain values
    assertThat(APPLICATION_MAPPER.treeToValue(written.get("mchid"), MerchantId.class))
        .isEqualTo(entry.mchid());
    assertThat(APPLICATION_MAPPER.treeToValue(written.get("outOrderNo"), OutOrderNo.class))
        .isEqualTo(entry.outOrderNo());
    assertThat(APPLICATION_MAPPER.treeToValue(written.get("intentId"), IntentId.class))
        .isEqualTo(intent);
  }
}
