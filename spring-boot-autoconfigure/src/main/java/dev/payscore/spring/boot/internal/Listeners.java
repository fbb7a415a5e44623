package dev.payscore.spring.boot.internal;

import dev.payscore.PayScoreListener;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link PayScoreListener} telling several, each shielded from the others. A proxy, so that a
 * method added to the listener later (they are default no-ops) reaches every listener without a
 * change here.
 */
public final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(PayScoreListener.class);

  private Listeners() {}

  public static PayScoreListener of(List<PayScoreListener> listeners) {
    if (listeners.isEmpty()) {
      return PayScoreListener.NONE;
    }
    if (listeners.size() == 1) {
      return listeners.get(0);
    }
    List<PayScoreListener> all = List.copyOf(listeners);
    return (PayScoreListener)
        Proxy.newProxyInstance(
            PayScoreListener.class.getClassLoader(),
            new Class<?>[] {PayScoreListener.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args, all);
              }
              for (PayScoreListener listener : all) {
                try {
                  method.invoke(listener, args);
                } catch (InvocationTargetException e) {
                  LOG.warn("listener {} threw {}; ignored", method.getName(), e.getCause().toString());
                }
              }
              return null;
            });
  }

  private static Object objectMethod(
      Object proxy, Method method, Object[] args, List<PayScoreListener> all) {
    return switch (method.getName()) {
      case "equals" -> proxy == args[0];
      case "hashCode" -> System.identityHashCode(proxy);
      default -> "PayScoreListeners" + all;
    };
  }
}
