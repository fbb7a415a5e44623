package dev.payscore.bench.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Counts what the library sends to PostgreSQL through a {@link DataSource}: statement executions
 * (each one round trip with pgjdbc's extended protocol), commits and rollbacks. {@code
 * setAutoCommit(false)} sends nothing (pgjdbc piggybacks {@code BEGIN} on the first statement), so
 * executions plus commits plus rollbacks is the number of round trips the library caused.
 */
public final class CountingDataSource {
  private final LongAdder executions = new LongAdder();
  private final LongAdder commits = new LongAdder();
  private final LongAdder rollbacks = new LongAdder();
  private final DataSource counting;

  public CountingDataSource(DataSource target) {
    this.counting =
        (DataSource)
            Proxy.newProxyInstance(
                DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  Object result = invoke(target, method, args);
                  return result instanceof Connection c ? connection(c) : result;
                });
  }

  public DataSource dataSource() {
    return counting;
  }

  /** Round trips so far: executions + commits + rollbacks. */
  public long roundTrips() {
    return executions.sum() + commits.sum() + rollbacks.sum();
  }

  public long commits() {
    return commits.sum();
  }

  private Connection connection(Connection target) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "commit" -> commits.increment();
            case "rollback" -> {
              if (args == null) {
                rollbacks.increment();
              }
            }
            default -> {}
          }
          Object result = invoke(target, method, args);
          return result instanceof Statement s ? statement(s) : result;
        };
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private Statement statement(Statement target) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().startsWith("execute")) {
            executions.increment();
          }
          return invoke(target, method, args);
        };
    // keep PreparedStatement / CallableStatement: the proxy implements what the target does
    return (Statement)
        Proxy.newProxyInstance(Statement.class.getClassLoader(), allInterfaces(target), handler);
  }

  private static Class<?>[] allInterfaces(Object target) {
    Set<Class<?>> all = new LinkedHashSet<>();
    for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().startsWith("java.sql.")) {
          all.add(i);
        }
      }
    }
    all.add(Statement.class);
    return all.toArray(Class<?>[]::new);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
