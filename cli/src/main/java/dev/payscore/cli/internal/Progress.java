package dev.payscore.cli.internal;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The demo's progress on stderr: a bar redrawn in place when stderr is a terminal, otherwise a plain
 * line every few seconds (logs and CI stay readable).
 */
public final class Progress {
  private static final int BAR = 30;
  private static final long LINE_EVERY_NANOS = 2_000_000_000L;

  private final PrintWriter err;
  private final boolean terminal;
  private final int total;
  private final long started = System.nanoTime();
  private long lastLine;
  private long lastSettled = -1;
  private boolean drawn;

  public Progress(PrintWriter err, boolean terminal, int total) {
    this.err = err;
    this.terminal = terminal;
    this.total = total;
  }

  /** A line of its own (a phase starting), never inside the bar. */
  public void say(String line) {
    clearBar();
    err.println("demo: " + line);
    err.flush();
  }

  /** {@code settled} of the total are settled, {@code retries} attempts were repeats. */
  public void update(long settled, long retries) {
    double seconds = (System.nanoTime() - started) / 1e9;
    double rate = seconds > 0 ? settled / seconds : 0;
    String figures =
        String.format(
            Locale.ROOT, "%d/%d settled  %.1f/s  %d retries", settled, total, rate, retries);
    if (terminal) {
      int filled = total == 0 ? BAR : (int) (BAR * Math.min(settled, total) / total);
      err.print("\r[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] " + figures + "   ");
      err.flush();
      drawn = true;
    } else if (System.nanoTime() - lastLine >= LINE_EVERY_NANOS
        || (settled == total && lastSettled != total)) {
      lastLine = System.nanoTime();
      lastSettled = settled;
      err.println("demo: " + figures);
      err.flush();
    }
  }

  /** Ends the bar's line. */
  public void finish() {
    if (drawn) {
      err.println();
      err.flush();
      drawn = false;
    }
  }

  private void clearBar() {
    if (drawn) {
      err.print("\r" + " ".repeat(BAR + 60) + "\r");
      drawn = false;
    }
  }
}
