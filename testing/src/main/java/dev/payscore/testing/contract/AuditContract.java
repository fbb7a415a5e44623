package dev.payscore.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.payscore.AuditCursor;
import dev.payscore.AuditEvent;
import dev.payscore.AuditEventType;
import dev.payscore.AuditPage;
import dev.payscore.AuditQuery;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.model.LifecycleState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The contract of {@code AuditLog} and {@code AuditHistory}. */
public abstract class AuditContract extends StorageContract {

  @Test
  void appendedEventKeepsEveryField() {
    AuditEntry entry = anEntry(MCHID, newOrderNo(), AuditEventType.COMPLETION_ATTEMPTED, T0);

    AuditEvent event = tx(r -> r.audit().append(entry));

    assertThat(event.entry()).isEqualTo(entry);
    assertThat(event.sequence()).isEqualTo(1);
    assertThat(history(MCHID, entry.outOrderNo())).containsExactly(event);
  }

  @Test
  void eachOrdersEventsAreNumberedFromOneInOrder() {
    OutOrderNo a = newOrderNo();
    OutOrderNo b = newOrderNo();
    for (int i = 0; i < 3; i++) {
      Instant at = T0.plusSeconds(i);
      tx(r -> r.audit().append(anEntry(MCHID, a, AuditEventType.TRANSITION_APPLIED, at)));
      if (i < 2) {
        tx(r -> r.audit().append(anEntry(MCHID, b, AuditEventType.TRANSITION_APPLIED, at)));
      }
    }
    tx(r -> r.audit().append(anEntry(OTHER_MCHID, a, AuditEventType.TRANSITION_APPLIED, T0)));

    assertThat(history(MCHID, a)).extracting(AuditEvent::sequence).containsExactly(1L, 2L, 3L);
    assertThat(history(MCHID, b)).extracting(AuditEvent::sequence).containsExactly(1L, 2L);
    assertThat(history(OTHER_MCHID, a))
        .singleElement()
        .satisfies(e -> assertThat(e.entry().mchid()).isEqualTo(OTHER_MCHID));
  }

  @Test
  void concurrentAppendsToOneOrderGetDistinctGaplessSequences() throws Exception {
    OutOrderNo no = newOrderNo();
    int perThread = 15;
    inTwoThreadsAtOnce(
        perThread,
        () -> tx(r -> r.audit().append(anEntry(MCHID, no, AuditEventType.SWEEP_FINDING, T0))));

    assertThat(history(MCHID, no))
        .extracting(AuditEvent::sequence)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 2L * perThread).boxed().toList());
  }

  @Test
  void appendAllNumbersEntriesInTheirOrderAfterEachOrdersEarlierEvents() {
    OutOrderNo a = newOrderNo();
    OutOrderNo b = newOrderNo();
    tx(r -> r.audit().append(anEntry(MCHID, a, AuditEventType.COMPLETION_REQUESTED, T0)));
    List<AuditEntry> entries =
        List.of(
            anEntry(MCHID, a, AuditEventType.COMPLETION_ATTEMPTED, T0.plusSeconds(1)),
            anEntry(MCHID, a, AuditEventType.TRANSITION_APPLIED, T0.plusSeconds(1)),
            anEntry(MCHID, b, AuditEventType.COMPLETION_ATTEMPTED, T0.plusSeconds(2)),
            anEntry(MCHID, a, AuditEventType.COMPLETION_SUCCEEDED, T0.plusSeconds(3)));

    List<AuditEvent> events = tx(r -> r.audit().appendAll(entries));

    assertThat(events).extracting(AuditEvent::entry).containsExactlyElementsOf(entries);
    assertThat(events).extracting(AuditEvent::sequence).containsExactly(2L, 3L, 1L, 4L);
    assertThat(history(MCHID, a))
        .extracting(AuditEvent::sequence, e -> e.entry().type())
        .containsExactly(
            tuple(1L, AuditEventType.COMPLETION_REQUESTED),
            tuple(2L, AuditEventType.COMPLETION_ATTEMPTED),
            tuple(3L, AuditEventType.TRANSITION_APPLIED),
            tuple(4L, AuditEventType.COMPLETION_SUCCEEDED));
    assertThat(history(MCHID, b)).containsExactly(events.get(2));
    List<AuditEvent> none = tx(r -> r.audit().appendAll(List.of()));
    assertThat(none).isEmpty();
  }

  @Test
  void concurrentBatchesToOneOrderGetDistinctGaplessSequences() throws Exception {
    OutOrderNo no = newOrderNo();
    int batches = 5;
    List<AuditEntry> batch =
        List.of(
            anEntry(MCHID, no, AuditEventType.COMPLETION_ATTEMPTED, T0),
            anEntry(MCHID, no, AuditEventType.TRANSITION_APPLIED, T0),
            anEntry(MCHID, no, AuditEventType.COMPLETION_SUCCEEDED, T0));
    inTwoThreadsAtOnce(batches, () -> tx(r -> r.audit().appendAll(batch)));

    List<AuditEvent> history = history(MCHID, no);
    assertThat(history)
        .extracting(AuditEvent::sequence)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 2L * batches * 3).boxed().toList());
    // A batch is never interleaved with another: its events keep their order and are adjacent.
    for (int i = 0; i < history.size(); i += 3) {
      assertThat(history.subList(i, i + 3))
          .extracting(e -> e.entry().type())
          .containsExactly(
              AuditEventType.COMPLETION_ATTEMPTED,
              AuditEventType.TRANSITION_APPLIED,
              AuditEventType.COMPLETION_SUCCEEDED);
    }
  }

  @Test
  void aMinimalEntryRoundTrips() {
    AuditEntry entry =
        aBareEntry(MCHID, newOrderNo(), AuditEventType.CALLBACK_RECEIVED, null, null, T0);

    tx(r -> r.audit().append(entry));

    assertThat(history(MCHID, entry.outOrderNo()))
        .singleElement()
        .satisfies(e -> assertThat(e.entry()).isEqualTo(entry));
  }

  @Test
  void pagesWalkTheRangeOldestFirstWithoutGapsOrRepeats() {
    List<AuditEvent> inRange = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      // Pairs share an instant, so the id has to break ties.
      Instant at = T0.plusSeconds(i / 2);
      AuditEvent event = append(MCHID, AuditEventType.TRANSITION_APPLIED, at);
      inRange.add(event);
    }
    append(MCHID, AuditEventType.TRANSITION_APPLIED, T0.minusSeconds(1));
    append(MCHID, AuditEventType.TRANSITION_APPLIED, T0.plusSeconds(100));
    append(OTHER_MCHID, AuditEventType.TRANSITION_APPLIED, T0.plusSeconds(3));
    inRange.sort(
        Comparator.comparing((AuditEvent e) -> e.entry().occurredAt())
            .thenComparingLong(AuditEvent::id));

    List<AuditEvent> walked = walk(MCHID, Set.of(), null, 5);

    assertThat(walked).containsExactlyElementsOf(inRange);
  }

  @Test
  void pagingStaysCorrectWhileEventsAreAppended() {
    for (int i = 0; i < 6; i++) {
      append(MCHID, AuditEventType.TRANSITION_APPLIED, T0.plusSeconds(i * 10L));
    }
    AuditPage first = page(query(MCHID, Set.of(), null, null, 3));
    AuditCursor cursor = first.nextCursor().orElseThrow();

    append(MCHID, AuditEventType.TRANSITION_APPLIED, T0.plusSeconds(1)); // behind the cursor
    AuditEvent ahead = append(MCHID, AuditEventType.TRANSITION_APPLIED, T0.plusSeconds(55));
    AuditPage second = page(query(MCHID, Set.of(), null, cursor, 3));
    AuditPage third = page(query(MCHID, Set.of(), null, second.nextCursor().orElseThrow(), 3));

    assertThat(first.events())
        .extracting(e -> e.entry().occurredAt())
        .containsExactly(T0, T0.plusSeconds(10), T0.plusSeconds(20));
    assertThat(second.events())
        .extracting(e -> e.entry().occurredAt())
        .containsExactly(T0.plusSeconds(30), T0.plusSeconds(40), T0.plusSeconds(50));
    assertThat(third.events()).containsExactly(ahead);
    assertThat(third.nextCursor()).isEmpty();
  }

  @Test
  void pagesCanBeLimitedToSomeTypesOrToAState() {
    AuditEvent attempted = append(MCHID, AuditEventType.COMPLETION_ATTEMPTED, T0);
    AuditEvent succeeded = append(MCHID, AuditEventType.COMPLETION_SUCCEEDED, T0.plusSeconds(1));
    append(MCHID, AuditEventType.CALLBACK_RECEIVED, T0.plusSeconds(2));
    AuditEntry toDone =
        aBareEntry(
            MCHID,
            newOrderNo(),
            AuditEventType.TRANSITION_APPLIED,
            LifecycleState.DOING_MCH_COMPLETE,
            LifecycleState.DONE,
            T0.plusSeconds(3));
    AuditEvent done = tx(r -> r.audit().append(toDone));

    assertThat(
            walk(
                MCHID,
                Set.of(AuditEventType.COMPLETION_ATTEMPTED, AuditEventType.COMPLETION_SUCCEEDED),
                null,
                10))
        .containsExactly(attempted, succeeded);
    assertThat(walk(MCHID, Set.of(), LifecycleState.DONE, 10)).containsExactly(done);
  }

  @Test
  void oneMerchantNeverReadsAnothersEvents() {
    OutOrderNo no = newOrderNo();
    tx(r -> r.audit().append(anEntry(OTHER_MCHID, no, AuditEventType.ORDER_CREATED, T0)));

    assertThat(history(MCHID, no)).isEmpty();
    assertThat(walk(MCHID, Set.of(), null, 10)).isEmpty();
  }

  @Test
  void oversizedOrMalformedFieldsAreAllRefused() {
    OutOrderNo no = newOrderNo();
    AuditEntry bad =
        new AuditEntry(
            MCHID,
            no,
            AuditEventType.COMPLETION_ATTEMPTED,
            null,
            null,
            AuditCause.API_CALL,
            "x".repeat(129),
            null,
            null,
            "not-a-digest",
            null,
            null,
            "m".repeat(1025),
            null,
            null,
            T0);

    assertThatThrownBy(() -> tx(r -> r.audit().append(bad)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("actor")
        .hasMessageContaining("request_sha256")
        .hasMessageContaining("wechat_message");
    assertThat(history(MCHID, no)).isEmpty();
  }

  private AuditEvent append(MerchantId mchid, AuditEventType type, Instant at) {
    return tx(r -> r.audit().append(anEntry(mchid, newOrderNo(), type, at)));
  }

  private static AuditQuery query(
      MerchantId mchid,
      Set<AuditEventType> types,
      @Nullable LifecycleState toState,
      @Nullable AuditCursor after,
      int limit) {
    return new AuditQuery(mchid, T0, T0.plusSeconds(60), types, toState, after, limit);
  }

  /** Every page of the range [T0, T0 + 60 s), concatenated. */
  private List<AuditEvent> walk(
      MerchantId mchid, Set<AuditEventType> types, @Nullable LifecycleState toState, int limit) {
    List<AuditEvent> all = new ArrayList<>();
    AuditCursor cursor = null;
    do {
      AuditCursor after = cursor;
      AuditPage page = page(query(mchid, types, toState, after, limit));
      assertThat(page.events()).hasSizeLessThanOrEqualTo(limit);
      all.addAll(page.events());
      cursor = page.next();
    } while (cursor != null);
    return all;
  }

  /** Runs {@code append} {@code times} times in each of two threads started together. */
  private static void inTwoThreadsAtOnce(int times, Runnable append) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> appenders = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        appenders.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < times; i++) {
                    append.run();
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> appender : appenders) {
        appender.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
