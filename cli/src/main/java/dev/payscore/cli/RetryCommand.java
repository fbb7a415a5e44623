package dev.payscore.cli;

import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScore;
import dev.payscore.RetryResult;
import java.io.PrintWriter;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code payscore retry}: puts a completion that needs attention back in line, after a person has
 * checked it, recorded as an {@code OPERATOR_RETRY} audit event naming the operator.
 */
@Command(
    name = "retry",
    mixinStandardHelpOptions = true,
    description = {
      "Put the order's intent that needs attention (complete, cancel or modify) back in line (due"
          + " now, attempts from zero); the application's dispatchers send its frozen bytes again.",
      "Recorded in the audit history as OPERATOR_RETRY by --actor.",
      "A quarantined intent is retried once its row reads again; otherwise request a corrected one.",
      "Exit codes: 0 requeued, 1 unknown order, not needing attention, unreadable or failed,"
          + " 2 wrong flags."
    })
public final class RetryCommand extends OperatorCommand {

  @Option(names = "--mchid", required = true, paramLabel = "M", description = "The merchant id.")
  @Nullable String mchid;

  @Option(names = "--order", required = true, paramLabel = "O", description = "The out_order_no.")
  @Nullable String order;

  @Option(
      names = "--actor",
      required = true,
      paramLabel = "NAME",
      description = "Who checked it and retries it (recorded in the audit history).")
  @Nullable String actor;

  @Override
  int run(DataSource dataSource, PrintWriter out) throws CliInput.Failure {
    MerchantId merchant = Ids.merchant(mchid);
    OutOrderNo outOrderNo = Ids.order(order);
    String operator = Objects.requireNonNull(actor, "actor == null").strip();
    if (operator.isEmpty()) {
      throw new CliInput.Failure("--actor is blank");
    }
    RetryResult result;
    try (PayScore payScore = facade(dataSource)) {
      result = payScore.completions().retry(merchant, outOrderNo, operator);
    }
    if (result instanceof RetryResult.Requeued requeued) {
      out.println(
          outOrderNo.value()
              + ": "
              + requeued.intent().kind()
              + " intent requeued by "
              + operator
              + " (was NEEDS_ATTENTION: "
              + requeued.intent().lastError()
              + "); now PENDING, due now");
      out.flush();
      return OK;
    }
    if (result instanceof RetryResult.NotNeedingAttention not) {
      throw new CliInput.Failure(
          "order "
              + outOrderNo.value()
              + " of merchant "
              + merchant.value()
              + " is "
              + not.status()
              + "; only an intent that needs attention is retried");
    }
    if (result instanceof RetryResult.Unreadable unreadable) {
      throw new CliInput.Failure(
          "order "
              + outOrderNo.value()
              + ": "
              + unreadable.ref().describe()
              + " still cannot be read ("
              + unreadable.reason()
              + "); repair the row or request a corrected "
              + unreadable.ref().kind()
              + ", which supersedes it");
    }
    throw new CliInput.Failure(
        "no intent was requested for order " + outOrderNo.value() + " of merchant "
            + merchant.value());
  }
}
