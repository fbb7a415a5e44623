package dev.payscore.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.AuditEventType;
import dev.payscore.CompletionIntent;
import dev.payscore.Fixtures;
import dev.payscore.IntentKind;
import dev.payscore.IntentRef;
import dev.payscore.IntentStatus;
import dev.payscore.OutOrderNo;
import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import dev.payscore.RefusalReason;
import dev.payscore.RequestCancelCommand;
import dev.payscore.RequestChangeResult;
import dev.payscore.RequestModifyCommand;
import dev.payscore.domain.completion.BillingConvention;
import dev.payscore.domain.completion.CompletionLimits;
import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.domain.intent.ModifyPayload;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.testing.IntentFixtures;
import dev.payscore.testing.MutableClock;
import dev.payscore.testing.ServiceOrderFixtures;
import dev.payscore.testing.fakes.InMemoryTransactions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cancel and modify requests: guarded locally, frozen, recorded as intents with an audit event. */
final class RequestChangeHandlerTest {
  /** A modification's bill. */
  private record Items(List<PostPayment> payments, List<PostDiscount> discounts, long total) {}

  private final MutableClock clock = MutableClock.at(ServiceOrderFixtures.NOW);
  private final InMemoryTransactions transactions = new InMemoryTransactions(clock);

  private RequestChangeResult cancel(String no, String reason) {
    return transactions.inTransaction(
        repos ->
            new RequestChangeHandler(repos, clock)
                .cancel(
                    new RequestCancelCommand(Fixtures.MCHID, OutOrderNo.of(no), reason, "ops")));
  }

  private RequestChangeResult modify(String no, long total, long itemAmount, String reason) {
    return transactions.inTransaction(
        repos ->
            new RequestChangeHandler(repos, clock)
                .modify(
                    new RequestModifyCommand(
                        Fixtures.MCHID,
                        OutOrderNo.of(no),
                        List.of(new PostPayment("费用", itemAmount, null, 1)),
                        List.of(),
                        total,
                        reason,
                        null,
                        "ops")));
  }

  private void given(String no, LifecycleState state, Long total) {
    transactions
        .committed()
        .orders()
        .insert(Fixtures.order(no, state).refreshedFrom(view(no, state, total)));
  }

  private static dev.payscore.domain.model.ObservedOrder view(
      String no, LifecycleState state, Long total) {
    return new dev.payscore.domain.model.ObservedOrder(
        Fixtures.APPID,
        Fixtures.MCHID,
        OutOrderNo.of(no),
        Fixtures.SERVICE_ID,
        null,
        state.state(),
        state.stateDescription().orElse(null),
        total,
        List.of(),
        List.of(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null, List.of());
  }

  @Test
  void aCancelIsRecordedAsAnIntentWithItsAuditEvent() {
    given("K1", LifecycleState.CREATED, null);

    RequestChangeResult result = cancel("K1", "用户取消");

    assertThat(result).isInstanceOf(RequestChangeResult.Requested.class);
    assertThat(
            transactions
                .committed()
                .intents()
                .find(Fixtures.MCHID, OutOrderNo.of("K1"), IntentKind.CANCEL))
        .get()
        .satisfies(
            i ->
                assertThat(i.payload().json())
                    .isEqualTo(
                        "{\"appid\":\""
                            + Fixtures.APPID.value()
                            + "\",\"service_id\":\""
                            + Fixtures.SERVICE_ID.value()
                            + "\",\"reason\":\"用户取消\"}"));
    assertThat(transactions.committed().history().ofOrder(Fixtures.MCHID, OutOrderNo.of("K1")))
        .extracting(e -> e.entry().type())
        .containsExactly(AuditEventType.CANCEL_REQUESTED);
    assertThat(cancel("K1", "用户取消")).isInstanceOf(RequestChangeResult.AlreadyRequested.class);
    assertThat(cancel("K1", "另一个原因")).isInstanceOf(RequestChangeResult.Conflict.class);
  }

  @Test
  void aCancelOfAPaidOrderOrWithoutAReasonIsRefusedAndWritesNothing() {
    given("K2", LifecycleState.DONE, 300L);

    RequestChangeResult result = cancel("K2", " ");

    assertThat(result)
        .isInstanceOfSatisfying(
            RequestChangeResult.Refused.class,
            refused -> {
              assertThat(refused.reason()).isEqualTo(RefusalReason.INVALID);
              assertThat(refused.violations())
                  .extracting(v -> v.path() + " " + v.rule())
                  .containsExactly("reason REQUIRED");
              assertThat(refused.detail()).contains("CANCELLED is not allowed in DONE");
            });
    assertThat(cancel("K2", "用户取消"))
        .as("the same cancel with a reason: only the state is wrong")
        .isInstanceOfSatisfying(
            RequestChangeResult.Refused.class,
            refused -> {
              assertThat(refused.reason()).isEqualTo(RefusalReason.WRONG_STATE);
              assertThat(refused.violations()).isEmpty();
              assertThat(refused.detail()).startsWith("CANCELLED is not allowed in DONE");
            });
    assertThat(cancel("NO-SUCH-ORDER", "用户取消"))
        .isInstanceOfSatisfying(
            RequestChangeResult.Refused.class,
            refused -> assertThat(refused.reason()).isEqualTo(RefusalReason.UNKNOWN_ORDER));
    assertThat(transactions.committed().history().ofOrder(Fixtures.MCHID, OutOrderNo.of("K2")))
        .isEmpty();
  }

  @Test
  void aModifyGoesOnlyDownOnACompletedOrderWithItemsThatSumToTheTotal() {
    given("M1", LifecycleState.DOING_MCH_COMPLETE, 300L);

    assertThat(modify("M1", 301, 301, "优惠")).isInstanceOf(RequestChangeResult.Refused.class);
    assertThat(modify("M1", 200, 250, "优惠")).isInstanceOf(RequestChangeResult.Refused.class);
    assertThat(modify("M1", 200, 200, "因".repeat(51)))
        .isInstanceOf(RequestChangeResult.Refused.class);
    RequestChangeResult result = modify("M1", 200, 200, "优惠");

    assertThat(result).isInstanceOf(RequestChangeResult.Requested.class);
    assertThat(((RequestChangeResult.Requested) result).intent().payload())
        .isInstanceOfSatisfying(
            ModifyPayload.class, p -> assertThat(p.order().totalAmount()).isEqualTo(200));
  }

  @Test
  void aModifyBeforeTheCompletionIsRefused() {
    given("M2", LifecycleState.DOING_USER_CONFIRM, null);

    assertThat(modify("M2", 100, 100, "优惠")).isInstanceOf(RequestChangeResult.Refused.class);
    assertThat(
            transactions
                .committed()
                .intents()
                .find(Fixtures.MCHID, OutOrderNo.of("M2"), IntentKind.MODIFY))
        .isEmpty();
  }

  private CompletionIntent settle(CompletionIntent intent, IntentStatus status) {
    CompletionIntent stored = transactions.committed().intents().find(intent.id()).orElseThrow();
    return transactions
        .committed()
        .intents()
        .update(
            IntentFixtures.inFlight(stored, clock.instant())
                .settledAs(status, 1, clock.instant(), "ACCEPTED", null, clock.instant()));
  }

  @Test
  void aSecondModificationAfterTheFirstSucceededIsTheNextGeneration() {
    given("M5", LifecycleState.DOING_MCH_COMPLETE, 300L);
    CompletionIntent first = ((RequestChangeResult.Requested) modify("M5", 200, 200, "优惠")).intent();
    settle(first, IntentStatus.SUCCEEDED);
    ServiceOrder order =
        transactions.committed().orders().find(Fixtures.MCHID, OutOrderNo.of("M5")).orElseThrow();
    transactions
        .committed()
        .orders()
        .update(order.refreshedFrom(view("M5", LifecycleState.DOING_MCH_COMPLETE, 200L)));

    RequestChangeResult second = modify("M5", 150, 150, "再优惠");
    RequestChangeResult repeatOfFirst = modify("M5", 200, 200, "优惠");

    assertThat(second)
        .isInstanceOfSatisfying(
            RequestChangeResult.Requested.class,
            requested -> {
              assertThat(requested.intent().generation()).isEqualTo(2);
              assertThat(requested.intent().supersedes()).isEqualTo(first.id());
            });
    assertThat(repeatOfFirst)
        .isInstanceOfSatisfying(
            RequestChangeResult.AlreadyRequested.class,
            already -> assertThat(already.intent().id()).isEqualTo(first.id()));
    assertThat(transactions.committed().history().ofOrder(Fixtures.MCHID, OutOrderNo.of("M5")))
        .extracting(e -> e.entry().type())
        .containsExactly(AuditEventType.MODIFY_REQUESTED, AuditEventType.MODIFY_REQUESTED);
  }

  @Test
  void aCancelWhileAModificationIsOpenIsRefusedNamingItAndWritesNothing() {
    given("M6", LifecycleState.DOING_MCH_COMPLETE, 300L);
    CompletionIntent modification =
        ((RequestChangeResult.Requested) modify("M6", 200, 200, "优惠")).intent();

    RequestChangeResult cancel = cancel("M6", "用户取消");

    assertThat(cancel)
        .isEqualTo(new RequestChangeResult.AnotherIntentOpen(IntentRef.of(modification)));
    assertThat(transactions.committed().history().ofOrder(Fixtures.MCHID, OutOrderNo.of("M6")))
        .extracting(e -> e.entry().type())
        .containsExactly(AuditEventType.MODIFY_REQUESTED);
  }

  // ---- issue 14 item 15: one rule set per field for modify; fact-sheet limits for reasons

  private RequestChangeResult modifyWith(String no, Items items, CompletionValidator validator) {
    return transactions.inTransaction(
        repos ->
            new RequestChangeHandler(repos, clock, validator)
                .modify(
                    new RequestModifyCommand(
                        Fixtures.MCHID,
                        OutOrderNo.of(no),
                        items.payments(),
                        items.discounts(),
                        items.total(),
                        "优惠",
                        null,
                        "ops")));
  }

  @Test
  void aModifyMayKeepTheCurrentTotalAsTheFactSheetAllows() {
    given("M3", LifecycleState.DOING_MCH_COMPLETE, 300L);

    assertThat(modify("M3", 300, 300, "重新开票")).isInstanceOf(RequestChangeResult.Requested.class);
  }

  @Test
  void aModifysItemsAreJudgedByTheCompletionRules() {
    given("M4", LifecycleState.DOING_MCH_COMPLETE, 300L);
    CompletionValidator plain = new CompletionValidator(clock);

    RequestChangeResult result =
        modifyWith(
            "M4",
            new Items(
                List.of(
                    new PostPayment("超".repeat(21), 200L, null, 101),
                    new PostPayment("空项", null, null, null)),
                List.of(new PostDiscount("减免", "", 0L, null)),
                200),
            plain);

    assertThat(result).isInstanceOf(RequestChangeResult.Refused.class);
    assertThat(((RequestChangeResult.Refused) result).detail())
        .contains("post_payments[0].name: NAME_LENGTH")
        .contains("post_payments[0].count: COUNT_RANGE")
        .contains("post_payments[1]: ITEM_EMPTY")
        .contains("post_discounts[0].description: DESCRIPTION_REQUIRED");
  }

  @Test
  void aModifyFollowsTheMerchantsBillingConvention() {
    given("M5", LifecycleState.DOING_MCH_COMPLETE, 300L);
    CompletionValidator powerBank =
        new CompletionValidator(clock, CompletionLimits.defaults(), BillingConvention.POWER_BANK);

    RequestChangeResult result =
        modifyWith(
            "M5",
            new Items(List.of(new PostPayment("费用", 200L, null, 1)), List.of(), 200),
            powerBank);

    assertThat(result).isInstanceOf(RequestChangeResult.Refused.class);
    assertThat(((RequestChangeResult.Refused) result).violations())
        .extracting(v -> v.rule().code())
        .allMatch(code -> code.startsWith("CONVENTION_"))
        .isNotEmpty();
  }

  @Test
  void aReasonMayHaveFiftyCharactersCountedAsCodePoints() {
    given("K3", LifecycleState.CREATED, null);
    given("K4", LifecycleState.CREATED, null);
    given("K5", LifecycleState.CREATED, null);

    assertThat(cancel("K3", "因".repeat(50))).isInstanceOf(RequestChangeResult.Requested.class);
    assertThat(cancel("K4", "🔋".repeat(40))).isInstanceOf(RequestChangeResult.Requested.class);
    assertThat(cancel("K5", "因".repeat(51))).isInstanceOf(RequestChangeResult.Refused.class);
  }
}
