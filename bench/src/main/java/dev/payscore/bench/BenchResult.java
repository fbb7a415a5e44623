package dev.payscore.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What one scenario measured: the headline rate, the ratio to its reference where the scenario has
 * one, latency percentiles, the inputs, every other figure by name, and notes (what was skipped and
 * why). Every number here was measured in the run; none is a constant.
 *
 * @param opsPerSecond the headline rate (durable completions/s, signatures/s, queries/s)
 * @param ratio headline rate over its reference (bare calls, bare Signature loop), if any
 */
public record BenchResult(
    String scenario,
    double opsPerSecond,
    @Nullable Double ratio,
    double p50Ms,
    double p99Ms,
    Map<String, Object> inputs,
    Map<String, Object> figures,
    List<String> notes) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  public BenchResult {
    Objects.requireNonNull(scenario, "scenario == null");
    inputs = Map.copyOf(inputs);
    figures = Map.copyOf(figures);
    notes = List.copyOf(notes);
  }

  /** One JSON object: scenario, ops_per_s, ratio, p50_ms, p99_ms, inputs, figures, notes. */
  public String toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", scenario);
    json.put("ops_per_s", round(opsPerSecond));
    json.put("ratio", ratio == null ? null : round(ratio));
    json.put("p50_ms", round(p50Ms));
    json.put("p99_ms", round(p99Ms));
    json.put("inputs", inputs);
    json.put("figures", figures);
    json.put("notes", notes);
    try {
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the result as JSON", e);
    }
  }

  /** The figures for a person: one per line, sorted by name. */
  public String toText() {
    StringBuilder text = new StringBuilder();
    text.append("scenario ").append(scenario).append('\n');
    text.append(String.format("  %-40s %s%n", "ops_per_s", round(opsPerSecond)));
    if (ratio != null) {
      text.append(String.format("  %-40s %s%n", "ratio", round(ratio)));
    }
    text.append(String.format("  %-40s %s%n", "p50_ms", round(p50Ms)));
    text.append(String.format("  %-40s %s%n", "p99_ms", round(p99Ms)));
    new TreeMap<>(figures).forEach((k, v) -> text.append(String.format("  %-40s %s%n", k, v)));
    text.append("inputs ").append(new TreeMap<>(inputs)).append('\n');
    notes.forEach(n -> text.append("note: ").append(n).append('\n'));
    return text.toString();
  }

  /** Three significant decimals: figures from a noisy machine claim no more. */
  public static double round(double value) {
    return Math.round(value * 1000.0) / 1000.0;
  }
}
