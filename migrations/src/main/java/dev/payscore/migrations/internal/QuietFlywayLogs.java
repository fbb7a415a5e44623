package dev.payscore.migrations.internal;

import java.util.function.Supplier;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway's logs through SLF4J, with what Flyway says at INFO while payscore migrates its own schema
 * moved to DEBUG: its banner, the database it found, one line per migration. Nobody acts on them in
 * a merchant's log; {@code PayscoreMigrations} writes one line instead. Warnings and errors stay.
 *
 * <p>Flyway keeps one log configuration per JVM (the last {@code Flyway} built), so payscore's
 * configuration names this class, and every other thread, such as the application's own Flyway
 * running meanwhile, logs at Flyway's levels, as SLF4J would without it. Flyway instantiates it by
 * name: public, with a public no-argument constructor.
 */
public final class QuietFlywayLogs implements LogCreator {
  private static final ThreadLocal<Boolean> MIGRATING = ThreadLocal.withInitial(() -> false);

  public QuietFlywayLogs() {}

  /** Runs {@code migration} with Flyway's INFO lines at DEBUG on this thread. */
  public static <T> T quietly(Supplier<T> migration) {
    boolean outer = MIGRATING.get();
    MIGRATING.set(true);
    try {
      return migration.get();
    } finally {
      MIGRATING.set(outer);
    }
  }

  @Override
  public Log createLogger(Class<?> type) {
    return new Slf4jLog(LoggerFactory.getLogger(type));
  }

  /** One Flyway logger. */
  private static final class Slf4jLog implements Log {
    private final Logger logger;

    Slf4jLog(Logger logger) {
      this.logger = logger;
    }

    @Override
    public boolean isDebugEnabled() {
      return logger.isDebugEnabled();
    }

    @Override
    public void debug(String message) {
      logger.debug(message);
    }

    @Override
    public void info(String message) {
      if (MIGRATING.get()) {
        logger.debug(message);
      } else {
        logger.info(message);
      }
    }

    @Override
    public void warn(String message) {
      logger.warn(message);
    }

    @Override
    public void error(String message) {
      logger.error(message);
    }

    @Override
    public void error(String message, Exception e) {
      logger.error(message, e);
    }

    @Override
    public void notice(String message) {
      info(message);
    }
  }
}
