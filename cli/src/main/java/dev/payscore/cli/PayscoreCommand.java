package dev.payscore.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the {@code payscore} command; each subcommand is a class of this package. */
@Command(
    name = "payscore",
    mixinStandardHelpOptions = true,
    versionProvider = PayscoreCommand.Version.class,
    description = "Run WeChat Pay Score service orders: demo, operate, validate, sign, verify, simulate.",
    subcommands = {
      CommandLine.HelpCommand.class,
      ValidateCommand.class,
      SignCommand.class,
      NotificationCommand.class,
      SandboxCommand.class,
      DemoCommand.class,
      HistoryCommand.class,
      IntentsCommand.class,
      RetryCommand.class,
      ConsoleCommand.class,
      MigrateCommand.class,
      BenchCommand.class
    })
public final class PayscoreCommand {

  public static void main(String[] args) {
    // UTF-8 whatever the locale: violations quote Chinese item names
    System.exit(
        newCommandLine()
            .setOut(
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true))
            .setErr(
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true))
            .execute(args));
  }

  /** The configured command line; tests execute it in-process. */
  public static CommandLine newCommandLine() {
    return new CommandLine(new PayscoreCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(PayscoreCommand::oneLineError);
  }

  /** A wrong flag: one clear line on stderr and exit code 2, not the whole usage text. */
  private static int oneLineError(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    command
        .getErr()
        .println(
            command.getCommandSpec().qualifiedName()
                + ": "
                + e.getMessage()
                + " (see '"
                + command.getCommandSpec().qualifiedName()
                + " --help')");
    return 2;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = PayscoreCommand.class.getPackage().getImplementationVersion();
      return new String[] {"payscore " + (version == null ? "dev" : version)};
    }
  }
}
