package dev.payscore.spring.boot.internal;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link HealthCheck} as Boot 4's health indicator (moved to {@code
 * org.springframework.boot.health.contributor}, module spring-boot-health).
 */
public final class Boot4HealthIndicator implements HealthIndicator {
  private final HealthCheck check;

  public Boot4HealthIndicator(HealthCheck check) {
    this.check = check;
  }

  @Override
  public Health health() {
    HealthCheck.Result result = check.check();
    return (result.problems().isEmpty() ? Health.up() : Health.down())
        .withDetails(result.details())
        .build();
  }
}
