package dev.payscore.cli;

import dev.payscore.AppId;
import dev.payscore.CompleteOrder;
import dev.payscore.CreateOrder;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.Rule;
import dev.payscore.ServiceId;
import dev.payscore.TimeRange;
import dev.payscore.Violation;
import dev.payscore.cli.internal.WireCancelOrder;
import dev.payscore.cli.internal.WireCompleteOrder;
import dev.payscore.cli.internal.WireCreateOrder;
import dev.payscore.cli.internal.WireJson;
import dev.payscore.cli.internal.WireJson.UnreadableInput;
import dev.payscore.cli.internal.WireModifyOrder;
import dev.payscore.cli.internal.WireOrder;
import dev.payscore.domain.completion.BillingConvention;
import dev.payscore.domain.completion.CompletionLimits;
import dev.payscore.domain.completion.CompletionTarget;
import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceTime;
import dev.payscore.domain.model.TimePrecision;
import dev.payscore.domain.port.out.CancelOrder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code payscore validate}: checks a complete (or, with {@code --request}, a create, modify or
 * cancel) request body (WeChat's wire JSON) before it is sent, by the library's one rule set,
 * optionally against the order it completes, and prints every violation as one JSON line. Exit 0
 * valid, 1 invalid, 2 unreadable input or wrong flags.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check a complete (完结) request body against WeChat's rules, and against the order it"
          + " completes when --order is given; with --request, a create, modify or cancel body"
          + " by the same rules of each field.",
      "Prints each violation on stdout as one JSON line with its path, rule, value and message.",
      "Without --order, the rules that need the order are listed on stderr as not checked; the"
          + " order's fields can be given as flags (--state, --risk-fund, --start-time, --end-time,"
          + " --confirmed-at) or as WeChat's query answer (--order).",
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

  /** Which request a file holds. */
  enum Request {
    COMPLETE,
    CREATE,
    MODIFY,
    CANCEL
  }

  @Option(
      names = "--request",
      paramLabel = "KIND",
      defaultValue = "complete",
      converter = RequestKind.class,
      description =
          "The request the file holds: complete (default), create, modify or cancel. The order's"
              + " flags (--order, --state, --risk-fund, --start-time, --end-time, --confirmed-at)"
              + " are for complete only.")
  private Request request = Request.COMPLETE;

  @Option(
      names = "--order",
      paramLabel = "order.json",
      description =
          "The order being completed, as WeChat's query returns it: its state, appid, service_id,"
              + " risk_fund and create-time time_range are checked too.")
  private @Nullable Path order;

  @Option(
      names = "--state",
      paramLabel = "STATE",
      description =
          "Without --order: the order's state, e.g. DOING/USER_CONFIRM (CREATED,"
              + " DOING/MCH_COMPLETE, DONE, REVOKED, EXPIRED).")
  private @Nullable String state;

  @Option(
      names = "--risk-fund",
      paramLabel = "NAME:FEN",
      description =
          "Without --order: the order's risk_fund, e.g. DEPOSIT:10000 or ESTIMATE_ORDER_COST:5000.")
  private @Nullable String riskFund;

  @Option(
      names = "--start-time",
      paramLabel = "TIME",
      description =
          "Without --order: time_range.start_time given at create (yyyyMMddHHmmss, yyyyMMdd or"
              + " OnAccept).")
  private @Nullable String startTime;

  @Option(
      names = "--end-time",
      paramLabel = "TIME",
      description = "Without --order: time_range.end_time given at create, if any.")
  private @Nullable String endTime;

  @Option(
      names = "--confirmed-at",
      paramLabel = "yyyyMMddHHmmss",
      converter = BeijingTime.class,
      description = "When the user confirmed (the start of an OnAccept order), Beijing time.")
  private @Nullable Instant confirmedAt;

  @Option(
      names = "--risk-cap",
      paramLabel = "FEN",
      description =
          "The service's risk cap (服务风险金额, not queryable): a 先享 (ESTIMATE_ORDER_COST) order"
              + " cannot complete above it.")
  private @Nullable Long riskCap;

  @Option(
      names = "--location-max-length",
      paramLabel = "N",
      description =
          "Limit of location.* (UNCONFIRMED: 20 or 50; default: ${DEFAULT-VALUE}, as the library"
              + " and the sandbox).")
  private int locationMaxLength = CompletionLimits.DEFAULT_LOCATION_MAX_LENGTH;

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
      List<Violation> violations = new ArrayList<>();
      for (Path input : order == null ? List.of(requestFile) : List.of(requestFile, order)) {
        notUtf8(input).ifPresent(violations::add);
      }
      if (!violations.isEmpty()) {
        return report(json, out, err, requestFile, violations, List.of());
      }
      if (request != Request.COMPLETE && orderGiven()) {
        err.println(
            "payscore validate: --order, --state, --risk-fund, --start-time, --end-time and"
                + " --confirmed-at are for --request complete only");
        return UNREADABLE;
      }
      CompletionLimits limits =
          CompletionLimits.defaults().withLocationMaxLength(locationMaxLength);
      CompletionValidator validator = new CompletionValidator(clock(), limits, convention);
      List<String> skipped =
          switch (request) {
            case COMPLETE -> complete(json, requestFile, limits, violations);
            case CREATE -> {
              CreateOrder body =
                  json.read(requestFile, requestFile.toString(), WireCreateOrder.class)
                      .toCommand(violations);
              if (riskCap != null) {
                validator =
                    new CompletionValidator(
                        clock(), limits.withServiceRiskCap(body.serviceId(), riskCap), convention);
              }
              violations.addAll(validator.validateCreate(body));
              yield riskCap == null
                  ? List.of(Rule.RISK_FUND_OVER_SERVICE_RISK_CAP + " (--risk-cap)")
                  : List.of();
            }
            case MODIFY -> {
              WireModifyOrder wire =
                  json.read(requestFile, requestFile.toString(), WireModifyOrder.class);
              addJudged(wire.totalAmount(), validator.validateModify(wire.toCommand()), violations);
              yield List.of(
                  Rule.TOTAL_ABOVE_CURRENT
                      + ", "
                      + Rule.APPID_MISMATCH
                      + ", "
                      + Rule.SERVICE_ID_MISMATCH
                      + " and the order's state (checked when the modify is requested)");
            }
            case CANCEL -> {
              CancelOrder body =
                  json.read(requestFile, requestFile.toString(), WireCancelOrder.class).toCommand();
              violations.addAll(validator.validateCancel(body));
              yield List.of("the order's state (checked when the cancel is requested)");
            }
          };
      return report(json, out, err, requestFile, violations, skipped);
    } catch (UnreadableInput e) {
      err.println("payscore validate: cannot read " + e.getMessage());
      return UNREADABLE;
    } catch (Exception e) {
      err.println("payscore validate: internal error: " + e);
      return INTERNAL_ERROR;
    }
  }

  /** Adds the complete body's violations; answers what was not checked. */
  private List<String> complete(
      WireJson json, Path requestFile, CompletionLimits limits, List<Violation> violations)
      throws UnreadableInput {
    WireCompleteOrder wire =
        json.read(requestFile, requestFile.toString(), WireCompleteOrder.class);
    CompleteOrder body = wire.toCommand();
    if (riskCap != null) {
      limits = limits.withServiceRiskCap(body.serviceId(), riskCap);
    }
    CompletionValidator validator = new CompletionValidator(clock(), limits, convention);
    CompletionTarget target =
        order != null
            ? json.read(order, order.toString(), WireOrder.class).toTarget(order.toString())
            : targetFromFlags(body);
    addJudged(
        wire.totalAmount(),
        target == null ? validator.validate(body) : validator.validate(body, target),
        violations);
    return skipped(target);
  }

  /**
   * {@code found}, after {@code total_amount} REQUIRED when it was absent: it was read as 0, and
   * what the rules say about that 0 is noise.
   */
  private static void addJudged(
      @Nullable Long totalAmount, List<Violation> found, List<Violation> violations) {
    if (totalAmount == null) {
      violations.add(new Violation("total_amount", Rule.REQUIRED, null, "is required"));
    }
    for (Violation violation : found) {
      if (totalAmount != null || !violation.path().equals("total_amount")) {
        violations.add(violation);
      }
    }
  }

  private boolean orderGiven() {
    return order != null
        || state != null
        || riskFund != null
        || startTime != null
        || endTime != null
        || confirmedAt != null;
  }

  private int report(
      WireJson json,
      PrintWriter out,
      PrintWriter err,
      Path requestFile,
      List<Violation> violations,
      List<String> skipped)
      throws IOException {
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
    if (!skipped.isEmpty()) {
      // a create has no order yet: only the service's configuration is unknown
      String unknown = request == Request.CREATE ? "" : " (the order is unknown)";
      err.println("not checked" + unknown + ": " + String.join("; ", skipped));
    }
    return violations.isEmpty() ? VALID : INVALID;
  }

  /** A file that is not UTF-8 (WeChat's bodies are, §1): one violation, with the byte offset. */
  private static Optional<Violation> notUtf8(Path file) throws UnreadableInput {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return Optional.empty(); // the JSON reader reports it
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CoderResult result = decoder.decode(in, CharBuffer.allocate(bytes.length + 1), true);
    if (!result.isError()) {
      return Optional.empty();
    }
    return Optional.of(
        new Violation(
            file.toString(),
            Rule.TEXT_MALFORMED,
            null,
            "is not UTF-8 (byte " + in.position() + "): WeChat's bodies are UTF-8 JSON"));
  }

  /** The order as far as flags describe it; null when no flag does. */
  private @Nullable CompletionTarget targetFromFlags(CompleteOrder request) throws UnreadableInput {
    if (state == null
        && riskFund == null
        && startTime == null
        && endTime == null
        && confirmedAt == null) {
      return null;
    }
    try {
      return new CompletionTarget(
          AppId.of(request.appid()),
          ServiceId.of(request.serviceId()),
          state == null ? LifecycleState.DOING_USER_CONFIRM : state(state),
          riskFund == null ? null : riskFund(riskFund),
          startTime == null && endTime == null ? null : TimeRange.between(startTime, endTime),
          confirmedAt);
    } catch (IllegalArgumentException e) {
      throw new UnreadableInput("the order's flags: " + e.getMessage());
    }
  }

  private static LifecycleState state(String text) {
    for (LifecycleState candidate : LifecycleState.values()) {
      if (candidate.toString().equalsIgnoreCase(text.strip())) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("--state " + text + " is not a Pay Score state");
  }

  private static RiskFund riskFund(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("--risk-fund " + text + " is not NAME:FEN");
    }
    try {
      return RiskFund.of(
          RiskFundName.valueOf(text.substring(0, colon).strip()),
          Long.parseLong(text.substring(colon + 1).strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--risk-fund " + text + " is not NAME:FEN");
    }
  }

  /** The rules that need what is unknown of the order, with the flag that would supply it. */
  private List<String> skipped(@Nullable CompletionTarget target) {
    List<String> skipped = new ArrayList<>();
    if (order != null) {
      if (riskCap == null) {
        skipped.add(Rule.TOTAL_OVER_SERVICE_RISK_CAP + " (--risk-cap)");
      }
      return skipped;
    }
    skipped.add(Rule.APPID_MISMATCH + ", " + Rule.SERVICE_ID_MISMATCH + " (--order)");
    if (target == null || state == null) {
      skipped.add(Rule.ORDER_STATE + " (--state or --order)");
    }
    if (target == null || riskFund == null) {
      skipped.add(
          Rule.TOTAL_OVER_RISK_FUND
              + ", "
              + Rule.TOTAL_OVER_SERVICE_RISK_CAP
              + " (--risk-fund and --risk-cap, or --order)");
    } else if (riskCap == null) {
      skipped.add(Rule.TOTAL_OVER_SERVICE_RISK_CAP + " (--risk-cap)");
    }
    if (target == null || target.createTimeRange() == null) {
      skipped.add(
          Rule.END_TIME_REQUIRED
              + ", "
              + Rule.PRECISION_MISMATCH
              + " against the order's"
              + " precision (--start-time, --end-time or --order)");
    }
    if (confirmedAt == null) {
      skipped.add(Rule.END_TIME_BEFORE_CONFIRMATION + " (--confirmed-at)");
    }
    return skipped;
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

  /** complete, create, modify or cancel, in any case. */
  static final class RequestKind implements CommandLine.ITypeConverter<Request> {
    @Override
    public Request convert(String value) {
      for (Request candidate : Request.values()) {
        if (candidate.name().equalsIgnoreCase(value.strip())) {
          return candidate;
        }
      }
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not complete, create, modify or cancel");
    }
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
