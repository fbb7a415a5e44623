package dev.payscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Wrong flags of the operator and demo commands: one line on stderr, exit code 2, nothing run. */
final class OperatorFlagsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "history --mchid 1900000001 --order o-1 | Missing required option: '--jdbc-url=URL'",
        "intents --jdbc-url jdbc:postgresql://h/d | Missing required option: '--mchid=M'",
        "intents --jdbc-url jdbc:postgresql://h/d --mchid 1 --status DONE | Invalid value for option '--status'",
        "retry --jdbc-url jdbc:postgresql://h/d --mchid 1 --order o-1 | Missing required option: '--actor=NAME'",
        "history --jdbc-url jdbc:postgresql://h/d --mchid 1 --from yesterday --to now | Invalid value for option '--from'",
        "migrate | Missing required option: '--jdbc-url=URL'",
        "demo --orders many | Invalid value for option '--orders'",
        "demo --orders 0 --fault-rate 2 | --orders must be 1..100000: 0; --fault-rate must be 0..0.9: 2.0",
        "demo --jdbc-url mysql://h/d | --jdbc-url must start with jdbc:postgresql:"
      })
  void aWrongFlagIsOneLineAndExitCodeTwo(String args, String message) {
    CommandRun run = CommandRun.of(args.strip().split(" "));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip().lines()).singleElement().asString().contains(message);
    assertThat(run.out()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"history", "intents", "retry", "migrate", "demo"})
  void helpNamesTheExitCodes(String command) {
    CommandRun run = CommandRun.of(command, "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Exit codes: 0");
  }
}
