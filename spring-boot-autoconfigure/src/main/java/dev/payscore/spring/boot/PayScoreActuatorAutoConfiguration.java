package dev.payscore.spring.boot;

import dev.payscore.MerchantId;
import dev.payscore.PayScore;
import dev.payscore.spring.boot.internal.Boot3HealthIndicator;
import dev.payscore.spring.boot.internal.Boot4HealthIndicator;
import dev.payscore.spring.boot.internal.HealthCheck;
import dev.payscore.spring.boot.internal.PayScoreEndpoint;
import java.util.Objects;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * payscore in Spring Boot Actuator: the health indicator {@code payScore} and the endpoint {@code
 * payscore}. Boot 4 moved the health API to {@code org.springframework.boot.health.contributor}:
 * one small indicator class for each Boot, each configured only where its package is present.
 */
@AutoConfiguration(after = PayScoreAutoConfiguration.class)
@ConditionalOnBean(PayScore.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
public class PayScoreActuatorAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  public PayScoreEndpoint payScoreEndpoint(PayScore payScore, PayScoreProperties properties) {
    return new PayScoreEndpoint(
        payScore,
        properties.getMerchants().stream()
            .map(m -> MerchantId.of(Objects.requireNonNull(m.getMchid())))
            .toList());
  }

  /** Boot 3.x. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  @ConditionalOnMissingClass("org.springframework.boot.health.contributor.HealthIndicator")
  static class Boot3Health {
    @Bean
    @ConditionalOnMissingBean(name = "payScoreHealthIndicator")
    Boot3HealthIndicator payScoreHealthIndicator(PayScore payScore, PayScoreProperties properties) {
      return new Boot3HealthIndicator(new HealthCheck(payScore, properties.getHealth()));
    }
  }

  /** Boot 4.x. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class Boot4Health {
    @Bean
    @ConditionalOnMissingBean(name = "payScoreHealthIndicator")
    Boot4HealthIndicator payScoreHealthIndicator(PayScore payScore, PayScoreProperties properties) {
      return new Boot4HealthIndicator(new HealthCheck(payScore, properties.getHealth()));
    }
  }
}
