package dev.payscore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A one-second smoke of every scenario with tiny sizes, so that none can rot: each produces sane,
 * non-zero figures and one valid JSON object. Not a performance test: no figure is compared with a
 * target.
 */
final class BenchmarksSmokeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BenchSettings TINY =
      new BenchSettings(
          Duration.ofSeconds(1),
          4,
          null,
          List.of(200L, 1_000L),
          List.of(100L, 500L),
          40,
          1_000,
          true);

  private static JsonNode runAsJson(Scenario scenario) throws Exception {
    BenchResult result = Benchmarks.run(scenario, TINY);
    JsonNode json = JSON.readTree(result.toJson());
    assertThat(json.path("scenario").asText()).isEqualTo(scenario.id());
    assertThat(json.path("ops_per_s").asDouble()).isPositive();
    assertThat(json.path("p50_ms").asDouble()).isPositive();
    assertThat(json.path("p99_ms").asDouble())
        .isGreaterThanOrEqualTo(json.path("p50_ms").asDouble());
    assertThat(json.path("inputs").isObject()).isTrue();
    assertThat(result.toText()).startsWith("scenario " + scenario.id());
    return json;
  }

  @Test
  void durableVsBareCompletesEveryOrderOnceOnBothPaths() throws Exception {
    JsonNode json = runAsJson(Scenario.DURABLE_VS_BARE);

    JsonNode figures = json.path("figures");
    assertThat(json.path("ratio").asDouble()).isPositive();
    assertThat(figures.path("bare_calls").asLong()).isPositive();
    assertThat(figures.path("bare_failed").asLong()).isZero();
    assertThat(figures.path("durable_succeeded").asLong()).isPositive();
    assertThat(figures.path("durable_not_succeeded").asLong()).isZero();
    assertThat(figures.path("wechat_applied_completions").asLong())
        .isEqualTo(figures.path("calls_made").asLong());
    assertThat(figures.path("durable_db_transactions_per_completion").asDouble()).isPositive();
    assertThat(figures.path("durable_db_round_trips_per_completion").asDouble()).isPositive();
    assertThat(figures.path("durable_cpu_client_us_per_completion").asDouble()).isPositive();
  }

  @Test
  void roundTripWaitsForTheSandboxLatency() throws Exception {
    JsonNode json = runAsJson(Scenario.ROUND_TRIP);

    assertThat(json.path("inputs").path("sandbox_latency_ms").asLong()).isEqualTo(100);
    assertThat(json.path("figures").path("bare_p50_ms").asDouble()).isGreaterThanOrEqualTo(100);
    assertThat(json.path("p50_ms").asDouble()).isGreaterThanOrEqualTo(100);
  }

  @Test
  void cryptoComparesOurSignerWithTheBareLoop() throws Exception {
    JsonNode json = runAsJson(Scenario.CRYPTO);

    assertThat(json.path("ratio").asDouble()).isPositive();
    assertThat(json.path("figures").path("bare_signature_signs_per_s").asDouble()).isPositive();
    assertThat(json.path("figures").path("bare_over_ours_by_cpu").asDouble()).isPositive();
  }

  @Test
  void scaleMeasuresEverySizeAndDrainsBothBacklogs() throws Exception {
    JsonNode json = runAsJson(Scenario.SCALE);

    JsonNode figures = json.path("figures");
    for (String size : List.of("200", "1000")) {
      assertThat(figures.path("history_" + size + "_merchant_deep_page_p99_ms").asDouble())
          .isPositive();
    }
    assertThat(figures.path("claim_32_with_500_settled_p50_ms").asDouble()).isPositive();
    assertThat(figures.path("drain_rate_limit_on_succeeded").asLong()).isEqualTo(40);
    assertThat(figures.path("drain_rate_limit_off_succeeded").asLong()).isEqualTo(40);
  }

  @Test
  void bulkRecordRecordsEveryIntentWithItsAuditEventOnBothPaths() throws Exception {
    JsonNode json = runAsJson(Scenario.BULK_RECORD);

    JsonNode figures = json.path("figures");
    assertThat(figures.path("batch_s").asDouble()).isPositive();
    assertThat(figures.path("one_by_one_s").asDouble()).isPositive();
    assertThat(figures.path("recorded_with_audit_event").asLong()).isEqualTo(80);
  }

  @Test
  void durableVsBareReportsTheWalAndCommitsOfTheDurablePhase() throws Exception {
    JsonNode json = runAsJson(Scenario.DURABLE_VS_BARE);

    assertThat(json.path("inputs").path("durability").asText())
        .isEqualTo("fsync on, synchronous_commit on");
    assertThat(json.path("figures").path("durable_wal_bytes_per_completion").asDouble())
        .isPositive();
    assertThat(json.path("figures").path("durable_wal_flushes_per_completion").asDouble())
        .isPositive();
    assertThat(json.path("figures").path("durable_engine_commits_per_completion").asDouble())
        .isPositive();
  }
}
