package dev.payscore.spring.boot.internal;

/** Auto-configurations payscore's come after, under their Boot 3 and Boot 4 names. */
public final class BootClasses {
  public static final String DATA_SOURCE_3 =
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration";
  public static final String DATA_SOURCE_4 =
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";
  public static final String FLYWAY_3 =
      "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration";
  public static final String FLYWAY_4 =
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";

  private BootClasses() {}
}
