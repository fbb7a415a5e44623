package dev.payscore.cli;

import dev.payscore.cli.internal.WireCompleteOrder;
import dev.payscore.cli.internal.WireJson;
import dev.payscore.cli.internal.WireJson.UnreadableInput;
import dev.payscore.cli.internal.WireOrder;
import dev.payscore.domain.completion.BillingConvention;
import dev.payscore.domain.completion.CompleteOrder;
import dev.payscore.domain.completion.CompletionLimits;
import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.domain.completion.Rule;
import dev.payscore.domain.completion.Violation;
import dev.payscore.domain.model.ServiceTime;
import dev.payscore.domain.model.TimePrecision;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code payscore validate}: checks a complete request body (WeChat's wire JSON) before it is sent,
 * optionally against the order it completes, and prints every violation as one JSON line. Exit 0
 * valid, 1 invalid, 2 unreadable input or wrong flags.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check a complete (完结) request body against WeChat's rules, and against the order it"
          + " completes when --order is given.",
      "Prints each violation on stdout as one JSON line with its path, rule, value and message.",
      "Exit codes: 0 valid, 1 invalid, 2 unreadable input or wrong flags."
    })
public final class ValidateCommand implements Callable<Integer> {
  static final int VALID = 0;
  static final int INVALID = 1;
  static final int UNREADABLE = 2;

  /** A bug in payscore, not in the input (sysexits' EX_SOFTWARE). */
  static final int INTERNAL_ERROR = 70;

  @Spec private @Nullable CommandSpec spec;

  @Option(
      names = "--file",
      required = true,
      paramLabel = "complete.json",
      description = "The complete request body, as in WeChat's documentation (snake_case).")
  private @Nullable Path file;

  @Option(
      names = "--order",
      paramLabel = "order.json",
      description =
          "The order being completed, as WeChat's query returns it: its state, appid, service_id,"
              + " risk_fund and create-time time_range are checked too.")
  private @Nullable Path order;

  @Option(
      names = "--convention",
      paramLabel = "NAME",
      defaultValue = "NONE",
      description =
          "The merchant's billing convention: ${COMPLETION-CANDIDATES} (default:"
              + " ${DEFAULT-VALUE}).")
  private BillingConvention convention = BillingConvention.NONE;

  @Option(
      names = "--now",
      paramLabel = "yyyyMMddHHmmss",
      converter = BeijingTime.class,
      description = "Validate as if it were this Beijing time (default: the system clock).")
  private @Nullable Instant now;

  @Override
  public Integer call() {
    CommandLine commandLine = requireSpec().commandLine();
    PrintWriter out = commandLine.getOut();
    PrintWriter err = commandLine.getErr();
    Path requestFile = requireFile();
    try {
      WireJson json = new WireJson();
      WireCompleteOrder wire =
          json.read(requestFile, requestFile.toString(), WireCompleteOrder.class);
      CompletionValidator validator =
          new CompletionValidator(clock(), CompletionLimits.defaults(), convention);
      CompleteOrder request = wire.toCommand();
      List<Violation> violations = new ArrayList<>();
      if (wire.totalAmount() == null) {
        violations.add(new Violation("total_amount", Rule.REQUIRED, null, "is required"));
      }
      List<Violation> found =
          order == null
              ? validator.validate(request)
              : validator.validate(
                  request,
                  json.read(order, order.toString(), WireOrder.class).toTarget(order.toString()));
      for (Violation violation : found) {
        // an absent total was read as 0: what the rules say about that 0 is noise
        if (wire.totalAmount() != null || !violation.path().equals("total_amount")) {
          violations.add(violation);
        }
      }
      for (Violation violation : violations) {
        out.println(json.mapper().writeValueAsString(line(violation)));
      }
      out.flush();
      err.println(
          requestFile
              + ": "
              + (violations.isEmpty()
                  ? "valid"
                  : violations.size() + " violation" + (violations.size() == 1 ? "" : "s")));
      return violations.isEmpty() ? VALID : INVALID;
    } catch (UnreadableInput e) {
      err.println("payscore validate: cannot read " + e.getMessage());
      return UNREADABLE;
    } catch (Exception e) {
      err.println("payscore validate: internal error: " + e);
      return INTERNAL_ERROR;
    }
  }

  private static Map<String, @Nullable String> line(Violation violation) {
    Map<String, @Nullable String> line = new LinkedHashMap<>();
    line.put("path", violation.path());
    line.put("rule", violation.rule().code());
    line.put("value", violation.value());
    line.put("message", violation.message());
    return line;
  }

  private Clock clock() {
    return now == null ? Clock.system(ServiceTime.BEIJING) : Clock.fixed(now, ServiceTime.BEIJING);
  }

  private CommandSpec requireSpec() {
    if (spec == null) {
      throw new IllegalStateException("picocli injects the spec");
    }
    return spec;
  }

  private Path requireFile() {
    if (file == null) {
      throw new IllegalStateException("picocli enforces --file");
    }
    return file;
  }

  /** {@code yyyyMMddHHmmss} in Beijing time, the form of every Pay Score time. */
  static final class BeijingTime implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      return ServiceTime.tryParse(value)
          .filter(time -> time.precision() == TimePrecision.SECOND)
          .map(ServiceTime::start)
          .orElseThrow(
              () ->
                  new CommandLine.TypeConversionException(
                      "'" + value + "' is not a yyyyMMddHHmmss time"));
    }
  }
}
