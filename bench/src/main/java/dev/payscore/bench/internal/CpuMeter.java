package dev.payscore.bench.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time split three ways: this JVM minus the sandbox's threads (our side: the library or the
 * bare client, and the merchant's threads), the sandbox's threads (WeChat's side, signing its
 * answers), and the database's server processes.
 */
public final class CpuMeter {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** CPU seconds at one instant. */
  public record Reading(double process, double sandbox, double server) {
    public Reading minus(Reading earlier) {
      return new Reading(
          process - earlier.process, sandbox - earlier.sandbox, server - earlier.server);
    }

    /** Our side: the JVM without the sandbox. */
    public double client() {
      return process - sandbox;
    }
  }

  private final Database database;

  public CpuMeter(Database database) {
    this.database = database;
  }

  public Reading read() {
    return new Reading(processSeconds(), sandboxSeconds(), database.serverCpuSeconds());
  }

  private static double processSeconds() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e9;
    }
    return -1;
  }

  private static double sandboxSeconds() {
    long nanos = 0;
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("payscore-sandbox")) {
        long cpu = THREADS.getThreadCpuTime(info.getThreadId());
        nanos += Math.max(0, cpu);
      }
    }
    return nanos / 1e9;
  }
}
