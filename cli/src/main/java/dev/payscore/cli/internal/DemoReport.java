package dev.payscore.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payscore.AuditEvent;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a demo run did and whether it was right: the summary figures, the audit history of one
 * order that went through faults, and the verdict of comparing the database with WeChat's (the
 * sandbox's) ledger and state.
 *
 * @param completed intents SUCCEEDED
 * @param retried intents sent more than once
 * @param settledByQuery intents whose outcome a query settled (an ambiguous answer, then a query)
 * @param throttled attempts answered 429
 * @param exactlyOnce orders completed exactly once: SUCCEEDED, applied once with the frozen body,
 *     local state equal to WeChat's
 * @param lost requested (the rental row committed) but never applied and not settled as failed or
 *     needing attention
 * @param duplicated applied more than once
 * @param mismatched applied with a body other than the frozen payload
 * @param divergent the local state differs from WeChat's at the end
 * @param findings the first orders behind a non-zero lost, duplicated, mismatched or divergent
 */
public record DemoReport(
    DemoSettings settings,
    String setup,
    int orders,
    long completed,
    long retried,
    long settledByQuery,
    long throttled,
    long needsAttention,
    long failed,
    double throughputPerSecond,
    long p50Ms,
    long p99Ms,
    double elapsedSeconds,
    long exactlyOnce,
    long lost,
    long duplicated,
    long mismatched,
    long divergent,
    @Nullable String sampleOrder,
    List<AuditEvent> sampleHistory,
    List<String> findings) {

  public DemoReport {
    Objects.requireNonNull(settings, "settings == null");
    Objects.requireNonNull(setup, "setup == null");
    sampleHistory = List.copyOf(sampleHistory);
    findings = List.copyOf(findings);
  }

  /** Nothing lost, duplicated, mismatched or divergent: the exit code is 0. */
  public boolean clean() {
    return lost == 0 && duplicated == 0 && mismatched == 0 && divergent == 0;
  }

  public ObjectNode json() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("orders", orders);
    node.put("completed", completed);
    node.put("lost", lost);
    node.put("duplicated", duplicated);
    node.put("mismatched", mismatched);
    node.put("divergent", divergent);
    node.put("needs_attention", needsAttention);
    node.put("throughput_per_s", round(throughputPerSecond));
    node.put("p50_ms", p50Ms);
    node.put("p99_ms", p99Ms);
    node.put("exactly_once", exactlyOnce);
    node.put("failed", failed);
    node.put("retried", retried);
    node.put("settled_by_query", settledByQuery);
    node.put("throttled", throttled);
    node.put("elapsed_s", round(elapsedSeconds));
    node.put("fault_rate", settings.faultRate());
    node.put("latency_ms", settings.latencyMs());
    node.put("seed", settings.seed());
    node.put("clean", clean());
    node.put("sample_order", sampleOrder);
    ArrayNode list = node.putArray("findings");
    findings.forEach(list::add);
    return node;
  }

  public void print(PrintWriter out) {
    out.println(setup);
    out.println();
    out.println("Summary");
    new Table("", "")
        .row("orders", Integer.toString(orders))
        .row("completed", Long.toString(completed))
        .row("retried", Long.toString(retried))
        .row("settled by query", Long.toString(settledByQuery))
        .row("throttled (429 answers)", Long.toString(throttled))
        .row("needing attention", Long.toString(needsAttention))
        .row("failed", Long.toString(failed))
        .row("throughput", String.format(Locale.ROOT, "%.1f completions/s", throughputPerSecond))
        .row("request to accepted", "p50 " + p50Ms + " ms, p99 " + p99Ms + " ms")
        .row("elapsed", String.format(Locale.ROOT, "%.1f s", elapsedSeconds))
        .print(out);
    if (sampleOrder != null) {
      out.println();
      out.println("Audit history of " + sampleOrder + " (went through faults)");
      AuditView.table(sampleHistory, false).print(out);
    }
    out.println();
    out.println("Verdict (database vs WeChat's ledger and state)");
    new Table("", "")
        .row("completed exactly once", exactlyOnce + " of " + orders)
        .row("lost", Long.toString(lost))
        .row("duplicated", Long.toString(duplicated))
        .row("mismatched", Long.toString(mismatched))
        .row("divergent", Long.toString(divergent))
        .print(out);
    findings.forEach(f -> out.println("  " + f));
    out.println(
        clean()
            ? "PASS: nothing lost, duplicated, mismatched or divergent"
            : "FAIL: see the findings above");
    out.flush();
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
