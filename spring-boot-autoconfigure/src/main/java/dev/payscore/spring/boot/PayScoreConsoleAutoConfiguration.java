package dev.payscore.spring.boot;

import dev.payscore.MerchantId;
import dev.payscore.PayScore;
import dev.payscore.console.Console;
import dev.payscore.console.ConsoleServlet;
import dev.payscore.spring.boot.internal.InvalidPayScorePropertiesException;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The operator console ({@code payscore-console}) as a servlet under {@code payscore.console.path},
 * when {@code payscore.console.enabled=true} in a servlet application. It sits behind the
 * application's security: secure the path in the filter chain (the README shows one); the
 * authenticated user is the operator of a retry, and Spring Security's CSRF token rides in every
 * form next to the console's own.
 */
@AutoConfiguration(after = PayScoreAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(
    name = {
      "dev.payscore.console.Console",
      "org.springframework.boot.web.servlet.ServletRegistrationBean"
    })
@ConditionalOnProperty(prefix = "payscore.console", name = "enabled", havingValue = "true")
@ConditionalOnBean(PayScore.class)
@EnableConfigurationProperties(PayScoreConsoleProperties.class)
public class PayScoreConsoleAutoConfiguration {
  /** Where Spring Security leaves the request's CSRF token (its class name, as an attribute). */
  private static final String CSRF_ATTRIBUTE = "org.springframework.security.web.csrf.CsrfToken";

  /**
   * @throws InvalidPayScorePropertiesException naming every wrong {@code payscore.console.*}
   */
  @Bean
  public ServletRegistrationBean<ConsoleServlet> payScoreConsole(
      PayScoreConsoleProperties properties, DataSource dataSource, PayScore payScore) {
    List<String> problems = new ArrayList<>();
    String path = properties.getPath() == null ? "" : properties.getPath().strip();
    if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/") || path.contains("*")) {
      problems.add("payscore.console.path must start with / and name a path, without * or a trailing /: \"" + path + "\"");
    }
    List<MerchantId> merchants = new ArrayList<>();
    for (String m : properties.getMerchants()) {
      try {
        merchants.add(MerchantId.of(m));
      } catch (IllegalArgumentException e) {
        problems.add("payscore.console.merchants: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidPayScorePropertiesException(problems);
    }
    Console console =
        Console.builder()
            .dataSource(SpringTransactions.unwrap(dataSource))
            .payScore(payScore)
            .merchants(merchants)
            .showPersonalData(properties.isShowPersonalData())
            .build();
    ServletRegistrationBean<ConsoleServlet> registration =
        new ServletRegistrationBean<>(
            new ConsoleServlet(console, PayScoreConsoleAutoConfiguration::springCsrfField), path + "/*");
    registration.setName("payScoreConsole");
    return registration;
  }

  /**
   * Spring Security's CSRF token as a hidden field, when it guards the request. Read by name, so that
   * the console does not need Spring Security on the class path when the application has none.
   */
  static Map<String, String> springCsrfField(HttpServletRequest request) {
    Object token = request.getAttribute(CSRF_ATTRIBUTE);
    if (token == null) {
      return Map.of();
    }
    try {
      Method name = token.getClass().getMethod("getParameterName");
      Method value = token.getClass().getMethod("getToken");
      name.setAccessible(true);
      value.setAccessible(true);
      return Map.of((String) name.invoke(token), (String) value.invoke(token));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Map.of();
    }
  }
}
