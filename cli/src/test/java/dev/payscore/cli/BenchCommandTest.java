package dev.payscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

  @Test
  void listNamesEveryScenario() {
    CommandRun run = CommandRun.of("bench", "--list");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines().map(l -> l.split(" ")[0]))
        .containsExactly("durable-vs-bare", "round-trip", "crypto", "scale", "bulk-record");
  }

  @Test
  void anUnknownScenarioIsOneLineAndExitCodeTwo() {
    CommandRun run = CommandRun.of("bench", "--scenario", "fastest");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .contains("unknown scenario 'fastest'")
        .contains("durable-vs-bare, round-trip, crypto, scale, bulk-record");
  }

  @Test
  void badSettingsAreReportedAllAtOnceBeforeAnythingRuns() {
    CommandRun run =
        CommandRun.of(
            "bench",
            "--scenario",
            "scale",
            "--concurrency",
            "0",
            "--backlog",
            "0",
            "--jdbc-url",
            "jdbc:mysql://x");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .contains("concurrency must be 1..1024: 0")
        .contains("backlog must be >= 1: 0")
        .contains("jdbc URL must start with jdbc:postgresql:");
  }

  @Test
  void aDurabilityOtherThanOnOrOffIsOneLineAndExitCodeTwo() {
    CommandRun run =
        CommandRun.of("bench", "--scenario", "durable-vs-bare", "--durability", "maybe");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .contains("durability must be on or off: maybe");
  }

  @Test
  void aMissingScenarioIsOneLine() {
    CommandRun run = CommandRun.of("bench", "--duration", "-1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .contains("--scenario NAME is required");
  }

  @Test
  void cryptoPrintsOneJsonObject() throws Exception {
    CommandRun run = CommandRun.of("bench", "--scenario", "crypto", "--duration", "0.4", "--json");

    assertThat(run.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.path("scenario").asText()).isEqualTo("crypto");
    assertThat(json.path("ops_per_s").asDouble()).isPositive();
    assertThat(json.path("ratio").asDouble()).isPositive();
    assertThat(json.path("inputs").path("threads").asInt()).isEqualTo(1);
  }
}
