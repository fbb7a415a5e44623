package dev.payscore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What WeChat does on the clock alone: expire unconfirmed orders, collect completed ones. */
final class DueWorkTest {
  // as long as an unconfirmed order lives, so that expiries and payments interleave
  private static final Duration AUTO_PAY_DELAY = Duration.ofDays(30);
  private static final int EACH = 20;

  /** An expiry or automatic payment the test expects at {@code at}. */
  private record Expected(Instant at, String outOrderNo, Operation operation) {
    Tuple appliedAt(Instant now) {
      return tuple(outOrderNo, operation, now, operation == Operation.EXPIRE ? "EXPIRED" : "DONE");
    }
  }

  private PayScoreSandbox sandbox;
  private Flows flows;

  @BeforeEach
  void start() {
    sandbox = PayScoreSandbox.start(Fixture.config().autoPayDelay(AUTO_PAY_DELAY).build());
    flows = new Flows(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void eachOrderMovesWhenItsTimeComesInTheOrderTheyFellDueAndNoneThatMovedOnBefore() {
    List<String> paying = new ArrayList<>();
    for (int i = 0; i < EACH; i++) {
      paying.add("p-" + i);
      assertThat(flows.create(Fixture.createNoConfirm("p-" + i)).status()).isEqualTo(200);
    }
    // completed in another order than created: due order is not creation order
    Collections.shuffle(paying, new Random(7));
    sandbox.clock().advance(Duration.ofMinutes(5)); // past the end time of the complete body

    List<Expected> expected = new ArrayList<>();
    for (int i = 0; i < 2 * EACH; i++) {
      // every fourth action shares the minute of the one before: a tie, settled in queue order
      if (i % 4 != 3) {
        sandbox.clock().advance(Duration.ofMinutes(1));
      }
      Instant due = sandbox.clock().instant().plus(Duration.ofDays(30));
      if (i % 2 == 0) {
        flows.created("e-" + i / 2);
        expected.add(new Expected(due, "e-" + i / 2, Operation.EXPIRE));
      } else {
        String outOrderNo = paying.get(i / 2);
        assertThat(flows.complete(outOrderNo, Fixture.completeNoConfirm(15_00)).status())
            .isEqualTo(200);
        expected.add(new Expected(due, outOrderNo, Operation.USER_PAID));
      }
    }

    // these move on before their time comes: their queued expiry or payment must come to nothing
    String paidByUser = paying.get(4);
    String cancelledUnpaid = paying.get(9);
    sandbox.confirm("e-3");
    assertThat(flows.cancel("e-7", "用户取消").status()).isEqualTo(200);
    sandbox.pay(paidByUser);
    String cancel = "{\"appid\":\"" + Fixture.APPID + "\",\"reason\":\"用户取消\"}";
    assertThat(flows.client.post(Flows.path(cancelledUnpaid, "cancel"), cancel).status())
        .isEqualTo(200);
    Set<String> movedOn = Set.of("e-3", "e-7", paidByUser, cancelledUnpaid);
    expected.removeIf(e -> movedOn.contains(e.outOrderNo()));
    expected.sort(Comparator.comparing(Expected::at)); // stable: ties stay in queue order

    int seen = sandbox.ledger().size();
    Instant first = expected.get(0).at();
    sandbox.clock().advance(Duration.between(sandbox.clock().instant(), first).minusSeconds(1));
    assertThat(sandbox.ledger()).hasSize(seen);

    Instant last = expected.get(expected.size() - 1).at();
    int applied = 0;
    while (sandbox.clock().instant().isBefore(last.plusSeconds(90))) {
      Instant before = sandbox.clock().instant();
      // 90 seconds: a step takes in one or two of the due minutes
      sandbox.clock().advance(Duration.ofSeconds(90));
      Instant now = sandbox.clock().instant();
      List<Tuple> due =
          expected.stream()
              .filter(e -> e.at().isAfter(before) && !e.at().isAfter(now))
              .map(e -> e.appliedAt(now))
              .toList();
      List<LedgerEntry> ledger = sandbox.ledger();

      assertThat(ledger.subList(seen, ledger.size()))
          .as("applied in (%s, %s]", before, now)
          .extracting(
              LedgerEntry::outOrderNo,
              LedgerEntry::operation,
              LedgerEntry::time,
              LedgerEntry::resultingState)
          .containsExactlyElementsOf(due);
      seen = ledger.size();
      applied += due.size();
    }

    assertThat(applied).isEqualTo(2 * EACH - movedOn.size());
    assertThat(sandbox.ledger("e-3"))
        .extracting(LedgerEntry::operation)
        .containsExactly(Operation.CREATE, Operation.USER_CONFIRM);
    assertThat(sandbox.ledger("e-7"))
        .extracting(LedgerEntry::operation)
        .containsExactly(Operation.CREATE, Operation.CANCEL);
    assertThat(sandbox.ledger(paidByUser))
        .extracting(LedgerEntry::operation)
        .containsExactly(Operation.CREATE, Operation.COMPLETE, Operation.USER_PAID);
    assertThat(sandbox.ledger(cancelledUnpaid))
        .extracting(LedgerEntry::operation)
        .containsExactly(Operation.CREATE, Operation.COMPLETE, Operation.CANCEL);
  }
}
