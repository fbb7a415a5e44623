package dev.payscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payscore.testing.database.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A small demo run in-process on the test database, with every fault kind mixed in: the verdict is
 * clean and the JSON carries the documented keys.
 */
@Tag("postgres")
@Tag("http")
@ExtendWith(TestDatabase.class)
@Timeout(180)
final class DemoCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aSmallRunThroughFaultsIsCleanAndItsJsonHasTheKeys() throws Exception {
    CommandRun run =
        CommandRun.of(
            "demo", "--orders", "16", "--fault-rate", "0.5", "--seed", "7", "--latency-ms", "5",
            "--jdbc-url", TestDatabase.jdbcUrl(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode result = JSON.readTree(run.out());
    assertThat(result.fieldNames())
        .toIterable()
        .contains("orders", "completed", "lost", "duplicated", "mismatched", "divergent",
            "needs_attention", "throughput_per_s", "p50_ms", "p99_ms");
    assertThat(result.get("orders").asInt()).isEqualTo(16);
    assertThat(result.get("completed").asInt()).isEqualTo(16);
    assertThat(result.get("exactly_once").asInt()).isEqualTo(16);
    for (String zero : new String[] {"lost", "duplicated", "mismatched", "divergent"}) {
      assertThat(result.get(zero).asInt()).as(zero).isZero();
    }
    assertThat(result.get("retried").asInt()).as("faults at 50%% make retries").isPositive();
    assertThat(run.err()).as("stdout stays JSON; the console command goes to stderr")
        .contains("payscore console --jdbc-url '");
  }

  @Test
  void theTextReportShowsTheSummaryAHistoryAndTheVerdict() {
    CommandRun run =
        CommandRun.of("demo", "--orders", "8", "--fault-rate", "0.6", "--seed", "11",
            "--jdbc-url", TestDatabase.jdbcUrl());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Summary", "settled by query", "p50", "Verdict", "completed exactly once  8 of 8")
        .contains("Audit history of", "COMPLETION_REQUESTED", "COMPLETION_SUCCEEDED")
        .contains("PASS")
        .containsPattern("payscore console --jdbc-url '[^']+' --mchid 19\\d{8}\n");
    assertThat(run.err()).contains("demo: 8/8 settled");
  }
}
