package dev.payscore.persistence;

import dev.payscore.domain.port.out.AuditHistory;
import dev.payscore.domain.port.out.AuditLog;
import dev.payscore.domain.port.out.CompletionIntents;
import dev.payscore.domain.port.out.NotificationInbox;
import dev.payscore.domain.port.out.Repositories;
import dev.payscore.domain.port.out.ServiceOrders;
import dev.payscore.persistence.internal.JooqAuditLog;
import dev.payscore.persistence.internal.JooqCompletionIntents;
import dev.payscore.persistence.internal.JooqNotificationInbox;
import dev.payscore.persistence.internal.JooqServiceOrders;
import dev.payscore.persistence.internal.QuietJooq;
import java.sql.Connection;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The storage ports on PostgreSQL, bound to one connection or {@link DSLContext}: everything
 * written through an instance is part of whatever transaction that connection is in, so a
 * merchant's own writes and the completion intent commit or roll back together.
 *
 * <pre>{@code
 * connection.setAutoCommit(false);
 * markRentalReturned(connection);                        // the merchant's own SQL
 * Repositories storage = JooqRepositories.of(connection);
 * storage.intents().record(intent);                      // same transaction
 * connection.commit();                                   // both, or neither
 * }</pre>
 *
 * <p>This class never commits, rolls back or closes anything: the caller owns the transaction.
 * Callers without one use {@link JooqTransactions}.
 */
public final class JooqRepositories implements Repositories {
  static {
    QuietJooq.apply(); // before jOOQ's first statement: no banner, no tip of the day
  }

  private final ServiceOrders orders;
  private final CompletionIntents intents;
  private final JooqAuditLog audit;
  private final NotificationInbox inbox;

  private JooqRepositories(DSLContext dsl) {
    this.orders = new JooqServiceOrders(dsl);
    this.intents = new JooqCompletionIntents(dsl);
    this.audit = new JooqAuditLog(dsl);
    this.inbox = new JooqNotificationInbox(dsl);
  }

  /** Bound to the caller's JDBC connection and its current transaction. */
  public static JooqRepositories of(Connection connection) {
    Objects.requireNonNull(connection, "connection == null");
    return new JooqRepositories(DSL.using(connection, SQLDialect.POSTGRES));
  }

  /** Bound to the caller's jOOQ context (e.g. the {@code DSLContext} of its transaction). */
  public static JooqRepositories of(DSLContext dsl) {
    Objects.requireNonNull(dsl, "dsl == null");
    if (dsl.dialect().family() != SQLDialect.POSTGRES) {
      throw new IllegalArgumentException("a POSTGRES DSLContext is needed: " + dsl.dialect());
    }
    return new JooqRepositories(dsl);
  }

  @Override
  public ServiceOrders orders() {
    return orders;
  }

  @Override
  public CompletionIntents intents() {
    return intents;
  }

  @Override
  public AuditLog audit() {
    return audit;
  }

  @Override
  public AuditHistory history() {
    return audit;
  }

  @Override
  public NotificationInbox inbox() {
    return inbox;
  }
}
