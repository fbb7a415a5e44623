package dev.payscore.persistence.internal;

/**
 * Turns off jOOQ's start-up banner and "tip of the day" before jOOQ renders its first statement:
 * both are logged at INFO, once per JVM, into the merchant's log, and nobody acts on them. jOOQ reads
 * the system properties {@value #NO_LOGO} and {@value #NO_TIPS} when its render context class
 * initialises, so they are set here, from the static initialisers of the persistence entry points.
 * A value the application set itself (e.g. {@code -Dorg.jooq.no-logo=false}) is left alone.
 */
public final class QuietJooq {
  /** jOOQ's switch for the banner. */
  public static final String NO_LOGO = "org.jooq.no-logo";

  /** jOOQ's switch for the tip of the day. */
  public static final String NO_TIPS = "org.jooq.no-tips";

  private QuietJooq() {}

  /** Sets both switches to {@code true} unless already set; idempotent and thread-safe. */
  public static void apply() {
    setIfAbsent(NO_LOGO);
    setIfAbsent(NO_TIPS);
  }

  private static void setIfAbsent(String property) {
    try {
      System.getProperties().putIfAbsent(property, "true");
    } catch (SecurityException e) {
      // A security manager that forbids it: the banner is noise, not a failure.
    }
  }
}
