package dev.payscore.spring.boot.internal;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** {@link HealthCheck} as Boot 3's health indicator ({@code org.springframework.boot.actuate.health}). */
public final class Boot3HealthIndicator implements HealthIndicator {
  private final HealthCheck check;

  public Boot3HealthIndicator(HealthCheck check) {
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
