package dev.payscore.bench.internal;

import dev.payscore.OutOrderNo;
import dev.payscore.PayScore;
import dev.payscore.RequestCompletionCommand;
import dev.payscore.RequestCompletionResult;
import dev.payscore.RequestCompletionsResult;
import dev.payscore.bench.BenchResult;
import dev.payscore.bench.BenchSettings;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.persistence.JooqTransactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * An end-of-day batch: {@code backlog} completions requested in one merchant transaction, (a) in
 * one call of the batch API, (b) one call per completion, on orders of their own; each timed from
 * the first request to the commit. Nothing is sent (no dispatcher runs).
 */
public final class BulkRecord {
  private static final long TOTAL = 300;

  private final String scenario;
  private final BenchSettings settings;

  public BulkRecord(String scenario, BenchSettings settings) {
    this.scenario = scenario;
    this.settings = settings;
  }

  public BenchResult run() {
    int n = settings.backlog();
    try (Database db = Database.open(settings.jdbcUrl(), 4, settings.durable());
        SandboxMerchant merchant = new SandboxMerchant(Duration.ZERO);
        PayScore payScore =
            PayScore.builder()
                .dataSource(db.raw())
                .gateway(merchant.gateway(1))
                .merchantIds(SandboxMerchant.MCHID)
                .clock(merchant.clock())
                .build()) {
      JooqTransactions seeding = new JooqTransactions(db.raw());
      // warm-up of both paths on orders of their own
      batch(payScore, db.raw(), orders(seeding, "W", Math.min(n, 500)));
      oneByOne(payScore, db.raw(), orders(seeding, "V", Math.min(n, 500)));
      List<String> a = orders(seeding, "A", n);
      List<String> b = orders(seeding, "B", n);
      double batchSeconds = batch(payScore, db.raw(), a);
      double singleSeconds = oneByOne(payScore, db.raw(), b);
      long recorded =
          db.scalarLong(
              "SELECT count(*) FROM payscore.completion_intent i JOIN payscore.audit_event e"
                  + " ON e.intent_id = i.id AND e.event_type = 'COMPLETION_REQUESTED'"
                  + " WHERE i.out_order_no LIKE 'A%' OR i.out_order_no LIKE 'B%'");

      Map<String, Object> inputs = new LinkedHashMap<>();
      inputs.put("intents_per_transaction", n);
      inputs.put("database", db.describe());
      inputs.put("durability", db.durability());
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("batch_s", BenchResult.round(batchSeconds));
      figures.put("batch_intents_per_s", BenchResult.round(n / batchSeconds));
      figures.put("one_by_one_s", BenchResult.round(singleSeconds));
      figures.put("one_by_one_intents_per_s", BenchResult.round(n / singleSeconds));
      figures.put("recorded_with_audit_event", recorded);
      List<String> notes = new ArrayList<>();
      notes.add(
          "each figure: first request to commit of one merchant transaction holding all "
              + n
              + " completions; batch = completions().request(connection, list), one by one ="
              + " completions().request(connection, command) per completion");
      if (recorded != 2L * n) {
        notes.add("expected " + (2L * n) + " intents with their audit event, found " + recorded);
      }
      notes.add("p50/p99: the one batch transaction, first request to commit");
      return new BenchResult(
          scenario,
          n / batchSeconds,
          singleSeconds / batchSeconds,
          batchSeconds * 1000,
          batchSeconds * 1000,
          inputs,
          figures,
          notes);
    }
  }

  /** {@code n} confirmed local orders (mirrors only: nothing is sent). */
  private static List<String> orders(JooqTransactions transactions, String prefix, int n) {
    List<ServiceOrder> orders = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      orders.add(SandboxMerchant.confirmedOrder(prefix + String.format("%09d", i), null));
    }
    for (int from = 0; from < n; from += 1000) {
      List<ServiceOrder> chunk = orders.subList(from, Math.min(n, from + 1000));
      transactions.inTransaction(
          repos -> {
            chunk.forEach(repos.orders()::insert);
            return null;
          });
    }
    return orders.stream().map(o -> o.outOrderNo().value()).toList();
  }

  private static double batch(PayScore payScore, DataSource dataSource, List<String> orders) {
    List<RequestCompletionCommand> commands = orders.stream().map(BulkRecord::command).toList();
    return timed(
        dataSource,
        connection -> {
          RequestCompletionsResult result = payScore.completions().request(connection, commands);
          if (!(result instanceof RequestCompletionsResult.Recorded)) {
            throw new IllegalStateException("batch refused: " + result);
          }
        });
  }

  private static double oneByOne(PayScore payScore, DataSource dataSource, List<String> orders) {
    return timed(
        dataSource,
        connection -> {
          for (String no : orders) {
            RequestCompletionResult result =
                payScore.completions().request(connection, command(no));
            if (!(result instanceof RequestCompletionResult.Requested)) {
              throw new IllegalStateException("request of " + no + " refused: " + result);
            }
          }
        });
  }

  private static RequestCompletionCommand command(String no) {
    return new RequestCompletionCommand(
        SandboxMerchant.MCHID, OutOrderNo.of(no), SandboxMerchant.completion(TOTAL, null), "bench");
  }

  private interface Work {
    void run(Connection connection) throws SQLException;
  }

  /** Seconds from the first statement of {@code work} to its commit, in one transaction. */
  private static double timed(DataSource dataSource, Work work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      long start = System.nanoTime();
      work.run(connection);
      connection.commit();
      return (System.nanoTime() - start) / 1e9;
    } catch (SQLException e) {
      throw new IllegalStateException("bulk record: " + e.getMessage(), e);
    }
  }
}
