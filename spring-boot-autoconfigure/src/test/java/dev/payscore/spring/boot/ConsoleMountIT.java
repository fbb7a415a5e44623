package dev.payscore.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.IntentStatus;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScore;
import dev.payscore.RequestCompletionCommand;
import dev.payscore.RequestCompletionResult;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.persistence.JooqTransactions;
import dev.payscore.testing.IntentFixtures;
import dev.payscore.testing.ServiceOrderFixtures;
import dev.payscore.testing.database.TestDatabase;
import dev.payscore.testing.fakes.ScriptedPayScoreGateway;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code payscore.console.enabled=true} in a real Boot application (Tomcat on a random port) behind
 * Spring Security (HTTP Basic, role OPS, its CSRF protection on): only an operator sees the console,
 * a retry without Spring's CSRF token is refused, and a retry with it is recorded with the
 * authenticated user as the operator.
 */
@Tag("postgres")
@ExtendWith(TestDatabase.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    classes = ConsoleMountIT.App.class,
    properties = {
      "payscore.console.enabled=true", "payscore.console.path=/ops/payscore"
    })
class ConsoleMountIT {
  static final MerchantId MCHID = MerchantId.of(ServiceOrderFixtures.MCHID);
  static final String ORDER = "MOUNT-1";

  @LocalServerPort int port;

  /** Only what the test needs (the Boot 4 health jar the module compiles against stays out). */
  @SpringBootConfiguration
  @ImportAutoConfiguration({
    PropertyPlaceholderAutoConfiguration.class,
    DataSourceAutoConfiguration.class,
    ServletWebServerFactoryAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    SecurityAutoConfiguration.class,
    SecurityFilterAutoConfiguration.class,
    PayScoreConsoleAutoConfiguration.class
  })
  static class App {
    @Bean(destroyMethod = "close")
    PayScore payScore(DataSource dataSource) {
      return PayScore.builder()
          .dataSource(SpringTransactions.unwrap(dataSource))
          .gateway(new ScriptedPayScoreGateway())
          .listen(false)
          .build();
    }

    /** The application's own security: the console's path for operators only. */
    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
      return http.authorizeHttpRequests(
              a -> a.requestMatchers("/ops/payscore/**").hasRole("OPS").anyRequest().permitAll())
          .httpBasic(Customizer.withDefaults())
          .build();
    }

    @Bean
    InMemoryUserDetailsManager users() {
      return new InMemoryUserDetailsManager(
          User.withUsername("alice").password("{noop}pw").roles("OPS").build(),
          User.withUsername("bob").password("{noop}pw").roles("USER").build());
    }
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", TestDatabase::jdbcUrl);
  }

  @BeforeAll
  static void anOrderWhoseCompletionNeedsAttention(DataSource dataSource) {
    TestDatabase.truncateAll();
    new JooqTransactions(dataSource)
        .inTransaction(
            repos ->
                repos.orders().insert(ServiceOrderFixtures.anOrder().outOrderNo(ORDER)
                    .lifecycle(LifecycleState.DOING_USER_CONFIRM).build()));
    try (PayScore payScore =
        PayScore.builder().dataSource(dataSource).gateway(new ScriptedPayScoreGateway()).listen(false).build()) {
      RequestCompletionResult result =
          payScore.completions().request(
              new RequestCompletionCommand(MCHID, OutOrderNo.of(ORDER), ServiceOrderFixtures.aValidCompletion(), "checkout"));
      var intent = ((RequestCompletionResult.Requested) result).intent();
      Instant now = Instant.now();
      new JooqTransactions(dataSource)
          .inTransaction(
              repos -> repos.intents().update(IntentFixtures.inFlight(intent, now)
                  .settledAs(IntentStatus.NEEDS_ATTENTION, 3, now, "REJECTED", "NO_AUTH", now)));
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();

  private HttpResponse<String> get(String path, String user) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (user != null) {
      request.header("Authorization", basic(user));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String user, String form) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", basic(user))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":pw").getBytes(StandardCharsets.UTF_8));
  }

  private static String hidden(String html, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("hidden field " + name).isTrue();
    return m.group(1);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void onlyAnOperatorSeesItAndARetryNeedsSpringsCsrfTokenAndNamesTheUser() throws Exception {
    assertThat(get("/ops/payscore/attention", null).statusCode()).isEqualTo(401);
    assertThat(get("/ops/payscore/attention", "bob").statusCode()).isEqualTo(403);
    HttpResponse<String> attention = get("/ops/payscore/attention", "alice");
    assertThat(attention.statusCode()).isEqualTo(200);
    assertThat(attention.body()).contains(ORDER).contains("href=\"/ops/payscore/order?mchid=");

    String timeline = get("/ops/payscore/order?no=" + ORDER, "alice").body();
    String springCsrf = hidden(timeline, "_csrf");
    String consoleCsrf = hidden(timeline, "csrf");
    assertThat(timeline).contains("<strong>alice</strong>").doesNotContain("id=\"retry-operator\"");
    String form = "mchid=" + MCHID.value() + "&no=" + ORDER + "&reason=" + enc("binding fixed") + "&csrf=" + consoleCsrf;

    HttpResponse<String> withoutSpringsToken = post("/ops/payscore/retry", "alice", form);
    HttpResponse<String> retried = post("/ops/payscore/retry", "alice", form + "&_csrf=" + enc(springCsrf));

    assertThat(withoutSpringsToken.statusCode()).isEqualTo(403);
    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(303);
    String location = retried.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("/ops/payscore/order?").contains("result=requeued", "by=alice");
    assertThat(get(location, "alice").body())
        .contains("Requeued by alice")
        .containsPattern("OPERATOR_RETRY</td><td></td><td class=\"actor\">alice</td>")
        .contains("reason: binding fixed");
  }
}
