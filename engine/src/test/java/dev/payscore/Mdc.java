package dev.payscore;

import dev.payscore.engine.internal.LogContext;
import org.slf4j.MDC;

/** The calling thread's payscore MDC keys as one line: {@code mchid/out_order_no/intent-or-dash}. */
final class Mdc {
  private Mdc() {}

  static String now() {
    return MDC.get(LogContext.MCHID)
        + "/"
        + MDC.get(LogContext.OUT_ORDER_NO)
        + "/"
        + (MDC.get(LogContext.INTENT_ID) == null ? "-" : "intent");
  }
}
