package dev.payscore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.persistence.JooqTransactions;
import dev.payscore.testing.database.TestDatabase;
import dev.payscore.testing.fakes.ScriptedPayScoreGateway;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the dispatcher sends is the row's stored bytes, verbatim, even where they are not the
 * canonical form this version would write (bytes recorded by an older version): nothing is
 * re-serialized from the typed view.
 */
@Tag("postgres")
@ExtendWith(TestDatabase.class)
final class StoredBytesSentIT {

  @Test
  void theDispatcherSendsTheStoredBytesVerbatim(DataSource dataSource) throws Exception {
    TestDatabase.truncateAll();
    ScriptedPayScoreGateway wechat = new ScriptedPayScoreGateway();
    ServiceOrder order = Fixtures.confirmedOrder("B-1");
    new JooqTransactions(dataSource).inTransaction(repos -> repos.orders().insert(order));
    wechat.register(order);
    try (PayScore payScore =
        PayScore.builder()
            .dataSource(dataSource)
            .gateway(wechat)
            .merchantIds(Fixtures.MCHID)
            .dispatcherOptions(SandboxWorld.fastOptions())
            .build()) {
      CompletionIntent intent;
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        intent =
            ((RequestCompletionResult.Requested)
                    payScore
                        .completions()
                        .request(
                            c,
                            new RequestCompletionCommand(
                                Fixtures.MCHID, OutOrderNo.of("B-1"), Fixtures.completion(300), "it")))
                .intent();
        // The same request, but not in this version's canonical form: spaces after the colons.
        String older = intent.body().text().replace("\":", "\": ");
        try (PreparedStatement s =
            c.prepareStatement(
                "UPDATE payscore.completion_intent SET body = ?,"
                    + " payload_sha256 = encode(sha256(?), 'hex') WHERE id = ?")) {
          byte[] bytes = older.getBytes(StandardCharsets.UTF_8);
          s.setBytes(1, bytes);
          s.setBytes(2, bytes);
          s.setObject(3, intent.id().value());
          s.executeUpdate();
        }
        c.commit();
      }
      String stored = intent.body().text().replace("\":", "\": ");
      payScore.start();
      Await.until(
          "settled",
          Duration.ofSeconds(20),
          () ->
              payScore.completions().find(Fixtures.MCHID, OutOrderNo.of("B-1")).orElseThrow().status()
                  == IntentStatus.SUCCEEDED);

      assertThat(wechat.sentBodies())
          .extracting(ScriptedPayScoreGateway.SentBody::body)
          .containsExactly(stored);
      assertThat(stored).isNotEqualTo(intent.body().text());
    }
  }
}
