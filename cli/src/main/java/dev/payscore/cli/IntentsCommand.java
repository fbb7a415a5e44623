package dev.payscore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payscore.CompletionIntent;
import dev.payscore.IntentStatus;
import dev.payscore.MerchantId;
import dev.payscore.PayScore;
import dev.payscore.QuarantinedIntent;
import dev.payscore.cli.internal.Table;
import dev.payscore.cli.internal.Text;
import dev.payscore.domain.port.out.StorageLimits;
import java.io.PrintWriter;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code payscore intents}: a merchant's intents (complete, cancel, modify), newest first. */
@Command(
    name = "intents",
    mixinStandardHelpOptions = true,
    description = {
      "List a merchant's intents (complete, cancel, modify), newest first, optionally in one status.",
      "Rows that cannot be read (quarantined) are listed first with their reason, status"
          + " QUARANTINED.",
      "Exit codes: 0 listed (possibly none), 1 failed, 2 wrong flags."
    })
public final class IntentsCommand extends OperatorCommand {

  @Option(names = "--mchid", required = true, paramLabel = "M", description = "The merchant id.")
  @Nullable String mchid;

  @Option(
      names = "--status",
      paramLabel = "S",
      description = "Only this status: ${COMPLETION-CANDIDATES}.")
  @Nullable IntentStatus status;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most this many, 1..10000 (default: ${DEFAULT-VALUE}).")
  int limit = 100;

  @Option(names = "--json", description = "A JSON array on stdout.")
  boolean json;

  @Override
  int run(DataSource dataSource, PrintWriter out) throws CliInput.Failure {
    MerchantId merchant = Ids.merchant(mchid);
    if (limit < 1 || limit > 10_000) {
      throw new CliInput.Failure("--limit must be 1..10000: " + limit);
    }
    List<CompletionIntent> intents;
    List<QuarantinedIntent> quarantined;
    try (PayScore payScore = facade(dataSource)) {
      intents = payScore.completions().list(merchant, status, limit);
      quarantined =
          status == null || status == IntentStatus.NEEDS_ATTENTION
              ? payScore.completions().quarantined(merchant, Math.min(limit, StorageLimits.MAX_BATCH))
              : List.of();
    }
    if (json) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      quarantined.forEach(q -> array.add(json(q)));
      intents.forEach(i -> array.add(json(i)));
      out.println(array.toString());
    } else {
      Table table =
          new Table("ORDER", "KIND", "STATUS", "ATTEMPTS", "AMOUNT", "NEXT_ATTEMPT_AT", "UPDATED_AT", "LAST_ERROR");
      for (QuarantinedIntent q : quarantined) {
        table.row(
            q.outOrderNo().value(),
            q.ref().kind(),
            "QUARANTINED",
            "",
            "",
            "",
            q.updatedAt().toString(),
            Text.escape(Text.abbreviate(q.reason(), 80)));
      }
      for (CompletionIntent i : intents) {
        table.row(
            i.outOrderNo().value(),
            i.kind().name(),
            i.status().name(),
            Integer.toString(i.attempts()),
            i.payload().amount() == null ? "" : i.payload().amount().toString(),
            i.status() == IntentStatus.PENDING ? i.nextAttemptAt().toString() : "",
            i.updatedAt().toString(),
            i.lastError() == null ? "" : Text.escape(Text.abbreviate(i.lastError(), 80)));
      }
      table.print(out);
    }
    out.flush();
    return OK;
  }

  private static ObjectNode json(QuarantinedIntent q) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", q.ref().id().toString());
    node.put("mchid", q.mchid().value());
    node.put("out_order_no", q.outOrderNo().value());
    node.put("kind", q.ref().kind());
    node.put("status", q.ref().status());
    node.put("generation", q.ref().generation());
    node.put("quarantined", true);
    node.put("reason", q.reason());
    node.put("payload_sha256", q.ref().sha256());
    node.put("updated_at", q.updatedAt().toString());
    return node;
  }

  private static ObjectNode json(CompletionIntent i) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", i.id().toString());
    node.put("mchid", i.mchid().value());
    node.put("out_order_no", i.outOrderNo().value());
    node.put("kind", i.kind().name());
    node.put("status", i.status().name());
    node.put("generation", i.generation());
    node.put("supersedes", i.supersedes() == null ? null : i.supersedes().toString());
    node.put("attempts", i.attempts());
    if (i.payload().amount() == null) {
      node.putNull("amount");
    } else {
      node.put("amount", i.payload().amount().longValue());
    }
    node.put("payload_sha256", i.payload().sha256());
    node.put("next_attempt_at", i.nextAttemptAt().toString());
    node.put("last_outcome", i.lastOutcome());
    node.put("last_error", i.lastError());
    node.put("requested_by", i.requestedBy());
    node.put("created_at", i.createdAt().toString());
    node.put("updated_at", i.updatedAt().toString());
    return node;
  }
}
