package dev.payscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code payscore validate} run in-process, on the repository's examples and on broken input. */
final class ValidateCommandTest {
  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final String VALID = EXAMPLES.resolve("complete-valid.json").toString();
  private static final String INVALID = EXAMPLES.resolve("complete-invalid.json").toString();
  private static final String ORDER = EXAMPLES.resolve("order-doing.json").toString();
  private static final String CREATE = EXAMPLES.resolve("create-valid.json").toString();
  private static final String MODIFY = EXAMPLES.resolve("modify-valid.json").toString();
  private static final String CANCEL = EXAMPLES.resolve("cancel-valid.json").toString();
  private static final String NOW = "20261126160000";

  @TempDir Path dir;

  /** Runs {@code payscore validate args} in-process (see {@link CommandRun}). */
  private static CommandRun run(String... args) {
    List<String> all = new ArrayList<>(List.of("validate"));
    all.addAll(List.of(args));
    return CommandRun.of(all.toArray(String[]::new));
  }

  private static List<String> lines(CommandRun run) {
    return run.out().isEmpty() ? List.of() : List.of(run.out().split("\n"));
  }

  @Test
  void aValidRequestExitsZeroAndPrintsNoViolation() {
    CommandRun run = run("--file", VALID, "--now", NOW);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith(VALID + ": valid\nnot checked (the order is unknown): ");
  }

  @Test
  void theSeedExampleExitsOneWithTheTotalViolationAsAJsonLine() {
    CommandRun run = run("--file", INVALID, "--now", NOW);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(lines(run))
        .containsExactly(
            "{\"path\":\"total_amount\",\"rule\":\"TOTAL_FORMULA\",\"value\":\"50000\",\"message\":\"must"
                + " equal Σ post_payments.amount − Σ post_discounts.amount = 39900\"}");
    assertThat(run.err()).startsWith(INVALID + ": 1 violation\nnot checked");
  }

  @Test
  void theOrderAddsItsStateRiskFundAndTimeRangeChecks() throws IOException {
    assertThat(run("--file", VALID, "--order", ORDER, "--now", NOW).exitCode()).isZero();

    CommandRun run = run("--file", INVALID, "--order", ORDER, "--now", NOW);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(rules(run)).containsExactly("TOTAL_FORMULA", "TOTAL_OVER_RISK_FUND");

    Path completed =
        write(
            "completed.json",
            Files.readString(Path.of(ORDER)).replace("\"USER_CONFIRM\"", "\"MCH_COMPLETE\""));
    assertThat(rules(run("--file", VALID, "--order", completed.toString(), "--now", NOW)))
        .containsExactly("ORDER_STATE");
  }

  @Test
  void everyLineIsAJsonObjectWithPathRuleValueAndMessage() throws IOException {
    Path broken =
        write(
            "broken.json",
            "{\"appid\":\"wxd678efh567hg6787\",\"post_payments\":[{\"name\":\"收费标准\"}],"
                + "\"time_range\":{\"end_time\":\"20261127\"}}");
    CommandRun run = run("--file", broken.toString(), "--now", NOW);
    assertThat(run.exitCode()).isEqualTo(1);
    ObjectMapper json = new ObjectMapper();
    for (String line : lines(run)) {
      JsonNode node = json.readTree(line);
      assertThat(node.fieldNames())
          .toIterable()
          .containsExactly("path", "rule", "value", "message");
    }
    assertThat(rules(run))
        .containsExactly("REQUIRED", "REQUIRED", "ITEM_EMPTY", "END_TIME_IN_FUTURE");
  }

  @Test
  void aConventionChecksTheItemNames() {
    CommandRun run = run("--file", VALID, "--convention", "POWER_BANK", "--now", NOW);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(rules(run))
        .containsExactly(
            "CONVENTION_ITEM_MISSING", "CONVENTION_ITEM_MISSING", "CONVENTION_ITEM_NOT_ALLOWED");
  }

  @Test
  void nowDecidesWhetherTheEndIsInTheFuture() {
    CommandRun run = run("--file", VALID, "--now", "20091225121009");
    assertThat(rules(run)).containsExactly("END_TIME_IN_FUTURE");
  }

  @Test
  void malformedJsonExitsTwoNamingTheFileAndPosition() throws IOException {
    Path bad = write("bad.json", "{\n  \"appid\": \"wx\",\n  \"total_amount\": 5,,\n}");
    CommandRun run = run("--file", bad.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("payscore validate: cannot read " + bad + ": line 3, column ")
        .endsWith("\n")
        .hasLineCount(1);
  }

  @Test
  void aWrongTypeNamesTheField() throws IOException {
    Path bad = write("bad.json", "{\"total_amount\": \"5\"}");
    CommandRun run = run("--file", bad.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "payscore validate: cannot read "
                + bad
                + ": line 1, column 18 at total_amount: Cannot coerce String value (\"5\") to an"
                + " integer\n");
  }

  @Test
  void anUnreadableOrderExitsTwo() throws IOException {
    Path order = write("order.json", "{\"appid\":\"wx1\",\"service_id\":\"1\"}");
    CommandRun run = run("--file", VALID, "--order", order.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "payscore validate: cannot read "
                + order
                + ": line 1, column 32 at state: Missing required field 'state'\n");
  }

  @Test
  void aMissingFileExitsTwo() {
    CommandRun run = run("--file", dir.resolve("nope.json").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "payscore validate: cannot read " + dir.resolve("nope.json") + ": no such file\n");
  }

  @Test
  void wrongFlagsAreAUsageErrorWithExitTwo() {
    for (String[] args :
        List.of(
            new String[] {},
            new String[] {"--fil", VALID},
            new String[] {"--file", VALID, "--now", "2026-11-26"},
            new String[] {"--file", VALID, "--convention", "BAKERY"})) {
      CommandRun run = run(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err())
          .startsWith("payscore validate: ")
          .contains("(see 'payscore validate --help')")
          .doesNotContain("Exception");
    }
  }

  // ---- issue 14: what is skipped without the order, the order as flags, malformed text

  @Test
  void withoutTheOrderItSaysWhichRulesItSkippedAndTheFlagsThatSupplyThem() {
    CommandRun run = run("--file", VALID, "--now", NOW);

    assertThat(run.err().lines().toList())
        .containsExactly(
            VALID + ": valid",
            "not checked (the order is unknown): APPID_MISMATCH, SERVICE_ID_MISMATCH (--order);"
                + " ORDER_STATE (--state or --order); TOTAL_OVER_RISK_FUND,"
                + " TOTAL_OVER_SERVICE_RISK_CAP (--risk-fund and --risk-cap, or --order);"
                + " END_TIME_REQUIRED, PRECISION_MISMATCH against the order's precision"
                + " (--start-time, --end-time or --order); END_TIME_BEFORE_CONFIRMATION"
                + " (--confirmed-at)");
  }

  @Test
  void theOrdersFieldsAsFlagsRunTheRulesThatNeedThem() {
    CommandRun run =
        run(
            "--file",
            VALID,
            "--now",
            NOW,
            "--state",
            "DOING/MCH_COMPLETE",
            "--risk-fund",
            "ESTIMATE_ORDER_COST:100",
            "--risk-cap",
            "100",
            "--start-time",
            "20261126",
            "--confirmed-at",
            "20261126150000");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(rules(run))
        .contains("ORDER_STATE", "TOTAL_OVER_SERVICE_RISK_CAP", "PRECISION_MISMATCH");
    assertThat(run.err()).contains("APPID_MISMATCH, SERVICE_ID_MISMATCH (--order)");
    assertThat(run.err()).doesNotContain("ORDER_STATE (", "(--confirmed-at)", "(--risk-cap)");
  }

  @Test
  void aWrongOrderFlagIsUnreadableInput() {
    CommandRun run = run("--file", VALID, "--state", "PAID", "--now", NOW);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "payscore validate: cannot read the order's flags: --state PAID is not a Pay Score"
                + " state\n");
  }

  @Test
  void aFileThatIsNotUtf8IsRefusedWithARuleCode() throws IOException {
    Path latin1 = dir.resolve("latin1.json");
    Files.write(
        latin1,
        Files.readString(Path.of(VALID), StandardCharsets.UTF_8)
            .replace("就餐人均100元", "caf\u00e9")
            .getBytes(StandardCharsets.ISO_8859_1));

    CommandRun run = run("--file", latin1.toString(), "--now", NOW);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(rules(run)).containsExactly("TEXT_MALFORMED");
    assertThat(run.out()).contains("is not UTF-8 (byte ");
  }

  @Test
  void aLoneSurrogateEscapedInTheJsonIsRefusedWithARuleCode() throws IOException {
    Path lone =
        write(
            "lone.json",
            Files.readString(Path.of(VALID), StandardCharsets.UTF_8)
                .replace("就餐人均100元", "\\ud83d人均"));

    CommandRun run = run("--file", lone.toString(), "--now", NOW);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(rules(run)).containsExactly("TEXT_MALFORMED");
  }

  @Test
  void theLocationLimitIsAFlagDefaultingToTwenty() throws IOException {
    String valid = Files.readString(Path.of(VALID), StandardCharsets.UTF_8);
    String withLocation = valid.replace("嗨客时尚主题展餐厅", "终".repeat(21));
    Path file = write("location.json", withLocation);

    assertThat(rules(run("--file", file.toString(), "--now", NOW)))
        .containsExactly("LOCATION_LENGTH");
    assertThat(
            run("--file", file.toString(), "--now", NOW, "--location-max-length", "50").exitCode())
        .isZero();
  }

  // ---- issue 14 item 15: create, modify and cancel bodies by the same rules of each field

  @Test
  void validCreateModifyAndCancelBodiesExitZero() {
    for (String[] kindAndFile :
        new String[][] {{"create", CREATE}, {"MODIFY", MODIFY}, {"cancel", CANCEL}}) {
      CommandRun run = run("--request", kindAndFile[0], "--file", kindAndFile[1], "--now", NOW);

      assertThat(run.exitCode()).as(kindAndFile[0] + ": " + run.err()).isZero();
      assertThat(run.out()).isEmpty();
    }
  }

  @Test
  void aCreateIsJudgedByTheCreateRulesWithTheirCodes() throws IOException {
    String valid = Files.readString(Path.of(CREATE), StandardCharsets.UTF_8);
    Path file =
        write(
            "create.json",
            valid
                .replace("充电宝租借", "充".repeat(21))
                .replace("\"OnAccept\"", "\"20261126155959\"")
                .replace("https://shop.example.com", "http://shop.example.com")
                .replace("\"amount\": 9900", "\"amount\": 0")
                .replace("嗨客时尚主题展餐厅", "起".repeat(21)));

    CommandRun run = run("--request", "create", "--file", file.toString(), "--now", NOW);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(rules(run))
        .containsExactly(
            "RISK_FUND_AMOUNT",
            "SERVICE_INTRODUCTION_LENGTH",
            "START_TIME_PASSED",
            "LOCATION_LENGTH",
            "NOTIFY_URL_FORMAT");
    assertThat(run.err()).endsWith("not checked: RISK_FUND_OVER_SERVICE_RISK_CAP (--risk-cap)\n");
    assertThat(
            rules(run("--request", "create", "--file", CREATE, "--now", NOW, "--risk-cap", "9000")))
        .containsExactly("RISK_FUND_OVER_SERVICE_RISK_CAP");
  }

  @Test
  void aModifyAndACancelAreJudgedByTheRulesTheyShareWithComplete() throws IOException {
    String modify = Files.readString(Path.of(MODIFY), StandardCharsets.UTF_8);
    Path longReason =
        write(
            "modify.json", modify.replace("用户投诉，减免部分费用", "因".repeat(51)).replace("29900", "29800"));
    Path blankReason = write("cancel.json", "{\"appid\": \"wx1\", \"reason\": \" \"}");

    CommandRun modified = run("--request", "modify", "--file", longReason.toString());
    CommandRun cancelled = run("--request", "cancel", "--file", blankReason.toString());

    assertThat(rules(modified)).containsExactly("TOTAL_FORMULA", "REASON_LENGTH");
    assertThat(modified.err()).contains("not checked", "TOTAL_ABOVE_CURRENT");
    assertThat(rules(cancelled)).containsExactly("REQUIRED", "REQUIRED");
    assertThat(lines(cancelled)).anyMatch(line -> line.contains("\"path\":\"reason\""));
  }

  @Test
  void theOrdersFlagsAreForACompleteOnly() {
    CommandRun run = run("--request", "cancel", "--file", CANCEL, "--order", ORDER);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("for --request complete only");
    assertThat(run("--request", "refund", "--file", CANCEL).exitCode()).isEqualTo(2);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static List<String> rules(CommandRun run) {
    ObjectMapper json = new ObjectMapper();
    return lines(run).stream()
        .map(
            line -> {
              try {
                return json.readTree(line).get("rule").asText();
              } catch (IOException e) {
                throw new AssertionError("not JSON: " + line, e);
              }
            })
        .toList();
  }
}
