package dev.payscore.spring.boot.internal;

import dev.payscore.PayScore;
import org.springframework.context.SmartLifecycle;

/**
 * Starts payscore's dispatcher, LISTEN connection and sweeps once the context is refreshed, and
 * stops them on shutdown after the web server has drained its requests (the graceful shutdown
 * phase, {@code SmartLifecycle.DEFAULT_PHASE - 1024}, and the server's stop, {@code - 2048}, come
 * first) and before the connection pool closes (with the beans, after every phase). Stopping takes
 * at most {@code payscore.shutdown-timeout}; {@link #start()} after {@link #stop()} resumes (Spring
 * pauses and restarts cached test contexts).
 */
public final class PayScoreLifecycle implements SmartLifecycle {
  /** After the web server's phases on shutdown, so callbacks in flight are answered first. */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final PayScore payScore;

  public PayScoreLifecycle(PayScore payScore) {
    this.payScore = payScore;
  }

  @Override
  public void start() {
    payScore.start();
  }

  @Override
  public void stop() {
    payScore.stop();
  }

  @Override
  public boolean isRunning() {
    return payScore.isRunning();
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
