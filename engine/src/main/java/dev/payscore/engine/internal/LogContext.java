package dev.payscore.engine.internal;

import dev.payscore.CompletionIntent;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The SLF4J MDC while payscore works on one order: {@value #MCHID}, {@value #OUT_ORDER_NO} and,
 * during an attempt, {@value #INTENT_ID}, so that every line logged meanwhile, payscore's and the
 * listener's, names what it is about. Closing puts back what the thread had before (a callback
 * runs on the application's request thread, which may carry keys of its own).
 *
 * <pre>{@code
 * try (LogContext ignored = LogContext.of(intent)) {
 *   ... // logs name the merchant, the order and the intent
 * }
 * }</pre>
 */
public final class LogContext implements AutoCloseable {
  /** The merchant's number. */
  public static final String MCHID = "mchid";

  /** The merchant's order number. */
  public static final String OUT_ORDER_NO = "out_order_no";

  /** The intent an attempt drives. */
  public static final String INTENT_ID = "intent_id";

  private final Map<String, @Nullable String> previous = new LinkedHashMap<>();

  private LogContext() {}

  /** The keys of an attempt of {@code intent}. */
  public static LogContext of(CompletionIntent intent) {
    LogContext context = of(intent.mchid(), intent.outOrderNo());
    context.put(INTENT_ID, intent.id().toString());
    return context;
  }

  /** The keys of one order (a callback). */
  public static LogContext of(MerchantId mchid, OutOrderNo outOrderNo) {
    LogContext context = new LogContext();
    context.put(MCHID, mchid.value());
    context.put(OUT_ORDER_NO, outOrderNo.value());
    return context;
  }

  private void put(String key, String value) {
    previous.put(key, MDC.get(key));
    MDC.put(key, value);
  }

  /** Puts back what the thread had under these keys (nothing, usually). */
  @Override
  public void close() {
    previous.forEach(
        (key, value) -> {
          if (value == null) {
            MDC.remove(key);
          } else {
            MDC.put(key, value);
          }
        });
  }
}
