package dev.payscore.testing.fakes;

import dev.payscore.AuditCursor;
import dev.payscore.AuditEvent;
import dev.payscore.AuditPage;
import dev.payscore.AuditQuery;
import dev.payscore.CompletionIntent;
import dev.payscore.IntentId;
import dev.payscore.IntentKind;
import dev.payscore.IntentRef;
import dev.payscore.IntentStats;
import dev.payscore.IntentStatus;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.QuarantinedIntent;
import dev.payscore.StorageException;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.intent.ClaimedIntent;
import dev.payscore.domain.intent.RecordResult;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.AuditHistory;
import dev.payscore.domain.port.out.AuditLog;
import dev.payscore.domain.port.out.ClaimBatch;
import dev.payscore.domain.port.out.CompletionIntents;
import dev.payscore.domain.port.out.NotificationInbox;
import dev.payscore.domain.port.out.Repositories;
import dev.payscore.domain.port.out.ServiceOrders;
import dev.payscore.domain.port.out.StaleWriteException;
import dev.payscore.domain.port.out.StorageLimits;
import dev.payscore.domain.port.out.SweepCandidate;
import dev.payscore.testing.fakes.InMemoryState.OrderKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * All five storage ports over maps, with the semantics of the PostgreSQL adapters: versioned
 * updates throw {@link StaleWriteException}, recording an intent is idempotent by payload digest,
 * {@code claimDue} honours leases and {@code nextAttemptAt}, audit sequences count per order,
 * history pages are keyset pages on (occurredAt, id), and every query is scoped by merchant. A
 * completion intent needs its service order, as the foreign key does in PostgreSQL.
 *
 * <p>Each call is atomic and thread-safe; there is no transaction: use {@link InMemoryTransactions}
 * for commit and rollback. The clock stamps {@code recordedAt} of audit events (PostgreSQL uses its
 * own {@code now()}).
 */
public final class InMemoryRepositories implements Repositories {
  private final InMemoryState state;
  private final Clock clock;
  private final ServiceOrders orders = new Orders();
  private final CompletionIntents intents = new Intents();
  private final AuditLog audit = new Audit();
  private final AuditHistory history = new History();
  private final NotificationInbox inbox = new Inbox();

  /** An empty store. */
  public InMemoryRepositories(Clock clock) {
    this(new InMemoryState(), clock);
  }

  InMemoryRepositories(InMemoryState state, Clock clock) {
    this.state = Objects.requireNonNull(state, "state == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
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
    return history;
  }

  @Override
  public NotificationInbox inbox() {
    return inbox;
  }

  private static OrderKey key(MerchantId mchid, OutOrderNo outOrderNo) {
    return new OrderKey(mchid, outOrderNo);
  }

  private final class Orders implements ServiceOrders {
    @Override
    public Optional<ServiceOrder> find(MerchantId mchid, OutOrderNo outOrderNo) {
      Objects.requireNonNull(mchid, "mchid == null");
      Objects.requireNonNull(outOrderNo, "outOrderNo == null");
      synchronized (state) {
        return Optional.ofNullable(state.orders.get(key(mchid, outOrderNo)));
      }
    }

    /** As {@link #find}: each call here is atomic, and {@link InMemoryTransactions} serializes. */
    @Override
    public Optional<ServiceOrder> lock(MerchantId mchid, OutOrderNo outOrderNo) {
      return find(mchid, outOrderNo);
    }

    @Override
    public ServiceOrder insert(ServiceOrder order) {
      StorageLimits.check(order);
      synchronized (state) {
        OrderKey key = key(order.mchid(), order.outOrderNo());
        if (state.orders.containsKey(key)) {
          throw new StorageException(
              "service order " + order.mchid() + "/" + order.outOrderNo() + " exists already");
        }
        ServiceOrder stored = order.withVersion(1);
        state.orders.put(key, stored);
        state.touched.put(key, clock.instant());
        return stored;
      }
    }

    @Override
    public ServiceOrder update(ServiceOrder order) {
      StorageLimits.check(order);
      synchronized (state) {
        OrderKey key = key(order.mchid(), order.outOrderNo());
        ServiceOrder current = state.orders.get(key);
        if (current == null || current.version() != order.version()) {
          throw new StaleWriteException(
              "service order " + order.mchid() + "/" + order.outOrderNo(), order.version());
        }
        ServiceOrder stored = order.withVersion(order.version() + 1);
        state.orders.put(key, stored);
        state.touched.put(key, clock.instant());
        state.sweeps.remove(key); // a change starts the sweep schedule over
        return stored;
      }
    }

    @Override
    public List<SweepCandidate> claimForSweep(
        LifecycleState lifecycle, Set<MerchantId> merchants, Duration unchangedFor, int limit) {
      Objects.requireNonNull(lifecycle, "lifecycle == null");
      Objects.requireNonNull(merchants, "merchants == null");
      Objects.requireNonNull(unchangedFor, "unchangedFor == null");
      if (limit < 1) {
        throw new IllegalArgumentException("limit < 1: " + limit);
      }
      synchronized (state) {
        Instant now = clock.instant();
        List<OrderKey> candidates =
            state.orders.entrySet().stream()
                .filter(e -> e.getValue().lifecycle() == lifecycle)
                .map(Map.Entry::getKey)
                .filter(key -> merchants.isEmpty() || merchants.contains(key.mchid()))
                .toList();
        List<OrderKey> first =
            candidates.stream()
                .filter(key -> !state.sweeps.containsKey(key))
                .filter(key -> !state.touched.get(key).isAfter(now.minus(unchangedFor)))
                .sorted(Comparator.comparing(state.touched::get))
                .toList();
        List<OrderKey> again =
            candidates.stream()
                .filter(key -> state.sweeps.containsKey(key))
                .filter(key -> state.sweeps.get(key).nextCheckAt().isBefore(now))
                .sorted(Comparator.comparing(key -> state.sweeps.get(key).nextCheckAt()))
                .toList();
        List<SweepCandidate> claimed = new ArrayList<>();
        for (OrderKey key : concat(first, again)) {
          if (claimed.size() == limit) {
            break;
          }
          InMemoryState.Sweep sweep =
              state.sweeps.getOrDefault(key, new InMemoryState.Sweep(now, 0, null));
          claimed.add(new SweepCandidate(state.orders.get(key), sweep.checks(), sweep.finding()));
          state.sweeps.put(
              key, new InMemoryState.Sweep(now.plus(unchangedFor), sweep.checks(), sweep.finding()));
        }
        return claimed;
      }
    }

    @Override
    public boolean recordSweep(
        ServiceOrder order, Duration nextCheckIn, int checks, @Nullable String lastFinding) {
      Objects.requireNonNull(order, "order == null");
      Objects.requireNonNull(nextCheckIn, "nextCheckIn == null");
      synchronized (state) {
        OrderKey key = key(order.mchid(), order.outOrderNo());
        ServiceOrder current = state.orders.get(key);
        if (current == null || current.version() != order.version()) {
          return false;
        }
        state.sweeps.put(
            key, new InMemoryState.Sweep(clock.instant().plus(nextCheckIn), checks, lastFinding));
        return true;
      }
    }

    private static List<OrderKey> concat(List<OrderKey> first, List<OrderKey> second) {
      List<OrderKey> all = new ArrayList<>(first);
      all.addAll(second);
      return all;
    }
  }

  private final class Intents implements CompletionIntents {
    @Override
    public RecordResult record(CompletionIntent intent) {
      StorageLimits.check(intent);
      synchronized (state) {
        String sha256 = intent.body().sha256();
        Optional<CompletionIntent> open = openIntent(intent.mchid(), intent.outOrderNo());
        if (open.isPresent() && open.get().kind() != intent.kind()) {
          return new RecordResult.AnotherIntentOpen(IntentRef.of(open.get()));
        }
        Optional<CompletionIntent> same =
            findByDigest(intent.mchid(), intent.outOrderNo(), intent.kind(), sha256);
        if (same.isPresent()) {
          return new RecordResult.AlreadyRecorded(same.get());
        }
        if (open.isPresent()) {
          return new RecordResult.Conflict(open.get(), sha256);
        }
        Optional<CompletionIntent> latest = find(intent.mchid(), intent.outOrderNo(), intent.kind());
        if (latest.isPresent() && latest.get().generation() >= intent.generation()) {
          return new RecordResult.Conflict(latest.get(), sha256);
        }
        if (state.intents.containsKey(intent.id())) {
          throw new StorageException("intent " + intent.id() + " exists already");
        }
        ServiceOrder order = state.orders.get(key(intent.mchid(), intent.outOrderNo()));
        if (order == null) {
          throw new StorageException(
              "no service order "
                  + intent.mchid()
                  + "/"
                  + intent.outOrderNo()
                  + " for intent "
                  + intent.id());
        }
        StorageLimits.checkMatches(intent, order);
        CompletionIntent stored = withVersion(dueAtOnce(intent), 1);
        state.intents.put(stored.id(), stored);
        return new RecordResult.Recorded(stored);
      }
    }

    private Optional<CompletionIntent> openIntent(MerchantId mchid, OutOrderNo outOrderNo) {
      return ofOrder(mchid, outOrderNo).filter(i -> i.status().isOpen()).findFirst();
    }

    private java.util.stream.Stream<CompletionIntent> ofOrder(
        MerchantId mchid, OutOrderNo outOrderNo) {
      return state.intents.values().stream()
          .filter(i -> i.mchid().equals(mchid) && i.outOrderNo().equals(outOrderNo));
    }

    @Override
    public Optional<CompletionIntent> findByDigest(
        MerchantId mchid, OutOrderNo outOrderNo, IntentKind kind, String sha256) {
      Objects.requireNonNull(kind, "kind == null");
      Objects.requireNonNull(sha256, "sha256 == null");
      synchronized (state) {
        return ofOrder(mchid, outOrderNo)
            .filter(i -> i.kind() == kind && i.body().sha256().equals(sha256))
            .max(Comparator.comparingInt(CompletionIntent::generation));
      }
    }

    @Override
    public Optional<IntentRef> open(MerchantId mchid, OutOrderNo outOrderNo) {
      Objects.requireNonNull(mchid, "mchid == null");
      Objects.requireNonNull(outOrderNo, "outOrderNo == null");
      synchronized (state) {
        return openIntent(mchid, outOrderNo).map(IntentRef::of);
      }
    }

    /** Rows here are objects and always readable: none is ever quarantined. */
    @Override
    public void supersede(IntentRef ref, Instant now) {
      throw new StaleWriteException("completion intent " + ref.id(), ref.version());
    }

    /** Rows here are objects and always readable: none is ever quarantined. */
    @Override
    public List<QuarantinedIntent> quarantined(MerchantId mchid, int limit) {
      Objects.requireNonNull(mchid, "mchid == null");
      StorageLimits.checkLimit(limit);
      return List.of();
    }

    @Override
    public Optional<CompletionIntent> find(IntentId id) {
      Objects.requireNonNull(id, "id == null");
      synchronized (state) {
        return Optional.ofNullable(state.intents.get(id));
      }
    }

    @Override
    public Optional<CompletionIntent> find(
        MerchantId mchid, OutOrderNo outOrderNo, IntentKind kind) {
      Objects.requireNonNull(mchid, "mchid == null");
      Objects.requireNonNull(outOrderNo, "outOrderNo == null");
      Objects.requireNonNull(kind, "kind == null");
      synchronized (state) {
        return ofOrder(mchid, outOrderNo)
            .filter(i -> i.kind() == kind)
            .max(Comparator.comparingInt(CompletionIntent::generation));
      }
    }

    @Override
    public ClaimBatch claimDue(
        String owner, Duration lease, Map<MerchantId, Integer> permits, int limit, int maxClaims) {
      StorageLimits.checkClaim(owner, lease, permits, limit, maxClaims);
      // The fake's clock stands for the database's.
      Instant now = clock.instant();
      Instant until = now.plus(lease);
      synchronized (state) {
        Map<MerchantId, Integer> left = new HashMap<>(permits);
        List<CompletionIntent> due =
            state.intents.values().stream()
                .filter(i -> isDue(i, now))
                .sorted(
                    Comparator.comparing(CompletionIntent::nextAttemptAt)
                        .thenComparing(i -> i.id().value()))
                .filter(i -> left.merge(i.mchid(), -1, Integer::sum) >= 0)
                .limit(limit)
                .toList();
        List<ClaimedIntent> leased = new ArrayList<>(due.size());
        List<ClaimedIntent> setAside = new ArrayList<>();
        for (CompletionIntent i : due) {
          String from = i.status() == IntentStatus.IN_FLIGHT ? i.leaseOwner() : null;
          int claims = state.claims.getOrDefault(i.id(), 0);
          if (from != null && claims >= maxClaims) {
            CompletionIntent aside =
                new CompletionIntent(
                    i.id(), i.mchid(), i.outOrderNo(), i.kind(), i.generation(), i.supersedes(),
                    i.payload(), IntentStatus.NEEDS_ATTENTION, i.attempts(), i.nextAttemptAt(),
                    "CLAIMED_TOO_OFTEN",
                    "claimed " + claims + " times without settling (limit " + maxClaims + ")",
                    null, null, i.requestedBy(), i.createdAt(), now, i.version() + 1);
            state.intents.put(aside.id(), aside);
            setAside.add(new ClaimedIntent(aside, from));
            continue;
          }
          CompletionIntent counted =
              leased(i, i.attempts() + 1, owner, until, now, i.version() + 1);
          state.intents.put(counted.id(), counted);
          state.claims.put(i.id(), claims + 1);
          leased.add(new ClaimedIntent(counted, from));
        }
        return new ClaimBatch(leased, setAside);
      }
    }

    private boolean isDue(CompletionIntent intent, Instant now) {
      if (intent.status() == IntentStatus.PENDING) {
        return !intent.nextAttemptAt().isAfter(now);
      }
      Instant expiry = intent.leaseExpiresAt();
      return intent.status() == IntentStatus.IN_FLIGHT && expiry != null && !expiry.isAfter(now);
    }

    @Override
    public boolean renewLease(CompletionIntent claimed, Duration lease) {
      Objects.requireNonNull(claimed, "claimed == null");
      Objects.requireNonNull(lease, "lease == null");
      synchronized (state) {
        CompletionIntent i = state.intents.get(claimed.id());
        String owner = i == null ? null : i.leaseOwner();
        if (i == null
            || owner == null
            || i.status() != IntentStatus.IN_FLIGHT
            || i.version() != claimed.version()) {
          return false;
        }
        // A renewal keeps the version: the holder's copy stays current; a takeover bumps it.
        state.intents.put(
            i.id(),
            leased(i, i.attempts(), owner, clock.instant().plus(lease), i.updatedAt(), i.version()));
        return true;
      }
    }

    @Override
    public CompletionIntent settle(CompletionIntent intent, @Nullable Duration dueIn) {
      Instant now = clock.instant();
      CompletionIntent settled = update(dueIn == null ? intent : dueAt(intent, now.plus(dueIn), now));
      synchronized (state) {
        state.claims.remove(settled.id());
      }
      return settled;
    }

    @Override
    public CompletionIntent update(CompletionIntent intent) {
      StorageLimits.checkBookkeeping(intent);
      synchronized (state) {
        CompletionIntent current = state.intents.get(intent.id());
        if (current == null
            || current.version() != intent.version()
            || !current.mchid().equals(intent.mchid())) {
          throw new StaleWriteException("completion intent " + intent.id(), intent.version());
        }
        // Only the bookkeeping changes; what was recorded (order, kind, payload) stays frozen.
        CompletionIntent stored = bookkept(current, intent, intent.version() + 1);
        state.intents.put(stored.id(), stored);
        if (stored.status() == IntentStatus.PENDING) {
          state.claims.remove(stored.id());
        }
        return stored;
      }
    }

    @Override
    public List<CompletionIntent> list(MerchantId mchid, @Nullable IntentStatus status, int limit) {
      Objects.requireNonNull(mchid, "mchid == null");
      StorageLimits.checkLimit(limit);
      synchronized (state) {
        return state.intents.values().stream()
            .filter(i -> i.mchid().equals(mchid))
            .filter(i -> status == null || i.status() == status)
            .sorted(
                Comparator.comparing(CompletionIntent::createdAt)
                    .thenComparing(i -> i.id().value())
                    .reversed())
            .limit(limit)
            .toList();
      }
    }

    @Override
    public Map<IntentStatus, Long> countByStatus(MerchantId mchid) {
      Objects.requireNonNull(mchid, "mchid == null");
      Map<IntentStatus, Long> counts = new EnumMap<>(IntentStatus.class);
      synchronized (state) {
        for (CompletionIntent i : state.intents.values()) {
          if (i.mchid().equals(mchid)) {
            counts.merge(i.status(), 1L, Long::sum);
          }
        }
      }
      return counts;
    }

    @Override
    public IntentStats stats(Set<MerchantId> merchants) {
      Objects.requireNonNull(merchants, "merchants == null");
      long[] counts = new long[3];
      Instant oldest = null;
      synchronized (state) {
        for (CompletionIntent i : state.intents.values()) {
          if (!merchants.contains(i.mchid()) || !i.status().isOpen()) {
            continue;
          }
          switch (i.status()) {
            case PENDING -> {
              counts[0]++;
              oldest = oldest == null || i.createdAt().isBefore(oldest) ? i.createdAt() : oldest;
            }
            case IN_FLIGHT -> counts[1]++;
            default -> counts[2]++;
          }
        }
      }
      Instant now = clock.instant();
      Optional<Duration> age =
          Optional.ofNullable(oldest)
              .map(o -> o.isAfter(now) ? Duration.ZERO : Duration.between(o, now));
      return new IntentStats(counts[0], counts[1], counts[2], age);
    }
  }

  /** A new intent is due at once by the store's clock, as the database's LEAST does. */
  private CompletionIntent dueAtOnce(CompletionIntent intent) {
    Instant now = clock.instant();
    if (!intent.nextAttemptAt().isAfter(now)) {
      return intent;
    }
    return dueAt(intent, now, intent.updatedAt());
  }

  /** {@code i} due at {@code next} (no status change), otherwise unchanged. */
  private static CompletionIntent dueAt(CompletionIntent i, Instant next, Instant updatedAt) {
    return new CompletionIntent(
        i.id(),
        i.mchid(),
        i.outOrderNo(),
        i.kind(),
        i.generation(),
        i.supersedes(),
        i.payload(),
        i.status(),
        i.attempts(),
        next,
        i.lastOutcome(),
        i.lastError(),
        i.leaseOwner(),
        i.leaseExpiresAt(),
        i.requestedBy(),
        i.createdAt(),
        updatedAt,
        i.version());
  }

  private static CompletionIntent withVersion(CompletionIntent i, long version) {
    return bookkept(i, i, version);
  }

  /**
   * What was recorded (order, kind, payload, requester) from {@code frozen}, the rest from {@code
   * bookkeeping}.
   */
  private static CompletionIntent bookkept(
      CompletionIntent frozen, CompletionIntent bookkeeping, long version) {
    return new CompletionIntent(
        frozen.id(),
        frozen.mchid(),
        frozen.outOrderNo(),
        frozen.kind(),
        frozen.generation(),
        frozen.supersedes(),
        frozen.payload(),
        bookkeeping.status(),
        bookkeeping.attempts(),
        bookkeeping.nextAttemptAt(),
        bookkeeping.lastOutcome(),
        bookkeeping.lastError(),
        bookkeeping.leaseOwner(),
        bookkeeping.leaseExpiresAt(),
        frozen.requestedBy(),
        frozen.createdAt(),
        bookkeeping.updatedAt(),
        version);
  }

  /** {@code i} IN_FLIGHT, leased to {@code owner} until {@code until}, at {@code attempts}. */
  private static CompletionIntent leased(
      CompletionIntent i,
      int attempts,
      String owner,
      Instant until,
      Instant updatedAt,
      long version) {
    return new CompletionIntent(
        i.id(),
        i.mchid(),
        i.outOrderNo(),
        i.kind(),
        i.generation(),
        i.supersedes(),
        i.payload(),
        IntentStatus.IN_FLIGHT,
        attempts,
        i.nextAttemptAt(),
        i.lastOutcome(),
        i.lastError(),
        owner,
        until,
        i.requestedBy(),
        i.createdAt(),
        updatedAt,
        version);
  }

  private final class Audit implements AuditLog {
    @Override
    public AuditEvent append(AuditEntry entry) {
      StorageLimits.check(entry);
      synchronized (state) {
        long sequence =
            state.auditSequences.merge(key(entry.mchid(), entry.outOrderNo()), 1L, Long::sum);
        AuditEvent event = new AuditEvent(++state.lastAuditId, sequence, entry, clock.instant());
        state.audit.add(event);
        return event;
      }
    }
  }

  private final class History implements AuditHistory {
    @Override
    public List<AuditEvent> ofOrder(MerchantId mchid, OutOrderNo outOrderNo) {
      Objects.requireNonNull(mchid, "mchid == null");
      Objects.requireNonNull(outOrderNo, "outOrderNo == null");
      synchronized (state) {
        return state.audit.stream()
            .filter(e -> e.entry().mchid().equals(mchid))
            .filter(e -> e.entry().outOrderNo().equals(outOrderNo))
            .sorted(Comparator.comparingLong(AuditEvent::sequence))
            .toList();
      }
    }

    @Override
    public AuditPage ofMerchant(AuditQuery query) {
      Objects.requireNonNull(query, "query == null");
      AuditCursor after = query.after();
      List<AuditEvent> matching;
      synchronized (state) {
        matching =
            state.audit.stream()
                .filter(e -> e.entry().mchid().equals(query.mchid()))
                .filter(e -> !e.entry().occurredAt().isBefore(query.from()))
                .filter(e -> e.entry().occurredAt().isBefore(query.to()))
                .filter(e -> query.types().isEmpty() || query.types().contains(e.entry().type()))
                .filter(e -> query.toState() == null || query.toState() == e.entry().toState())
                .filter(e -> after == null || isAfter(e, after))
                .sorted(
                    Comparator.comparing((AuditEvent e) -> e.entry().occurredAt())
                        .thenComparingLong(AuditEvent::id))
                .limit(query.limit() + 1L)
                .toList();
      }
      if (matching.size() <= query.limit()) {
        return new AuditPage(matching, null);
      }
      List<AuditEvent> page = matching.subList(0, query.limit());
      return new AuditPage(page, AuditCursor.after(page.get(page.size() - 1)));
    }

    private boolean isAfter(AuditEvent event, AuditCursor cursor) {
      int byTime = event.entry().occurredAt().compareTo(cursor.occurredAt());
      return byTime > 0 || (byTime == 0 && event.id() > cursor.id());
    }
  }

  private final class Inbox implements NotificationInbox {
    @Override
    public boolean markReceived(
        String notificationId, MerchantId mchid, String eventType, Instant receivedAt) {
      StorageLimits.checkNotification(notificationId, mchid, eventType, receivedAt);
      synchronized (state) {
        return state.inbox.putIfAbsent(notificationId, mchid) == null;
      }
    }
  }
}
