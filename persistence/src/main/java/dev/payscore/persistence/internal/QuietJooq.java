package dev.payscore.persistence.internal;

/**
 * Turns off jOOQ's start-up banner, "tip of the day" and "Database version is supported by dialect"
 * before jOOQ renders or runs its first statement: each is logged at INFO, once per JVM, into the
 * merchant's log, and nobody acts on them. jOOQ reads the system properties {@value #NO_LOGO} and
 * {@value #NO_TIPS} when its render context class initialises, and the threshold {@value
 * #VERSION_SUPPORT} whenever that logger logs, so they are set here, from the static initialisers
 * of the persistence entry points. The version logger keeps WARN: "Version mismatch" (a database
 * older than the dialect supports) is worth acting on. A value the application set itself (e.g.
 * {@code -Dorg.jooq.no-logo=false}) is left alone.
 */
public final class QuietJooq {
  /** jOOQ's switch for the banner. */
  public static final String NO_LOGO = "org.jooq.no-logo";

  /** jOOQ's switch for the tip of the day. */
  public static final String NO_TIPS = "org.jooq.no-tips";

  /**
   * The threshold of the logger that reports, once, whether the dialect supports the database's
   * version (jOOQ 3.19's {@code org.jooq.log.<logger>} switches).
   */
  public static final String VERSION_SUPPORT =
      "org.jooq.log.org.jooq.impl.DefaultExecuteContext.logVersionSupport";

  private QuietJooq() {}

  /** Sets the switches unless already set; idempotent and thread-safe. */
  public static void apply() {
    setIfAbsent(NO_LOGO, "true");
    setIfAbsent(NO_TIPS, "true");
    setIfAbsent(VERSION_SUPPORT, "WARN");
  }

  private static void setIfAbsent(String property, String value) {
    try {
      System.getProperties().putIfAbsent(property, value);
    } catch (SecurityException e) {
      // A security manager that forbids it: the banner is noise, not a failure.
    }
  }
}
