package dev.payscore.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payscore.AuditCursor;
import dev.payscore.AuditEvent;
import dev.payscore.AuditEventType;
import dev.payscore.AuditPage;
import dev.payscore.AuditQuery;
import dev.payscore.CompletionIntent;
import dev.payscore.IntentStatus;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScore;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.model.ServiceOrderState;
import dev.payscore.domain.model.StateDescription;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.persistence.JooqTransactions;
import dev.payscore.sandbox.LedgerEntry;
import dev.payscore.sandbox.Operation;
import dev.payscore.sandbox.PayScoreSandbox;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Judges a demo run by comparing our side (intents, local orders, the merchant's rental rows, the
 * audit history) with WeChat's (the sandbox's ledger of applied operations and its order states).
 */
final class DemoVerdict {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_FINDINGS = 10;

  private final DemoSettings settings;
  private final MerchantId mchid;
  private final List<String> orders;
  private final DataSource dataSource;
  private final PayScore payScore;
  private final PayScoreSandbox sandbox;
  private final Transactions transactions;

  DemoVerdict(
      DemoSettings settings,
      MerchantId mchid,
      List<String> orders,
      DataSource dataSource,
      PayScore payScore,
      PayScoreSandbox sandbox) {
    this.settings = settings;
    this.mchid = mchid;
    this.orders = orders;
    this.dataSource = dataSource;
    this.payScore = payScore;
    this.sandbox = sandbox;
    this.transactions = new JooqTransactions(dataSource);
  }

  DemoReport report(
      String setup,
      Instant requestedFrom,
      double elapsed,
      List<String> runFindings,
      List<ClockSkip> skips) {
    Map<String, CompletionIntent> intents = new HashMap<>();
    for (CompletionIntent intent : payScore.completions().list(mchid, null, orders.size() + 1)) {
      intents.put(intent.outOrderNo().value(), intent);
    }
    Set<String> rentals = rentals();
    Map<String, List<LedgerEntry>> completes = new HashMap<>();
    for (LedgerEntry entry : sandbox.ledger()) {
      if (entry.operation() == Operation.COMPLETE && entry.mchid().equals(mchid.value())) {
        completes.computeIfAbsent(entry.outOrderNo(), k -> new ArrayList<>()).add(entry);
      }
    }
    Map<String, List<AuditEvent>> history = history(requestedFrom);

    List<String> findings = new ArrayList<>(runFindings);
    long exactlyOnce = 0;
    long lost = 0;
    long duplicated = 0;
    long mismatched = 0;
    long divergent = 0;
    for (String no : orders) {
      CompletionIntent intent = intents.get(no);
      List<LedgerEntry> applied = completes.getOrDefault(no, List.of());
      boolean sameBody =
          intent != null
              && applied.stream().allMatch(e -> e.requestBody().equals(intent.payload().json()));
      Optional<LifecycleState> local = localState(no);
      @Nullable LifecycleState wechat = wechatState(no);
      boolean settledWithoutApply =
          intent != null
              && (intent.status() == IntentStatus.FAILED
                  || intent.status() == IntentStatus.NEEDS_ATTENTION);
      if (rentals.contains(no) != (intent != null)) {
        note(findings, no + ": rental row and intent not committed together");
      }
      if (rentals.contains(no) && applied.isEmpty() && !settledWithoutApply) {
        lost++;
        note(findings, no + ": lost (" + (intent == null ? "no intent" : intent.status()) + ", never applied)");
      }
      if (applied.size() > 1) {
        duplicated++;
        note(findings, no + ": applied " + applied.size() + " times");
      }
      if (!applied.isEmpty() && !sameBody) {
        mismatched++;
        note(findings, no + ": applied with a body other than the frozen payload");
      }
      if (local.orElse(null) != wechat) {
        divergent++;
        note(findings, no + ": local " + local.map(Object::toString).orElse("missing") + ", WeChat " + wechat);
      }
      if (intent != null && intent.status() == IntentStatus.SUCCEEDED && applied.size() == 1
          && sameBody && local.isPresent() && local.get() == wechat) {
        exactlyOnce++;
      }
    }

    long completed = count(intents, IntentStatus.SUCCEEDED);
    long retried = intents.values().stream().filter(i -> i.attempts() > 1).count();
    long settledByQuery =
        intents.values().stream()
            .filter(i -> i.status().isSettled())
            .filter(i -> has(history, i.outOrderNo().value(), AuditEventType.COMPLETION_QUERIED))
            .count();
    long throttled =
        history.values().stream()
            .flatMap(List::stream)
            .filter(e -> e.entry().type() == AuditEventType.COMPLETION_ATTEMPTED)
            .filter(e -> "FREQUENCY_LIMITED".equals(e.entry().wechatCode()))
            .count();
    List<Long> latencies = new ArrayList<>();
    Instant first = null;
    Instant last = null;
    for (CompletionIntent i : intents.values()) {
      if (i.status() == IntentStatus.SUCCEEDED) {
        latencies.add(ClockSkip.elapsed(i.createdAt(), i.updatedAt(), skips).toMillis());
        first = first == null || i.createdAt().isBefore(first) ? i.createdAt() : first;
        last = last == null || i.updatedAt().isAfter(last) ? i.updatedAt() : last;
      }
    }
    latencies.sort(null);
    double window =
        first == null ? 0 : Math.max(1, ClockSkip.elapsed(first, last, skips).toMillis()) / 1000.0;
    String sample = sample(intents, history);
    Duration skipped = skips.stream().map(ClockSkip::amount).reduce(Duration.ZERO, Duration::plus);
    if (!skipped.isZero()) {
      setup += "\nquiet waits skipped on the clock: " + skipped.toSeconds()
          + " s (not counted in the latency and throughput figures)";
    }
    return new DemoReport(
        settings,
        setup,
        orders.size(),
        completed,
        retried,
        settledByQuery,
        throttled,
        count(intents, IntentStatus.NEEDS_ATTENTION),
        count(intents, IntentStatus.FAILED),
        window == 0 ? 0 : completed / window,
        percentile(latencies, 0.50),
        percentile(latencies, 0.99),
        elapsed,
        exactlyOnce,
        lost,
        duplicated,
        mismatched,
        divergent,
        sample,
        sample == null ? List.of() : history.get(sample),
        findings.size() > MAX_FINDINGS ? findings.subList(0, MAX_FINDINGS) : findings);
  }

  private static void note(List<String> findings, String finding) {
    if (findings.size() <= MAX_FINDINGS) {
      findings.add(finding);
    }
  }

  private static long count(Map<String, CompletionIntent> intents, IntentStatus status) {
    return intents.values().stream().filter(i -> i.status() == status).count();
  }

  private static boolean has(Map<String, List<AuditEvent>> history, String no, AuditEventType type) {
    return history.getOrDefault(no, List.of()).stream().anyMatch(e -> e.entry().type() == type);
  }

  /** The completed order with the most eventful history: the one that met the most faults. */
  private static @Nullable String sample(
      Map<String, CompletionIntent> intents, Map<String, List<AuditEvent>> history) {
    String best = null;
    int most = 0;
    for (CompletionIntent intent : intents.values()) {
      String no = intent.outOrderNo().value();
      int events = history.getOrDefault(no, List.of()).size();
      if (intent.status() == IntentStatus.SUCCEEDED && intent.attempts() > 1 && events > most) {
        best = no;
        most = events;
      }
    }
    return best;
  }

  static long percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  /** The run's audit events by order, read page by page. */
  private Map<String, List<AuditEvent>> history(Instant requestedFrom) {
    Map<String, List<AuditEvent>> byOrder = new HashMap<>();
    Instant from = requestedFrom.minus(Duration.ofHours(1));
    Instant to = sandbox.clock().instant().plus(Duration.ofHours(1));
    AuditCursor after = null;
    do {
      AuditPage page =
          payScore.history().ofMerchant(new AuditQuery(mchid, from, to, Set.of(), null, after, AuditQuery.MAX_LIMIT));
      for (AuditEvent event : page.events()) {
        byOrder.computeIfAbsent(event.entry().outOrderNo().value(), k -> new ArrayList<>()).add(event);
      }
      after = page.next();
    } while (after != null);
    byOrder.values().forEach(list -> list.sort((a, b) -> Long.compare(a.sequence(), b.sequence())));
    return byOrder;
  }

  private Set<String> rentals() {
    Set<String> rentals = new HashSet<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT out_order_no FROM payscore_demo.rental_return WHERE mchid = ?")) {
      s.setString(1, mchid.value());
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          rentals.add(rows.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the demo's rental rows: " + e.getMessage(), e);
    }
    return rentals;
  }

  private Optional<LifecycleState> localState(String no) {
    return transactions
        .inTransaction(repos -> repos.orders().find(mchid, OutOrderNo.of(no)))
        .map(ServiceOrder::lifecycle);
  }

  /** WeChat's state of the order; null when WeChat does not know it (its create failed). */
  private @Nullable LifecycleState wechatState(String no) {
    String text;
    try {
      text = sandbox.order(no);
    } catch (IllegalStateException e) {
      return null;
    }
    try {
      JsonNode order = JSON.readTree(text);
      String description = order.path("state_description").asText(null);
      return LifecycleState.of(
          ServiceOrderState.valueOf(order.path("state").asText()),
          description == null ? null : StateDescription.valueOf(description));
    } catch (IOException e) {
      throw new IllegalStateException("the sandbox answered no order JSON for " + no, e);
    }
  }
}
