package dev.payscore.cli;

import dev.payscore.MerchantId;
import dev.payscore.PayScore;
import dev.payscore.console.Console;
import dev.payscore.console.ConsoleServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code payscore console}: the operator console on a database, served until Ctrl-C. Loopback by
 * default; bound elsewhere, every request needs a token (generated and printed, or {@code
 * --token-file}).
 */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the operator console (needs attention, intents, order timelines, overview; retry with"
          + " your name and a reason) on the database, until Ctrl-C.",
      "On 127.0.0.1 (the default) no token is needed unless --token-file gives one; bound to any"
          + " other address every request needs the token: open the printed URL once, or send"
          + " Authorization: Bearer <token>.",
      "Exit codes: 0 stopped, 1 wrong input or failed (every problem on one line), 2 wrong flags."
    })
public final class ConsoleCommand implements Callable<Integer> {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Spec @Nullable CommandSpec spec;

  @Mixin OperatorDatabase database = new OperatorDatabase();

  @Option(
      names = "--port",
      paramLabel = "P",
      description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port = 8765;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}); not loopback: a token is required.")
  String bind = "127.0.0.1";

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "Require the token in this file (first line, at least 16 printable characters) on every"
              + " request, also on loopback. Not given and not loopback: a token is generated and printed.")
  @Nullable Path tokenFile;

  @Option(
      names = "--mchid",
      paramLabel = "M",
      split = ",",
      description = "Only these merchants (repeat or comma-separate); default: every merchant.")
  List<String> mchids = new ArrayList<>();

  @Option(
      names = "--show-personal-data",
      description = "Show the users' openid (hidden by default).")
  boolean showPersonalData;

  /** Counted down to stop serving (tests); Ctrl-C ends the process instead. */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() {
    CommandSpec command = Objects.requireNonNull(spec, "spec == null");
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    try {
      return serve(out);
    } catch (CliInput.Failure e) {
      err.println("payscore console: " + e.getMessage());
      return OperatorCommand.FAILED;
    } catch (RuntimeException e) {
      err.println("payscore console: " + OperatorCommand.oneLine(e));
      if (database.verbose) {
        e.printStackTrace(err);
      }
      return OperatorCommand.FAILED;
    } finally {
      err.flush();
    }
  }

  private int serve(PrintWriter out) throws CliInput.Failure {
    List<String> problems = new ArrayList<>();
    List<MerchantId> merchants = new ArrayList<>();
    for (String m : mchids) {
      try {
        merchants.add(Ids.merchant(m));
      } catch (CliInput.Failure e) {
        problems.add(e.getMessage());
      }
    }
    if (port < 0 || port > 65_535) {
      problems.add("--port must be 0..65535: " + port);
    }
    InetAddress address = null;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      problems.add("--bind: unknown address " + bind);
    }
    String token = null;
    if (tokenFile != null) {
      try {
        token = CliInput.readText(tokenFile, "--token-file").lines().findFirst().orElse("").strip();
        if (token.length() < ConsoleServer.MIN_TOKEN_LENGTH || !token.chars().allMatch(c -> c > 32 && c < 127)) {
          problems.add(
              "--token-file: the first line must be at least " + ConsoleServer.MIN_TOKEN_LENGTH
                  + " printable ASCII characters without spaces");
        }
      } catch (CliInput.Failure e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new CliInput.Failure(String.join("; ", problems));
    }
    boolean generated = false;
    if (token == null && !Objects.requireNonNull(address).isLoopbackAddress()) {
      byte[] bytes = new byte[24];
      RANDOM.nextBytes(bytes);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      generated = true;
    }
    DataSource dataSource = database.open();
    try (PayScore payScore = OperatorDatabase.operatorFacade(dataSource)) {
      Console console =
          Console.builder()
              .dataSource(dataSource)
              .payScore(payScore)
              .merchants(merchants)
              .showPersonalData(showPersonalData)
              .build();
      ConsoleServer server;
      try {
        server = ConsoleServer.start(console, new InetSocketAddress(address, port), token);
      } catch (IOException e) {
        throw new CliInput.Failure("cannot listen on " + bind + ":" + port + ": " + e.getMessage());
      }
      try (server) {
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "payscore-console-stop"));
        String url = server.url();
        if (token != null && !generated) {
          url = url.replace(token, "<token in " + tokenFile + ">");
        }
        out.println("payscore console on " + OperatorDatabase.redacted(String.valueOf(database.jdbcUrl)));
        out.println("  open " + url);
        out.println(
            "  merchants: "
                + (merchants.isEmpty() ? "all" : String.join(", ", merchants.stream().map(MerchantId::value).toList()))
                + (showPersonalData ? "; openid shown" : "; openid hidden"));
        if (token != null) {
          out.println(
              "  every request needs the token: open the URL above once, or send Authorization: Bearer <token>");
        }
        out.println("  Ctrl-C stops it");
        out.flush();
        stop.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return OperatorCommand.OK;
  }
}
