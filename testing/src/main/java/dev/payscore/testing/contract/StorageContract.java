package dev.payscore.testing.contract;

import dev.payscore.AuditEvent;
import dev.payscore.AuditEventType;
import dev.payscore.AuditPage;
import dev.payscore.AuditQuery;
import dev.payscore.CompleteOrder;
import dev.payscore.CompletionIntent;
import dev.payscore.IntentId;
import dev.payscore.IntentKind;
import dev.payscore.IntentStatus;
import dev.payscore.Location;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import dev.payscore.RiskFundName;
import dev.payscore.TimeRange;
import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.completion.CompletionPayload;
import dev.payscore.domain.intent.RecordResult;
import dev.payscore.domain.model.Collection;
import dev.payscore.domain.model.CollectionState;
import dev.payscore.domain.model.ConfirmationMode;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.Repositories;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.testing.ServiceOrderFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every storage contract shares: a fresh, empty store per test ({@link #newStorage()}) and the
 * fixtures. Instants have microsecond precision, as PostgreSQL keeps them.
 */
public abstract class StorageContract {
  protected static final Instant T0 = Instant.parse("2026-11-26T08:00:00.123456Z");
  protected static final MerchantId MCHID = MerchantId.of("1230000109");
  protected static final MerchantId OTHER_MCHID = MerchantId.of("1900000001");

  private static final AtomicInteger ORDER_NUMBERS = new AtomicInteger();

  private Transactions transactions;

  /**
   * A store with nothing in it (the clock of a fake stands at {@link #T0}). Called before each
   * test.
   */
  protected abstract Transactions newStorage();

  @BeforeEach
  final void openStorage() {
    transactions = newStorage();
  }

  protected final Transactions transactions() {
    return transactions;
  }

  /** Runs {@code work} in a transaction of its own. */
  protected final <T> T tx(Function<Repositories, T> work) {
    return transactions.inTransaction(work);
  }

  // One port call in a transaction of its own, typed so that assertions read plainly.

  protected final Optional<ServiceOrder> findOrder(MerchantId mchid, OutOrderNo outOrderNo) {
    return tx(r -> r.orders().find(mchid, outOrderNo));
  }

  protected final Optional<CompletionIntent> findIntent(IntentId id) {
    return tx(r -> r.intents().find(id));
  }

  protected final Optional<CompletionIntent> findIntent(
      MerchantId mchid, OutOrderNo outOrderNo, IntentKind kind) {
    return tx(r -> r.intents().find(mchid, outOrderNo, kind));
  }

  /** Claims for both merchants, up to {@code limit} of each and in all. */
  protected final List<CompletionIntent> claim(String owner, Duration lease, int limit) {
    return claim(owner, lease, Map.of(MCHID, limit, OTHER_MCHID, limit), limit);
  }

  protected final List<CompletionIntent> claim(
      String owner, Duration lease, Map<MerchantId, Integer> permits, int limit) {
    return tx(r -> r.intents().claimDue(owner, lease, permits, limit));
  }

  protected final boolean renew(CompletionIntent claimed, Duration lease) {
    return tx(r -> r.intents().renewLease(claimed, lease));
  }

  /**
   * Lets {@code duration} pass on the store's clock (the database's, for a real database: this
   * sleeps; a fake moves its clock).
   */
  protected void elapse(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  protected final List<CompletionIntent> listIntents(
      MerchantId mchid, @Nullable IntentStatus status, int limit) {
    return tx(r -> r.intents().list(mchid, status, limit));
  }

  protected final Map<IntentStatus, Long> countByStatus(MerchantId mchid) {
    return tx(r -> r.intents().countByStatus(mchid));
  }

  protected final List<AuditEvent> history(MerchantId mchid, OutOrderNo outOrderNo) {
    return tx(r -> r.history().ofOrder(mchid, outOrderNo));
  }

  protected final AuditPage page(AuditQuery query) {
    return tx(r -> r.history().ofMerchant(query));
  }

  protected final boolean received(
      String notificationId, MerchantId mchid, String eventType, Instant at) {
    return tx(r -> r.inbox().markReceived(notificationId, mchid, eventType, at));
  }

  protected static OutOrderNo newOrderNo() {
    return OutOrderNo.of("rent-" + ORDER_NUMBERS.incrementAndGet());
  }

  /** An order with every optional field set, so that a round trip checks every column. */
  protected static ServiceOrder anOrder(MerchantId mchid, OutOrderNo outOrderNo) {
    return ServiceOrderFixtures.anOrder()
        .mchid(mchid.value())
        .outOrderNo(outOrderNo.value())
        .lifecycle(LifecycleState.DOING_MCH_COMPLETE)
        .timeRange(new TimeRange("20261126100000", "借出", "20261126130000", null))
        .postPayments(new PostPayment("租借费", 300L, "3小时", 1))
        .postDiscounts(new PostDiscount("新用户", "首单", 100L, 1))
        .location(new Location("上海站", null))
        .attach("attach-1")
        .openid(ServiceOrderFixtures.OPENID)
        .orderId("1000000000201911121000000000")
        .totalAmount(200L)
        .needCollection(true)
        .collection(
            new Collection(
                CollectionState.USER_PAYING,
                200,
                200,
                0,
                List.of(new Collection.Detail(1, 200, "MCH", null, null))))
        .build();
  }

  /** A minimal order: only the required fields. */
  protected static ServiceOrder aBareOrder(MerchantId mchid, OutOrderNo outOrderNo) {
    return ServiceOrderFixtures.anOrder()
        .mchid(mchid.value())
        .outOrderNo(outOrderNo.value())
        .mode(ConfirmationMode.NO_CONFIRM)
        .riskFund(RiskFundName.ESTIMATE_ORDER_COST, 5_000)
        .timeRange(TimeRange.between("OnAccept", null))
        .build();
  }

  /** A completion of {@link #anOrder} charging {@code totalAmount} fen in one line. */
  protected static CompleteOrder aCompletion(long totalAmount) {
    return ServiceOrderFixtures.aCompletion()
        .postPayments(List.of(PostPayment.charged("租借费", totalAmount, "3小时").withCount(1)))
        .totalAmount(totalAmount)
        .location(new Location(null, "北京站"))
        .build();
  }

  protected static CompletionIntent anIntent(OutOrderNo outOrderNo, long totalAmount) {
    return anIntent(MCHID, outOrderNo, totalAmount, T0);
  }

  protected static CompletionIntent anIntent(
      MerchantId mchid, OutOrderNo outOrderNo, long totalAmount, Instant now) {
    return CompletionIntent.pending(
        mchid, outOrderNo, CompletionPayload.of(aCompletion(totalAmount)), "rental-service", now);
  }

  protected static AuditEntry anEntry(
      MerchantId mchid, OutOrderNo outOrderNo, AuditEventType type, Instant occurredAt) {
    return new AuditEntry(
        mchid,
        outOrderNo,
        type,
        LifecycleState.DOING_USER_CONFIRM,
        LifecycleState.DOING_MCH_COMPLETE,
        AuditCause.API_CALL,
        "dispatcher-1",
        null,
        300L,
        "a".repeat(64),
        "b".repeat(64),
        "SYSTEM_ERROR",
        "系统错误",
        "08F78BB5AF0D11EE",
        null,
        occurredAt);
  }

  /** A callback's entry with nothing but the required fields and the states. */
  protected static AuditEntry aBareEntry(
      MerchantId mchid,
      OutOrderNo outOrderNo,
      AuditEventType type,
      @Nullable LifecycleState fromState,
      @Nullable LifecycleState toState,
      Instant occurredAt) {
    return new AuditEntry(
        mchid,
        outOrderNo,
        type,
        fromState,
        toState,
        AuditCause.CALLBACK,
        "wechat",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        occurredAt);
  }

  /** Stores an order and records a due completion intent for it; returns the stored intent. */
  /** The intent a record wrote. */
  protected static CompletionIntent written(RecordResult result) {
    if (result instanceof RecordResult.Recorded recorded) {
      return recorded.intent();
    }
    throw new AssertionError("not recorded: " + result);
  }

  protected final CompletionIntent recordedIntent(MerchantId mchid, Instant dueAt) {
    OutOrderNo no = newOrderNo();
    return tx(
        r -> {
          r.orders().insert(anOrder(mchid, no));
          return written(r.intents().record(anIntent(mchid, no, 300, dueAt)));
        });
  }

  /** Records {@code intent} (its order stored first) and returns what recording did. */
  protected final RecordResult storeAndRecord(CompletionIntent intent) {
    return tx(
        r -> {
          r.orders().insert(anOrder(intent.mchid(), intent.outOrderNo()));
          return r.intents().record(intent);
        });
  }
}
