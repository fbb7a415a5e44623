package dev.payscore.domain.port.out;

/**
 * The storage ports bound to one database transaction: everything written through one instance
 * commits or rolls back together. Obtained from {@link Transactions}, or from a persistence adapter
 * bound to the merchant's own connection so that its writes and ours share one transaction.
 */
public interface Repositories {
  ServiceOrders orders();

  CompletionIntents intents();

  AuditLog audit();

  AuditHistory history();

  NotificationInbox inbox();
}
