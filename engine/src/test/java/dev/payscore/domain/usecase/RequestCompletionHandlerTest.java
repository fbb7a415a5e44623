package dev.payscore.domain.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.AuditEvent;
import dev.payscore.AuditEventType;
import dev.payscore.CompleteOrder;
import dev.payscore.CompletionIntent;
import dev.payscore.Fixtures;
import dev.payscore.IntentKind;
import dev.payscore.IntentRef;
import dev.payscore.IntentStatus;
import dev.payscore.OutOrderNo;
import dev.payscore.PostPayment;
import dev.payscore.RequestCancelCommand;
import dev.payscore.RequestChangeResult;
import dev.payscore.RequestCompletionCommand;
import dev.payscore.RequestCompletionResult;
import dev.payscore.Rule;
import dev.payscore.TimeRange;
import dev.payscore.Violation;
import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.PayScoreGateway;
import dev.payscore.domain.port.out.Repositories;
import dev.payscore.testing.IntentFixtures;
import dev.payscore.testing.MutableClock;
import dev.payscore.testing.ServiceOrderFixtures;
import dev.payscore.testing.fakes.InMemoryTransactions;
import dev.payscore.testing.fakes.ScriptedPayScoreGateway;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class RequestCompletionHandlerTest {
  /** 2026-11-26 16:00:00 in Beijing. */
  private final MutableClock clock = MutableClock.at(ServiceOrderFixtures.NOW);

  private final InMemoryTransactions transactions = new InMemoryTransactions(clock);
  private final ScriptedPayScoreGateway wechat = new ScriptedPayScoreGateway();

  private RequestCompletionResult request(String outOrderNo, CompleteOrder completion) {
    return request(outOrderNo, completion, null);
  }

  private RequestCompletionResult request(
      String outOrderNo, CompleteOrder completion, @Nullable PayScoreGateway refresh) {
    return transactions.inTransaction(
        repos ->
            new RequestCompletionHandler(repos, clock, new CompletionValidator(clock), refresh)
                .request(
                    new RequestCompletionCommand(
                        Fixtures.MCHID, OutOrderNo.of(outOrderNo), completion, "checkout")));
  }

  private ServiceOrder given(ServiceOrder order) {
    return transactions.committed().orders().insert(order);
  }

  private List<AuditEvent> audit(String outOrderNo) {
    return transactions.committed().history().ofOrder(Fixtures.MCHID, OutOrderNo.of(outOrderNo));
  }

  private Repositories committed() {
    return transactions.committed();
  }

  @Test
  void requestRecordsPendingIntentWithEndTimeFrozenNowAndAnAuditEvent() {
    given(Fixtures.confirmedOrder("A1"));

    RequestCompletionResult result = request("A1", Fixtures.completion(300));

    assertThat(result).isInstanceOf(RequestCompletionResult.Requested.class);
    var intent = ((RequestCompletionResult.Requested) result).intent();
    assertThat(intent.status()).isEqualTo(IntentStatus.PENDING);
    assertThat(intent.nextAttemptAt()).isEqualTo(clock.instant());
    assertThat(intent.completion().order().timeRange())
        .isEqualTo(TimeRange.between(null, "20261126160000"));
    assertThat(intent.payload().json()).contains("\"end_time\":\"20261126160000\"");
    assertThat(audit("A1"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.entry().type()).isEqualTo(AuditEventType.COMPLETION_REQUESTED);
              assertThat(e.entry().actor()).isEqualTo("checkout");
              assertThat(e.entry().amount()).isEqualTo(300L);
              assertThat(e.entry().intentId()).isEqualTo(intent.id());
              assertThat(e.entry().requestSha256()).isEqualTo(intent.payload().sha256());
            });
  }

  @Test
  void identicalRepeatReturnsTheRecordedIntentEvenAfterTheClockMoved() {
    given(Fixtures.confirmedOrder("A1"));
    var first =
        ((RequestCompletionResult.Requested) request("A1", Fixtures.completion(300))).intent();
    clock.advance(Duration.ofMinutes(7));

    RequestCompletionResult repeat = request("A1", Fixtures.completion(300));

    assertThat(repeat).isEqualTo(new RequestCompletionResult.AlreadyRequested(first));
    assertThat(audit("A1")).hasSize(1);
  }

  @Test
  void differentRepeatIsAConflictAndWritesNothing() {
    given(Fixtures.confirmedOrder("A1"));
    var first =
        ((RequestCompletionResult.Requested) request("A1", Fixtures.completion(300))).intent();

    RequestCompletionResult repeat = request("A1", Fixtures.completion(299));

    assertThat(repeat)
        .isInstanceOfSatisfying(
            RequestCompletionResult.Conflict.class,
            c -> {
              assertThat(c.existing()).isEqualTo(first);
              assertThat(c.requestedSha256()).isNotEqualTo(first.payload().sha256());
            });
    assertThat(audit("A1")).hasSize(1);
    assertThat(committed().intents().find(first.id())).contains(first);
  }

  @Test
  void invalidRequestReportsEveryViolationAndWritesNothing() {
    given(Fixtures.confirmedOrder("A1"));
    CompleteOrder bad =
        new CompleteOrder(
            "wrong-app",
            Fixtures.SERVICE_ID.value(),
            List.of(new PostPayment("使用费", 100L, null, 0)),
            List.of(),
            250,
            null,
            null,
            null,
            null,
            null);

    RequestCompletionResult result = request("A1", bad);

    assertThat(result).isInstanceOf(RequestCompletionResult.Invalid.class);
    assertThat(((RequestCompletionResult.Invalid) result).violations())
        .extracting(Violation::rule)
        .contains(Rule.APPID_MISMATCH, Rule.COUNT_RANGE, Rule.TOTAL_FORMULA);
    assertThat(audit("A1")).isEmpty();
    assertThat(committed().intents().countByStatus(Fixtures.MCHID)).isEmpty();
  }

  @Test
  void orderNotConfirmedIsRefusedNamingItsState() {
    given(Fixtures.order("A1", LifecycleState.DOING_MCH_COMPLETE));

    RequestCompletionResult result = request("A1", Fixtures.completion(300));

    assertThat(result)
        .isEqualTo(
            new RequestCompletionResult.WrongState(
                LifecycleState.DOING_MCH_COMPLETE,
                java.util.Set.of(LifecycleState.DOING_USER_CONFIRM)));
    assertThat(audit("A1")).isEmpty();
  }

  @Test
  void unknownOrderIsRefused() {
    assertThat(request("NOPE", Fixtures.completion(300)))
        .isEqualTo(new RequestCompletionResult.UnknownOrder(Fixtures.MCHID, OutOrderNo.of("NOPE")));
  }

  @Test
  void callerGivenEndTimeIsKeptAsGiven() {
    given(Fixtures.confirmedOrder("A1"));
    CompleteOrder withEnd =
        new CompleteOrder(
            Fixtures.APPID.value(),
            Fixtures.SERVICE_ID.value(),
            List.of(new PostPayment("使用费", 300L, "2小时", 1)),
            List.of(),
            300,
            TimeRange.between(null, "20261126153000"),
            null,
            null,
            null,
            null);

    var intent = ((RequestCompletionResult.Requested) request("A1", withEnd)).intent();

    assertThat(intent.completion().order()).isEqualTo(withEnd);
  }

  @Test
  void dayPrecisionOrderIsFrozenInDays() {
    ServiceOrder order = Fixtures.confirmedOrder("A1");
    given(
        new ServiceOrder(
            order.mchid(),
            order.outOrderNo(),
            order.appid(),
            order.serviceId(),
            order.serviceIntroduction(),
            order.mode(),
            order.lifecycle(),
            order.riskFund(),
            TimeRange.between("20261125", null),
            List.of(),
            List.of(),
            null,
            null,
            order.notifyUrl(),
            null,
            null,
            null,
            null,
            null, null,
            0));

    var intent =
        ((RequestCompletionResult.Requested) request("A1", Fixtures.completion(300))).intent();

    assertThat(intent.completion().order().timeRange())
        .isEqualTo(TimeRange.between(null, "20261126"));
  }

  @Test
  void staleCreatedOrderIsRefreshedByAQueryWhenAsked() {
    given(Fixtures.order("A1", LifecycleState.CREATED));
    wechat.register(Fixtures.confirmedOrder("A1")); // WeChat saw the confirmation we missed

    assertThat(request("A1", Fixtures.completion(300)))
        .isEqualTo(
            new RequestCompletionResult.WrongState(
                LifecycleState.CREATED, java.util.Set.of(LifecycleState.DOING_USER_CONFIRM)));
    RequestCompletionResult refreshed = request("A1", Fixtures.completion(300), wechat);

    assertThat(refreshed).isInstanceOf(RequestCompletionResult.Requested.class);
    assertThat(
            committed()
                .orders()
                .find(Fixtures.MCHID, OutOrderNo.of("A1"))
                .orElseThrow()
                .lifecycle())
        .isEqualTo(LifecycleState.DOING_USER_CONFIRM);
    assertThat(audit("A1"))
        .extracting(e -> e.entry().type())
        .containsExactly(AuditEventType.STATE_OBSERVED, AuditEventType.COMPLETION_REQUESTED);
  }

  @Test
  void refreshThatStillFindsTheOrderUnconfirmedWritesNothing() {
    given(Fixtures.order("A1", LifecycleState.CREATED));
    wechat.register(Fixtures.order("A1", LifecycleState.CREATED));

    assertThat(request("A1", Fixtures.completion(300), wechat))
        .isInstanceOf(RequestCompletionResult.WrongState.class);
    assertThat(audit("A1")).isEmpty();
    assertThat(
            committed().orders().find(Fixtures.MCHID, OutOrderNo.of("A1")).orElseThrow().version())
        .isEqualTo(1);
  }

  /** {@code intent} settled as {@code status} by a dispatcher (claimed, then settled). */
  private CompletionIntent settle(CompletionIntent intent, IntentStatus status, String error) {
    CompletionIntent stored = committed().intents().find(intent.id()).orElseThrow();
    return committed()
        .intents()
        .update(
            IntentFixtures.inFlight(stored, clock.instant())
                .settledAs(status, 1, clock.instant(), "REJECTED", error, clock.instant()));
  }

  @Test
  void aCorrectedCompletionAfterAFailedOneIsTheNextGenerationAndTheFailedOneIsStillRecognised() {
    given(Fixtures.confirmedOrder("G1"));
    CompletionIntent first =
        ((RequestCompletionResult.Requested) request("G1", Fixtures.completion(300))).intent();
    settle(first, IntentStatus.FAILED, "PARAM_ERROR");
    clock.advance(Duration.ofMinutes(5));

    RequestCompletionResult corrected = request("G1", Fixtures.completion(200));
    RequestCompletionResult repeatOfFailed = request("G1", Fixtures.completion(300));
    RequestCompletionResult repeatOfCorrected = request("G1", Fixtures.completion(200));

    CompletionIntent second = ((RequestCompletionResult.Requested) corrected).intent();
    assertThat(second.generation()).isEqualTo(2);
    assertThat(second.supersedes()).isEqualTo(first.id());
    assertThat(second.completion().order().timeRange())
        .as("the end time frozen by the first request")
        .isEqualTo(first.completion().order().timeRange());
    assertThat(repeatOfFailed)
        .isInstanceOfSatisfying(
            RequestCompletionResult.AlreadyRequested.class,
            already -> {
              assertThat(already.intent().id()).isEqualTo(first.id());
              assertThat(already.intent().status()).isEqualTo(IntentStatus.FAILED);
            });
    assertThat(repeatOfCorrected)
        .isEqualTo(new RequestCompletionResult.AlreadyRequested(second));
    assertThat(audit("G1"))
        .extracting(e -> e.entry().type())
        .containsExactly(
            AuditEventType.COMPLETION_REQUESTED,
            AuditEventType.INTENT_SUPERSEDED,
            AuditEventType.COMPLETION_REQUESTED);
    assertThat(audit("G1").get(1).entry().detail())
        .contains("generation 2")
        .contains(first.id().toString())
        .contains("FAILED: PARAM_ERROR");
  }

  @Test
  void aDifferentCompletionWhileTheFirstNeedsAttentionOrSucceededIsStillAConflict() {
    given(Fixtures.confirmedOrder("G2"));
    CompletionIntent first =
        ((RequestCompletionResult.Requested) request("G2", Fixtures.completion(300))).intent();
    CompletionIntent attention = settle(first, IntentStatus.NEEDS_ATTENTION, "INVALID_REQUEST");

    assertThat(request("G2", Fixtures.completion(200)))
        .isInstanceOfSatisfying(
            RequestCompletionResult.Conflict.class,
            conflict -> assertThat(conflict.existing()).isEqualTo(attention));
    assertThat(committed().intents().find(Fixtures.MCHID, OutOrderNo.of("G2"), IntentKind.COMPLETE))
        .contains(attention);
  }

  @Test
  void aCompletionWhileACancelIsOpenIsRefusedNamingTheCancel() {
    given(Fixtures.confirmedOrder("G3"));
    RequestChangeResult cancel =
        transactions.inTransaction(
            repos ->
                new RequestChangeHandler(repos, clock)
                    .cancel(
                        new RequestCancelCommand(
                            Fixtures.MCHID, OutOrderNo.of("G3"), "用户取消", "kiosk")));
    CompletionIntent cancelIntent = ((RequestChangeResult.Requested) cancel).intent();

    RequestCompletionResult result = request("G3", Fixtures.completion(300));

    assertThat(result)
        .isEqualTo(new RequestCompletionResult.AnotherIntentOpen(IntentRef.of(cancelIntent)));
    assertThat(audit("G3"))
        .extracting(e -> e.entry().type())
        .containsExactly(AuditEventType.CANCEL_REQUESTED);
  }
}
