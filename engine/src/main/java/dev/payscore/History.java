package dev.payscore;

import dev.payscore.domain.port.out.Transactions;
import java.util.List;
import java.util.Objects;

/**
 * The audit history: who did what to an order, for how much, and what WeChat said. Read-only.
 *
 * <pre>{@code
 * payScore.history().ofOrder(mchid, outOrderNo).forEach(System.out::println);
 * }</pre>
 *
 * <p>Thread-safe; one per {@link PayScore}, shared by every thread (get it from {@link
 * PayScore#history()}).
 */
public final class History {
  private final Transactions transactions;

  History(Transactions transactions) {
    this.transactions = transactions;
  }

  /** One order's events, in sequence order. */
  public List<AuditEvent> ofOrder(MerchantId mchid, OutOrderNo outOrderNo) {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    return transactions.inTransaction(
        repositories -> repositories.history().ofOrder(mchid, outOrderNo));
  }

  /** A page of a merchant's events (keyset pagination; pass the page's cursor for the next). */
  public AuditPage ofMerchant(AuditQuery query) {
    Objects.requireNonNull(query, "query == null");
    return transactions.inTransaction(repositories -> repositories.history().ofMerchant(query));
  }
}
