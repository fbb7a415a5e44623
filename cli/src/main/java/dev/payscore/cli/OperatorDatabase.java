package dev.payscore.cli;

import dev.payscore.PayScore;
import dev.payscore.cli.internal.OfflineGateway;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Option;

/**
 * The options every operator command shares ({@code --jdbc-url}, {@code --verbose}) and the
 * database they open: checked reachable first, so that a wrong URL is one clear line.
 */
final class OperatorDatabase {

  @Option(
      names = "--jdbc-url",
      required = true,
      paramLabel = "URL",
      description =
          "The PostgreSQL database, e.g. jdbc:postgresql://127.0.0.1:5432/shop?user=payscore.")
  @Nullable String jdbcUrl;

  @Option(names = "--verbose", description = "Print the stack trace of a failure.")
  boolean verbose;

  /** A data source on {@code --jdbc-url} whose database answered one connection. */
  DataSource open() throws CliInput.Failure {
    String url = Objects.requireNonNull(jdbcUrl, "jdbcUrl == null");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new CliInput.Failure("--jdbc-url must start with jdbc:postgresql:, not " + redacted(url));
    }
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    try {
      dataSource.setURL(url);
    } catch (IllegalArgumentException e) {
      throw new CliInput.Failure("--jdbc-url " + redacted(url) + ": " + e.getMessage());
    }
    dataSource.setConnectTimeout(5);
    dataSource.setApplicationName("payscore-cli");
    try (Connection probe = dataSource.getConnection()) {
      probe.isValid(5);
    } catch (SQLException e) {
      throw new CliInput.Failure("cannot connect to " + redacted(url) + ": " + firstLine(e));
    }
    return dataSource;
  }

  /**
   * The facade on the database, for reading and requeueing only: it never starts a dispatcher nor
   * calls WeChat (the application's dispatchers send what an operator requeued).
   */
  static PayScore operatorFacade(DataSource dataSource) {
    return PayScore.builder()
        .dataSource(dataSource)
        .gateway(OfflineGateway.create())
        .listen(false)
        .instanceName("payscore-cli-" + ProcessHandle.current().pid())
        .build();
  }

  /** The URL without a password parameter: it goes into error messages. */
  static String redacted(String url) {
    return url.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
