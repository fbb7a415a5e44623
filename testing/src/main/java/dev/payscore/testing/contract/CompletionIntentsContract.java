package dev.payscore.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.CompleteOrder;
import dev.payscore.CompletionIntent;
import dev.payscore.IntentId;
import dev.payscore.IntentKind;
import dev.payscore.IntentStats;
import dev.payscore.IntentStatus;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.StorageException;
import dev.payscore.domain.completion.CompletionPayload;
import dev.payscore.domain.intent.IntentBody;
import dev.payscore.domain.intent.RecordResult;
import dev.payscore.domain.port.out.ClaimBatch;
import dev.payscore.domain.port.out.CompletionIntents;
import dev.payscore.domain.port.out.StaleWriteException;
import dev.payscore.testing.IntentFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The contract of {@code CompletionIntents}: idempotent recording, claiming, leases, versions. */
public abstract class CompletionIntentsContract extends StorageContract {
  private static final Duration LEASE = Duration.ofSeconds(30);

  /** One claim of both merchants' intents (up to 10), setting aside at {@code maxClaims}. */
  private ClaimBatch claimCounted(String owner, Duration lease, int maxClaims) {
    return tx(
        r -> r.intents().claimDue(owner, lease, Map.of(MCHID, 10, OTHER_MCHID, 10), 10, maxClaims));
  }

  @Test
  void recordedIntentIsStoredAtVersionOneAndFoundByIdAndByOrder() {
    CompletionIntent intent = anIntent(newOrderNo(), 300);

    RecordResult result = storeAndRecord(intent);

    assertThat(result).isInstanceOf(RecordResult.Recorded.class);
    CompletionIntent stored = written(result);
    assertThat(stored).usingRecursiveComparison().ignoringFields("version").isEqualTo(intent);
    assertThat(stored.version()).isEqualTo(1);
    assertThat(stored.payload().json()).isEqualTo(intent.payload().json());
    assertThat(findIntent(intent.id())).contains(stored);
    assertThat(findIntent(MCHID, intent.outOrderNo(), IntentKind.COMPLETE)).contains(stored);
    assertThat(findIntent(OTHER_MCHID, intent.outOrderNo(), IntentKind.COMPLETE)).isEmpty();
  }

  @Test
  void recordingTheSamePayloadAgainReturnsTheExistingIntent() {
    CompletionIntent first = written(storeAndRecord(anIntent(newOrderNo(), 300)));
    CompletionIntent again = anIntent(MCHID, first.outOrderNo(), 300, T0.plusSeconds(5));

    RecordResult result = tx(r -> r.intents().record(again));

    assertThat(result).isEqualTo(new RecordResult.AlreadyRecorded(first));
    assertThat(findIntent(again.id())).isEmpty();
  }

  @Test
  void recordingADifferentPayloadIsAConflictAndWritesNothing() {
    CompletionIntent first = written(storeAndRecord(anIntent(newOrderNo(), 300)));
    CompletionIntent different = anIntent(MCHID, first.outOrderNo(), 400, T0);

    RecordResult result = tx(r -> r.intents().record(different));

    assertThat(result).isEqualTo(new RecordResult.Conflict(first, different.payload().sha256()));
    assertThat(findIntent(different.id())).isEmpty();
    assertThat(findIntent(first.id())).contains(first);
  }

  @Test
  void recordingForAnOrderThatIsNotStoredIsAStorageException() {
    CompletionIntent intent = anIntent(newOrderNo(), 300);

    assertThatThrownBy(() -> tx(r -> r.intents().record(intent)))
        .isInstanceOf(StorageException.class);
    assertThat(findIntent(intent.id())).isEmpty();
  }

  @Test
  void aPayloadThatDoesNotMatchTheOrderIsRefusedBeforeAnythingIsWritten() {
    OutOrderNo no = newOrderNo();
    tx(r -> r.orders().insert(anOrder(MCHID, no)));
    CompleteOrder otherService =
        new CompleteOrder(
            "wx0000000000000000", "999999", List.of(), List.of(), 0, null, null, null, null, null);
    CompletionIntent intent =
        CompletionIntent.pending(MCHID, no, CompletionPayload.of(otherService), "ops", T0);

    assertThatThrownBy(() -> tx(r -> r.intents().record(intent)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("payload.appid")
        .hasMessageContaining("payload.service_id");
    assertThat(findIntent(MCHID, no, IntentKind.COMPLETE)).isEmpty();
  }

  @Test
  void aPayloadWhoseJsonOrDigestIsNotItsOrdersIsRefusedBeforeAnythingIsWritten() {
    OutOrderNo no = newOrderNo();
    tx(r -> r.orders().insert(anOrder(MCHID, no)));
    CompletionPayload honest = CompletionPayload.of(aCompletion(300));
    CompletionPayload forged =
        new CompletionPayload(
            honest.order(), IntentBody.ofUtf8(honest.json().replace("300", "3")));
    CompletionIntent intent = CompletionIntent.pending(MCHID, no, forged, "ops", T0);

    assertThatThrownBy(() -> tx(r -> r.intents().record(intent)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("payload.json");
    assertThat(findIntent(MCHID, no, IntentKind.COMPLETE)).isEmpty();
  }

  @Test
  void oversizedFieldsAreAllRefused() {
    CompletionIntent intent = anIntent(newOrderNo(), 300);
    CompletionIntent oversized =
        IntentFixtures.inFlight(intent, T0)
            .settledAs(IntentStatus.PENDING, 0, T0, "o".repeat(65), "e".repeat(2001), T0);

    assertThatThrownBy(() -> storeAndRecord(oversized))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("last_outcome: at most 64")
        .hasMessageContaining("last_error: at most 2000");
    assertThat(findOrder(MCHID, intent.outOrderNo())).isEmpty();
  }

  @Test
  void claimTakesOnlyDueIntentsAndLeasesThemInTheStoresTime() {
    CompletionIntent later = scheduled(recordedIntent(MCHID, T0), Duration.ofSeconds(2));
    CompletionIntent due = recordedIntent(MCHID, T0);
    CompletionIntent settled = recordedIntent(MCHID, T0);
    tx(
        r ->
            r.intents()
                .update(
                    IntentFixtures.inFlight(settled, T0)
                        .settledAs(IntentStatus.SUCCEEDED, 1, T0, "ACCEPTED", null, T0)));

    List<CompletionIntent> claimed = claim("worker-a", LEASE, 10);

    assertThat(claimed).extracting(CompletionIntent::id).containsExactly(due.id());
    CompletionIntent leased = claimed.get(0);
    assertThat(leased.status()).isEqualTo(IntentStatus.IN_FLIGHT);
    assertThat(leased.leaseOwner()).isEqualTo("worker-a");
    assertThat(Duration.between(leased.updatedAt(), leased.leaseExpiresAt()))
        .isBetween(LEASE.minusMillis(10), LEASE.plusSeconds(1));
    assertThat(leased.version()).isEqualTo(due.version() + 1);
    assertThat(findIntent(due.id())).contains(leased);
    assertThat(claim("worker-b", LEASE, 10)).isEmpty();
    elapse(Duration.ofMillis(2100));
    assertThat(claim("worker-b", LEASE, 10))
        .extracting(CompletionIntent::id)
        .containsExactly(later.id());
  }

  @Test
  void aNewIntentIsDueAtOnceWhateverTheRecordersClock() {
    CompletionIntent ahead = recordedIntent(MCHID, Instant.now().plus(Duration.ofDays(1)));

    assertThat(claim("worker-a", LEASE, 10))
        .extracting(CompletionIntent::id)
        .containsExactly(ahead.id());
  }

  @Test
  void claimTakesAtMostTheLimitOldestDueFirst() {
    CompletionIntent third = recordedIntent(MCHID, T0.minusSeconds(1));
    CompletionIntent first = recordedIntent(MCHID, T0.minusSeconds(3));
    CompletionIntent second = recordedIntent(OTHER_MCHID, T0.minusSeconds(2));

    List<CompletionIntent> claimed = claim("worker-a", LEASE, 2);

    assertThat(claimed).extracting(CompletionIntent::id).containsExactly(first.id(), second.id());
    assertThat(claim("worker-a", LEASE, 2))
        .extracting(CompletionIntent::id)
        .containsExactly(third.id());
  }

  @Test
  void claimTakesOnlyTheMerchantsGivenAndAtMostEachOnesPermits() {
    CompletionIntent first = recordedIntent(MCHID, T0.minusSeconds(3));
    CompletionIntent second = recordedIntent(MCHID, T0.minusSeconds(2));
    CompletionIntent others = recordedIntent(OTHER_MCHID, T0.minusSeconds(4));

    assertThat(claim("worker-a", LEASE, Map.of(MCHID, 1), 10))
        .extracting(CompletionIntent::id)
        .containsExactly(first.id());
    assertThat(claim("worker-a", LEASE, Map.of(MCHID, 0, OTHER_MCHID, 0), 10)).isEmpty();
    assertThat(findIntent(others.id()).orElseThrow())
        .satisfies(i -> assertThat(i.status()).isEqualTo(IntentStatus.PENDING))
        .satisfies(i -> assertThat(i.version()).isEqualTo(others.version()));
    assertThat(claim("worker-a", LEASE, Map.of(MCHID, 5, OTHER_MCHID, 5), 10))
        .extracting(CompletionIntent::id)
        .containsExactly(others.id(), second.id());
  }

  @Test
  void anExpiredLeaseIsTakenOverAndTheOldHolderLoses() {
    Duration lease = Duration.ofSeconds(2);
    CompletionIntent intent = recordedIntent(MCHID, T0);
    CompletionIntent heldByA = claim("worker-a", lease, 1).get(0);

    assertThat(claim("worker-b", lease, 1)).isEmpty();
    elapse(Duration.ofMillis(2100));
    List<CompletionIntent> takenByB = claim("worker-b", LEASE, 1);

    assertThat(takenByB).extracting(CompletionIntent::id).containsExactly(intent.id());
    assertThat(takenByB.get(0).leaseOwner()).isEqualTo("worker-b");
    assertThat(takenByB.get(0).version()).isEqualTo(heldByA.version() + 1);
    assertThat(renew(heldByA, LEASE)).isFalse();
    CompletionIntent settledByA =
        heldByA.settledAs(IntentStatus.SUCCEEDED, 1, T0, "ACCEPTED", null, T0.plusSeconds(31));
    assertThatThrownBy(() -> tx(r -> r.intents().settle(settledByA, null)))
        .isInstanceOf(StaleWriteException.class);
    assertThatThrownBy(() -> tx(r -> r.intents().update(settledByA)))
        .isInstanceOf(StaleWriteException.class);
  }

  @Test
  void aClaimTakenAgainBySameOwnerFencesTheEarlierClaim() {
    Duration lease = Duration.ofMillis(500);
    recordedIntent(MCHID, T0);
    CompletionIntent first = claim("worker-a", lease, 1).get(0);
    elapse(Duration.ofMillis(600)); // a claim after the lease ran out, however late
    CompletionIntent second = claim("worker-a", LEASE, 1).get(0);

    assertThat(renew(first, LEASE)).isFalse();
    assertThatThrownBy(
            () ->
                tx(
                    r ->
                        r.intents()
                            .settle(
                                first.settledAs(
                                    IntentStatus.FAILED, 1, T0, "REJECTED", "X", T0),
                                null)))
        .isInstanceOf(StaleWriteException.class);
    assertThat(renew(second, LEASE)).isTrue();
  }

  @Test
  void renewingALeaseKeepsItAndTheVersion() {
    Duration lease = Duration.ofSeconds(2);
    CompletionIntent intent = recordedIntent(MCHID, T0);
    CompletionIntent held = claim("worker-a", lease, 1).get(0);

    elapse(Duration.ofMillis(1200));
    assertThat(renew(held, lease)).isTrue();
    elapse(Duration.ofMillis(1200));

    assertThat(claim("worker-b", LEASE, 1)).isEmpty();
    CompletionIntent stored = findIntent(intent.id()).orElseThrow();
    assertThat(stored.leaseExpiresAt()).isAfter(held.leaseExpiresAt());
    assertThat(stored.version()).isEqualTo(held.version());
    assertThat(stored.leaseOwner()).isEqualTo("worker-a");
  }

  @Test
  void settlingReleasesTheLeaseAndASettledIntentCannotBeRenewedOrClaimed() {
    CompletionIntent intent = recordedIntent(MCHID, T0);
    CompletionIntent held = claim("worker-a", LEASE, 1).get(0);

    CompletionIntent settled =
        tx(
            r ->
                r.intents()
                    .settle(
                        held.settledAs(
                            IntentStatus.NEEDS_ATTENTION,
                            1,
                            T0,
                            "REJECTED",
                            "ORDER_CANCELED",
                            T0),
                        null));

    assertThat(settled.version()).isEqualTo(held.version() + 1);
    assertThat(settled.leaseOwner()).isNull();
    assertThat(settled.nextAttemptAt()).isEqualTo(T0);
    assertThat(findIntent(intent.id())).contains(settled);
    assertThat(renew(settled, LEASE)).isFalse();
    assertThat(renew(held, LEASE)).isFalse();
    assertThat(claim("worker-b", LEASE, 10)).isEmpty();
  }

  @Test
  void settlingSeveralAtOnceWritesEachFencedByItsOwnVersionAndLeavesAStaleOneAlone() {
    for (int i = 0; i < 3; i++) {
      recordedIntent(MCHID, T0);
    }
    List<CompletionIntent> held = claim("worker-a", LEASE, 3);
    assertThat(held).hasSize(3);
    CompletionIntent stale = held.get(1);
    // another writer moved the middle one on (a takeover, an operator)
    tx(r -> r.intents().update(stale.settledAs(IntentStatus.PENDING, 0, T0, null, null, T0)));

    List<Optional<CompletionIntent>> settled =
        settleAll(held, IntentStatus.SUCCEEDED, "ACCEPTED", null, null);

    assertThat(settled).hasSize(3);
    assertThat(settled.get(1)).isEmpty();
    for (int i : new int[] {0, 2}) {
      CompletionIntent one = settled.get(i).orElseThrow();
      assertThat(one.id()).isEqualTo(held.get(i).id());
      assertThat(one.status()).isEqualTo(IntentStatus.SUCCEEDED);
      assertThat(one.version()).isEqualTo(held.get(i).version() + 1);
      assertThat(one.leaseOwner()).isNull();
      assertThat(findIntent(one.id())).contains(one);
    }
    CompletionIntent untouched = findIntent(stale.id()).orElseThrow();
    assertThat(untouched.status()).isEqualTo(IntentStatus.PENDING);
    assertThat(untouched.version()).isEqualTo(stale.version() + 1);
  }

  @Test
  void settlingSeveralAtOnceSchedulesEachRetryInTheStoresTime() {
    recordedIntent(MCHID, T0);
    recordedIntent(MCHID, T0);
    List<CompletionIntent> held = claim("worker-a", LEASE, 2);

    List<Optional<CompletionIntent>> settled =
        settleAll(held, IntentStatus.PENDING, "UNKNOWN", "timeout", Duration.ofHours(1));

    assertThat(settled).allSatisfy(s -> assertThat(s).isPresent());
    assertThat(claim("worker-b", LEASE, 10)).isEmpty(); // due in an hour, not at T0
  }

  /** Settles every one of {@code held} as {@code status} after one attempt, in one call. */
  private List<Optional<CompletionIntent>> settleAll(
      List<CompletionIntent> held,
      IntentStatus status,
      String outcome,
      @Nullable String error,
      @Nullable Duration dueIn) {
    List<CompletionIntents.Settle> settles =
        held.stream()
            .map(
                i ->
                    new CompletionIntents.Settle(
                        i.settledAs(status, 1, T0, outcome, error, T0), dueIn))
            .toList();
    return tx(r -> r.intents().settleAll(settles));
  }

  @Test
  void aRetryScheduledLaterIsClaimedOnlyWhenDueInTheStoresTime() {
    recordedIntent(MCHID, T0);
    CompletionIntent held = claim("worker-a", LEASE, 1).get(0);
    CompletionIntent retry =
        tx(
            r ->
                r.intents()
                    .settle(
                        held.settledAs(
                            IntentStatus.PENDING, 1, T0, "TIMEOUT", "read timed out", T0),
                        Duration.ofMillis(700)));

    assertThat(Duration.between(retry.updatedAt(), retry.nextAttemptAt()))
        .isBetween(Duration.ofMillis(690), Duration.ofMillis(1700));
    assertThat(claim("worker-a", LEASE, 1)).isEmpty();
    elapse(Duration.ofMillis(800));
    assertThat(claim("worker-a", LEASE, 1))
        .singleElement()
        .satisfies(i -> assertThat(i.attempts()).as("counted by the claim").isEqualTo(2));
  }

  @Test
  void aClaimCountsTheAttemptItIsAboutToSendAndNamesTheOwnerItTookOverFrom() {
    Duration shortLease = Duration.ofMillis(300);
    recordedIntent(MCHID, T0);

    ClaimBatch first = claimCounted("worker-a", shortLease, 5);
    elapse(Duration.ofMillis(400)); // worker-a died after sending: its lease expires
    ClaimBatch second = claimCounted("worker-b", LEASE, 5);

    assertThat(first.leased())
        .singleElement()
        .satisfies(c -> assertThat(c.takenOverFrom()).isNull())
        .satisfies(c -> assertThat(c.intent().attempts()).isEqualTo(1));
    assertThat(second.leased())
        .singleElement()
        .satisfies(c -> assertThat(c.takenOverFrom()).isEqualTo("worker-a"))
        .satisfies(c -> assertThat(c.intent().attempts()).isEqualTo(2))
        .satisfies(c -> assertThat(c.intent().leaseOwner()).isEqualTo("worker-b"));
    assertThat(second.setAside()).isEmpty();
  }

  @Test
  void anIntentClaimedMaxClaimsTimesWithoutSettlingIsSetAsideInsteadOfClaimed() {
    Duration shortLease = Duration.ofMillis(300);
    CompletionIntent intent = recordedIntent(MCHID, T0);
    claimCounted("worker-a", shortLease, 2);
    elapse(Duration.ofMillis(400));
    claimCounted("worker-b", shortLease, 2);
    elapse(Duration.ofMillis(400));

    ClaimBatch third = claimCounted("worker-c", LEASE, 2);

    assertThat(third.leased()).isEmpty();
    assertThat(third.setAside())
        .singleElement()
        .satisfies(c -> assertThat(c.takenOverFrom()).isEqualTo("worker-b"));
    CompletionIntent stored = findIntent(intent.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(IntentStatus.NEEDS_ATTENTION);
    assertThat(stored.leaseOwner()).isNull();
    assertThat(stored.attempts()).as("both claims' attempts stay counted").isEqualTo(2);
    assertThat(stored.lastOutcome()).isEqualTo("CLAIMED_TOO_OFTEN");
    assertThat(stored.lastError()).contains("claimed 2 times without settling");
    assertThat(claimCounted("worker-c", LEASE, 2).leased()).isEmpty();
  }

  @Test
  void aSettlementStartsTheClaimCountOver() {
    Duration shortLease = Duration.ofMillis(300);
    recordedIntent(MCHID, T0);
    claimCounted("worker-a", shortLease, 2);
    elapse(Duration.ofMillis(400));
    CompletionIntent held = claimCounted("worker-b", LEASE, 2).intents().get(0);
    tx(
        r ->
            r.intents()
                .settle(
                    held.settledAs(IntentStatus.PENDING, 2, T0, "TIMEOUT", "read timed out", T0),
                    Duration.ZERO));

    claimCounted("worker-c", shortLease, 2);
    elapse(Duration.ofMillis(400));
    ClaimBatch again = claimCounted("worker-d", LEASE, 2);

    assertThat(again.setAside()).isEmpty();
    assertThat(again.intents()).singleElement().satisfies(i -> assertThat(i.attempts()).isEqualTo(4));
  }

  @Test
  void badClaimArgumentsAreAllRefused() {
    assertThatThrownBy(
            () ->
                tx(
                    r ->
                        r.intents()
                            .claimDue("w".repeat(129), Duration.ZERO, Map.of(MCHID, -1), 0, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxClaims")
        .hasMessageContaining("owner")
        .hasMessageContaining("lease")
        .hasMessageContaining("limit")
        .hasMessageContaining("permits[" + MCHID + "]");
  }

  @Test
  void twoClaimersNeverGetTheSameIntent() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 8; round++) {
        Set<IntentId> seeded = seedDueIntents(12, T0.plusSeconds(round));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<IntentId>>> claimers = new ArrayList<>();
        for (String owner : List.of("worker-a", "worker-b")) {
          claimers.add(pool.submit(() -> claimUntilNoneLeft(start, owner)));
        }
        start.countDown();
        List<IntentId> all = new ArrayList<>();
        for (Future<List<IntentId>> claimer : claimers) {
          all.addAll(claimer.get(60, TimeUnit.SECONDS));
        }
        assertThat(all).as("round %d", round).doesNotHaveDuplicates();
        assertThat(new HashSet<>(all)).as("round %d", round).isEqualTo(seeded);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** {@code recorded}, claimed and given back due again after {@code after}. */
  private CompletionIntent scheduled(CompletionIntent recorded, Duration after) {
    CompletionIntent held =
        claim("scheduler", LEASE, Map.of(recorded.mchid(), 1), 1).stream()
            .filter(i -> i.id().equals(recorded.id()))
            .findFirst()
            .orElseThrow();
    return tx(
        r ->
            r.intents()
                .settle(
                    held.settledAs(IntentStatus.PENDING, 0, T0, null, null, T0), after));
  }

  private Set<IntentId> seedDueIntents(int count, Instant now) {
    return tx(
        r -> {
          Set<IntentId> ids = new HashSet<>();
          for (int i = 0; i < count; i++) {
            MerchantId mchid = i % 2 == 0 ? MCHID : OTHER_MCHID;
            OutOrderNo no = newOrderNo();
            r.orders().insert(anOrder(mchid, no));
            ids.add(written(r.intents().record(anIntent(mchid, no, 300, now))).id());
          }
          return ids;
        });
  }

  private List<IntentId> claimUntilNoneLeft(CountDownLatch start, String owner)
      throws InterruptedException {
    start.await();
    List<IntentId> mine = new ArrayList<>();
    while (true) {
      // A lease longer than the test, so that no round takes over an earlier round's intents.
      List<CompletionIntent> batch = claim(owner, Duration.ofDays(1), 2);
      if (batch.isEmpty()) {
        return mine;
      }
      batch.forEach(i -> mine.add(i.id()));
    }
  }

  @Test
  void listingAndCountingAreScopedByMerchant() {
    CompletionIntent older = recordedIntent(MCHID, T0);
    CompletionIntent newer = recordedIntent(MCHID, T0.plusSeconds(1));
    CompletionIntent others = recordedIntent(OTHER_MCHID, T0);
    tx(
        r ->
            r.intents()
                .update(
                    IntentFixtures.inFlight(newer, T0)
                        .settledAs(IntentStatus.FAILED, 1, T0, "REJECTED", "ORDER_CANCELED", T0)));

    assertThat(listIntents(MCHID, null, 10))
        .extracting(CompletionIntent::id)
        .containsExactly(newer.id(), older.id());
    assertThat(listIntents(MCHID, IntentStatus.PENDING, 10))
        .extracting(CompletionIntent::id)
        .containsExactly(older.id());
    assertThat(listIntents(MCHID, null, 1)).hasSize(1);
    assertThat(countByStatus(MCHID))
        .isEqualTo(Map.of(IntentStatus.PENDING, 1L, IntentStatus.FAILED, 1L));
    assertThat(listIntents(OTHER_MCHID, null, 10))
        .extracting(CompletionIntent::id)
        .containsExactly(others.id());
  }

  @Test
  void statsCountTheOpenIntentsOfTheGivenMerchantsByStatus() {
    recordedIntent(MCHID, T0);
    CompletionIntent inFlight = recordedIntent(MCHID, T0.plusSeconds(1));
    CompletionIntent attention = recordedIntent(MCHID, T0.plusSeconds(2));
    CompletionIntent failed = recordedIntent(MCHID, T0.plusSeconds(3));
    recordedIntent(OTHER_MCHID, T0.minusSeconds(3600));
    tx(r -> r.intents().update(IntentFixtures.inFlight(inFlight, T0.plusSeconds(60))));
    tx(
        r ->
            r.intents()
                .update(
                    IntentFixtures.inFlight(attention, T0)
                        .settledAs(
                            IntentStatus.NEEDS_ATTENTION, 1, T0, "MISMATCH", "differs", T0)));
    tx(
        r ->
            r.intents()
                .update(
                    IntentFixtures.inFlight(failed, T0)
                        .settledAs(IntentStatus.FAILED, 1, T0, "REJECTED", "ORDER_CANCELED", T0)));

    IntentStats mine = stats(Set.of(MCHID));
    assertThat(mine.pending()).isEqualTo(1);
    assertThat(mine.inFlight()).isEqualTo(1);
    assertThat(mine.needsAttention()).isEqualTo(1);
    assertThat(mine.oldestPendingAge()).isPresent();
    IntentStats both = stats(Set.of(MCHID, OTHER_MCHID));
    assertThat(both.pending()).isEqualTo(2);
    assertThat(both.open()).isEqualTo(4);
    // the other merchant's pending intent was requested an hour earlier
    assertThat(both.oldestPendingAge().orElseThrow())
        .isGreaterThanOrEqualTo(mine.oldestPendingAge().orElseThrow().plusMinutes(59));
    assertThat(stats(Set.of(MerchantId.of("1900009999")))).isEqualTo(IntentStats.NONE);
    assertThat(stats(Set.of())).isEqualTo(IntentStats.NONE);
  }

  @Test
  void theOldestPendingAgeIsMeasuredFromTheOldestRequestByTheStoresClock() {
    CompletionIntent oldest = recordedIntent(MCHID, T0.minusSeconds(60));
    recordedIntent(MCHID, T0);
    Duration before = stats(Set.of(MCHID)).oldestPendingAge().orElseThrow();

    elapse(Duration.ofMillis(50));
    Duration later = stats(Set.of(MCHID)).oldestPendingAge().orElseThrow();
    tx(r -> r.intents().update(IntentFixtures.inFlight(oldest, T0.plusSeconds(60))));
    Duration withoutTheOldest = stats(Set.of(MCHID)).oldestPendingAge().orElseThrow();

    assertThat(later).isGreaterThanOrEqualTo(before.plusMillis(50));
    assertThat(later.minus(withoutTheOldest))
        .isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60));
  }

  @Test
  void aRequestStampedAheadOfTheStoresClockIsZeroSecondsOldNeverNegative() {
    recordedIntent(MCHID, T0.plus(Duration.ofDays(36_500)));

    assertThat(stats(Set.of(MCHID)).oldestPendingAge()).contains(Duration.ZERO);
  }

  private IntentStats stats(Set<MerchantId> merchants) {
    return tx(r -> r.intents().stats(merchants));
  }
}
