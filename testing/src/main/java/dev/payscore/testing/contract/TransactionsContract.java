package dev.payscore.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.AuditEvent;
import dev.payscore.AuditEventType;
import dev.payscore.CompletionIntent;
import dev.payscore.OutOrderNo;
import org.junit.jupiter.api.Test;

/** The contract of {@code Transactions}: all of the work, or none of it. */
public abstract class TransactionsContract extends StorageContract {

  @Test
  void workThatReturnsIsCommittedWhole() {
    OutOrderNo no = newOrderNo();
    CompletionIntent intent = anIntent(no, 300);

    tx(
        r -> {
          r.orders().insert(anOrder(MCHID, no));
          r.intents().record(intent);
          return r.audit().append(anEntry(MCHID, no, AuditEventType.COMPLETION_REQUESTED, T0));
        });

    assertThat(findOrder(MCHID, no)).isPresent();
    assertThat(findIntent(intent.id())).isPresent();
    assertThat(history(MCHID, no)).hasSize(1);
  }

  @Test
  void workThatThrowsLeavesNothingAndItsExceptionPassesUnchanged() {
    OutOrderNo no = newOrderNo();
    CompletionIntent intent = anIntent(no, 300);
    IllegalStateException failure = new IllegalStateException("the caller changed its mind");

    assertThatThrownBy(
            () ->
                tx(
                    r -> {
                      r.orders().insert(anOrder(MCHID, no));
                      r.intents().record(intent);
                      r.audit().append(anEntry(MCHID, no, AuditEventType.COMPLETION_REQUESTED, T0));
                      r.inbox().markReceived("EV-9", MCHID, "PAYSCORE.USER_PAID", T0);
                      throw failure;
                    }))
        .isSameAs(failure);

    assertThat(findOrder(MCHID, no)).isEmpty();
    assertThat(findIntent(intent.id())).isEmpty();
    assertThat(history(MCHID, no)).isEmpty();
    assertThat(received("EV-9", MCHID, "PAYSCORE.USER_PAID", T0)).isTrue();
    // The audit sequence was rolled back too: the next event of the order is number 1 again.
    AuditEvent next =
        tx(r -> r.audit().append(anEntry(MCHID, no, AuditEventType.ORDER_CREATED, T0)));
    assertThat(next.sequence()).isEqualTo(1);
  }
}
