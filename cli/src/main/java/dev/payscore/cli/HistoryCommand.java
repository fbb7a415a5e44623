package dev.payscore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payscore.AuditCursor;
import dev.payscore.AuditEvent;
import dev.payscore.AuditEventType;
import dev.payscore.AuditPage;
import dev.payscore.AuditQuery;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScore;
import dev.payscore.cli.internal.AuditView;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code payscore history}: one order's audit history, or a merchant's events in a time range page
 * by page; as a table or as JSON.
 */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "Show the audit history: of one order (--order), or of a merchant in [--from, --to), paged.",
      "Times are ISO-8601 instants, e.g. 2026-11-26T08:00:00Z. The next page's cursor is printed"
          + " last (table: on stderr as '--after CURSOR'; JSON: \"next\").",
      "Exit codes: 0 shown, 1 unknown order or failed, 2 wrong flags."
    })
public final class HistoryCommand extends OperatorCommand {

  @Option(names = "--mchid", required = true, paramLabel = "M", description = "The merchant id.")
  @Nullable String mchid;

  @Option(names = "--order", paramLabel = "O", description = "One order's history (out_order_no).")
  @Nullable String order;

  @Option(names = "--from", paramLabel = "T", description = "Start of the range (inclusive).")
  @Nullable Instant from;

  @Option(names = "--to", paramLabel = "T", description = "End of the range (exclusive).")
  @Nullable Instant to;

  @Option(
      names = "--type",
      paramLabel = "E",
      split = ",",
      description = "Only these event types (repeat or comma-separate): ${COMPLETION-CANDIDATES}.")
  List<AuditEventType> types = List.of();

  @Option(
      names = "--page-size",
      paramLabel = "N",
      description = "Events per page, 1..1000 (default: ${DEFAULT-VALUE}).")
  int pageSize = 100;

  @Option(names = "--after", paramLabel = "CURSOR", description = "The cursor of the previous page.")
  @Nullable String after;

  @Option(names = "--json", description = "One JSON object on stdout: {\"events\": [...], \"next\": ...}.")
  boolean json;

  @Override
  int run(DataSource dataSource, PrintWriter out) throws CliInput.Failure {
    MerchantId merchant = Ids.merchant(mchid);
    boolean range = from != null || to != null || after != null || !types.isEmpty();
    if (order != null && range) {
      throw new CliInput.Failure(
          "give either --order or a range (--from, --to, --type, --after), not both");
    }
    if (order == null && (from == null || to == null)) {
      throw new CliInput.Failure("give --order O, or --from T and --to T");
    }
    List<AuditEvent> events;
    @Nullable AuditCursor next = null;
    try (PayScore payScore = facade(dataSource)) {
      if (order != null) {
        OutOrderNo outOrderNo = Ids.order(order);
        events = payScore.history().ofOrder(merchant, outOrderNo);
        if (events.isEmpty()) {
          throw new CliInput.Failure(
              "no audit history for order " + outOrderNo.value() + " of merchant "
                  + merchant.value());
        }
      } else {
        AuditPage page = payScore.history().ofMerchant(query(merchant));
        events = page.events();
        next = page.next();
      }
    }
    print(out, events, next);
    return OK;
  }

  private AuditQuery query(MerchantId merchant) throws CliInput.Failure {
    try {
      return new AuditQuery(
          merchant,
          from,
          to,
          Set.copyOf(types),
          null,
          after == null ? null : AuditCursor.decode(after),
          pageSize);
    } catch (IllegalArgumentException e) {
      throw new CliInput.Failure(e.getMessage());
    }
  }

  private void print(PrintWriter out, List<AuditEvent> events, @Nullable AuditCursor next) {
    if (json) {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      ArrayNode array = root.putArray("events");
      events.forEach(e -> array.add(AuditView.json(e)));
      root.put("next", next == null ? null : next.encode());
      out.println(root.toString());
    } else {
      AuditView.table(events, order == null).print(out);
      if (next != null && spec != null) {
        spec.commandLine().getErr().println("more: --after " + next.encode());
        spec.commandLine().getErr().flush();
      }
    }
    out.flush();
  }

}
