package dev.payscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payscore.CompletionIntent;
import dev.payscore.IntentStatus;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScore;
import dev.payscore.RequestCompletionCommand;
import dev.payscore.RequestCompletionResult;
import dev.payscore.cli.internal.OfflineGateway;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.persistence.JooqTransactions;
import dev.payscore.testing.IntentFixtures;
import dev.payscore.testing.ServiceOrderFixtures;
import dev.payscore.testing.database.TestDatabase;
import java.time.Clock;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator commands against a real PostgreSQL: one order whose completion needs attention,
 * read, listed, retried; and the one-line failures (unknown order, unreachable database).
 */
@Tag("postgres")
@ExtendWith(TestDatabase.class)
final class OperatorCommandsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MCHID = ServiceOrderFixtures.MCHID;
  private static final String ORDER = ServiceOrderFixtures.OUT_ORDER_NO;
  private static final String TO_RETRY = "order-0002";
  private static String url;

  @BeforeAll
  static void twoOrdersWhoseCompletionsNeedAttention(DataSource dataSource) {
    url = TestDatabase.jdbcUrl();
    JooqTransactions transactions = new JooqTransactions(dataSource);
    try (PayScore payScore =
        PayScore.builder()
            .dataSource(dataSource)
            .gateway(OfflineGateway.create())
            .listen(false)
            .clock(Clock.fixed(ServiceOrderFixtures.NOW, ZoneOffset.UTC))
            .build()) {
      for (String no : new String[] {ORDER, TO_RETRY}) {
        transactions.inTransaction(
            repos ->
                repos.orders().insert(ServiceOrderFixtures.anOrder().outOrderNo(no)
                    .lifecycle(LifecycleState.DOING_USER_CONFIRM)
                    .openid(ServiceOrderFixtures.OPENID)
                    .build()));
        RequestCompletionResult result =
            payScore
                .completions()
                .request(
                    new RequestCompletionCommand(
                        MerchantId.of(MCHID),
                        OutOrderNo.of(no),
                        ServiceOrderFixtures.aValidCompletion(),
                        "checkout"));
        CompletionIntent intent = ((RequestCompletionResult.Requested) result).intent();
        transactions.inTransaction(
            repos ->
                repos
                    .intents()
                    .update(
                        IntentFixtures.inFlight(intent, ServiceOrderFixtures.NOW)
                            .settledAs(
                            IntentStatus.NEEDS_ATTENTION,
                            3,
                            ServiceOrderFixtures.NOW,
                            "REJECTED PARAM_ERROR",
                            "WeChat holds other parameters",
                            ServiceOrderFixtures.NOW)));
      }
    }
  }

  @Test
  void migrateReportsTheSchemaVersion() {
    CommandRun run = CommandRun.of("migrate", "--jdbc-url", url);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).matches("schema payscore at version \\d+ \\(already current\\)\\n");
  }

  @Test
  void historyOfOneOrderIsATableAndJson() throws Exception {
    CommandRun table = CommandRun.of("history", "--jdbc-url", url, "--mchid", MCHID, "--order", ORDER);
    CommandRun json =
        CommandRun.of("history", "--jdbc-url", url, "--mchid", MCHID, "--order", ORDER, "--json");

    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out()).contains("COMPLETION_REQUESTED").contains("checkout");
    JsonNode events = JSON.readTree(json.out()).get("events");
    assertThat(events.get(0).get("type").asText()).isEqualTo("COMPLETION_REQUESTED");
    assertThat(events.get(0).get("out_order_no").asText()).isEqualTo(ORDER);
  }

  @Test
  void historyOfAMerchantIsPagedByCursor() throws Exception {
    String[] range = {
      "history", "--jdbc-url", url, "--mchid", MCHID,
      "--from", "2026-11-01T00:00:00Z", "--to", "2026-12-01T00:00:00Z", "--page-size", "1"
    };
    CommandRun first = CommandRun.of(range);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("ORDER").contains(ORDER);
    JsonNode page = JSON.readTree(CommandRun.of(append(range, "--json")).out());
    assertThat(page.get("events")).hasSize(1);
    assertThat(page.get("next").isNull()).isFalse();
  }

  @Test
  void historyOfAnUnknownOrderIsOneLineAndExitOne() {
    CommandRun run = CommandRun.of("history", "--jdbc-url", url, "--mchid", MCHID, "--order", "nope-1");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip().lines()).singleElement().asString()
        .isEqualTo("payscore history: no audit history for order nope-1 of merchant " + MCHID);
  }

  @Test
  void historyNeedsAnOrderOrARange() {
    CommandRun run = CommandRun.of("history", "--jdbc-url", url, "--mchid", MCHID);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("payscore history: give --order O, or --from T and --to T\n");
  }

  @Test
  void intentsListsThoseNeedingAttention() throws Exception {
    CommandRun table =
        CommandRun.of("intents", "--jdbc-url", url, "--mchid", MCHID, "--status", "needs_attention");
    CommandRun none = CommandRun.of("intents", "--jdbc-url", url, "--mchid", MCHID, "--status", "FAILED", "--json");

    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out()).contains(ORDER).contains("NEEDS_ATTENTION").contains("WeChat holds other");
    assertThat(table.out().lines()).hasSizeGreaterThan(1);
    assertThat(JSON.readTree(none.out())).isEmpty();
  }

  @Test
  void retryRequeuesOnceAndIsAudited() {
    CommandRun unknown =
        CommandRun.of("retry", "--jdbc-url", url, "--mchid", MCHID, "--order", "nope-2", "--actor", "alice");
    CommandRun retried =
        CommandRun.of("retry", "--jdbc-url", url, "--mchid", MCHID, "--order", TO_RETRY, "--actor", "alice");
    CommandRun again =
        CommandRun.of("retry", "--jdbc-url", url, "--mchid", MCHID, "--order", TO_RETRY, "--actor", "alice");

    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("no intent was requested for order nope-2");
    assertThat(retried.exitCode()).as(retried.err()).isZero();
    assertThat(retried.out()).contains("requeued by alice");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err().strip().lines()).singleElement().asString().contains("is PENDING");
    assertThat(CommandRun.of("history", "--jdbc-url", url, "--mchid", MCHID, "--order", TO_RETRY).out())
        .contains("OPERATOR_RETRY")
        .contains("alice");
  }

  @Test
  void anUnreachableDatabaseIsOneLineWithoutAStackTrace() {
    CommandRun run =
        CommandRun.of(
            "intents", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none?user=x&password=secret",
            "--mchid", MCHID);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip().lines()).singleElement().asString()
        .startsWith("payscore intents: cannot connect to jdbc:postgresql://127.0.0.1:1/none?user=x&password=***");
    assertThat(run.err()).doesNotContain("secret").doesNotContain("\tat ");
  }

  private static String[] append(String[] args, String more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = more;
    return all;
  }
}
