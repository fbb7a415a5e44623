package dev.payscore;

import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.usecase.RequestCompletionHandler;
import dev.payscore.engine.internal.Checkpoints;
import dev.payscore.testing.MutableClock;
import dev.payscore.testing.ServiceOrderFixtures;
import dev.payscore.testing.fakes.InMemoryTransactions;
import dev.payscore.testing.fakes.ScriptedPayScoreGateway;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The engine on the in-memory fakes: a settable clock, scripted WeChat, seeded randomness. */
final class EngineHarness {
  static final long SEED = 42;

  final Clock clock;
  final InMemoryTransactions transactions;
  final ScriptedPayScoreGateway wechat = new ScriptedPayScoreGateway();
  DispatcherOptions options = DispatcherOptions.defaults().withLease(Duration.ofMinutes(1));

  /** At the fixtures' instant, and time moves only when the test says so. */
  EngineHarness() {
    this(MutableClock.at(ServiceOrderFixtures.NOW));
  }

  /** With another clock (the system clock, for tests with threads). */
  EngineHarness(Clock clock) {
    this.clock = clock;
    this.transactions = new InMemoryTransactions(clock);
  }

  /** Moves the (mutable) clock forward. */
  void advance(Duration duration) {
    ((MutableClock) clock).advance(duration);
  }

  /** A confirmed order known locally and at WeChat, and a recorded completion of it. */
  CompletionIntent requested(String outOrderNo, long total) {
    return requested(outOrderNo, Fixtures.completion(total));
  }

  CompletionIntent requested(String outOrderNo, CompleteOrder completion) {
    ServiceOrder order = Fixtures.confirmedOrder(outOrderNo);
    transactions.committed().orders().insert(order);
    wechat.register(order);
    RequestCompletionResult result =
        transactions.inTransaction(
            repos ->
                new RequestCompletionHandler(repos, clock, new CompletionValidator(clock))
                    .request(
                        new RequestCompletionCommand(
                            Fixtures.MCHID, order.outOrderNo(), completion, "test")));
    return ((RequestCompletionResult.Requested) result).intent();
  }

  CompletionDispatcher dispatcher(String owner) {
    return dispatcher(owner, Checkpoints.NONE);
  }

  CompletionDispatcher dispatcher(String owner, Checkpoints checkpoints) {
    return CompletionDispatcher.builder(transactions, wechat)
            .merchants(Set.of(Fixtures.MCHID))
            .clock(clock)
            .random(new Random(SEED))
            .options(options)
            .owner(owner)
            .checkpoints(checkpoints)
            .build();
  }

  CompletionIntent intent(String outOrderNo) {
    return transactions
        .committed()
        .intents()
        .find(Fixtures.MCHID, OutOrderNo.of(outOrderNo), IntentKind.COMPLETE)
        .orElseThrow();
  }

  ServiceOrder order(String outOrderNo) {
    return transactions
        .committed()
        .orders()
        .find(Fixtures.MCHID, OutOrderNo.of(outOrderNo))
        .orElseThrow();
  }

  List<AuditEvent> audit(String outOrderNo) {
    return transactions.committed().history().ofOrder(Fixtures.MCHID, OutOrderNo.of(outOrderNo));
  }

  List<AuditEventType> auditTypes(String outOrderNo) {
    return audit(outOrderNo).stream().map(e -> e.entry().type()).toList();
  }

  /**
   * WeChat's current view of an order, moved to {@code state} with {@code total} (a scripted
   * answer).
   */
  ObservedOrder wechatView(String outOrderNo, LifecycleState state, @Nullable Long total) {
    ObservedOrder open = wechat.view(OutOrderNo.of(outOrderNo)).orElseThrow();
    return new ObservedOrder(
        open.appid(),
        open.mchid(),
        open.outOrderNo(),
        open.serviceId(),
        open.serviceIntroduction(),
        state.state(),
        state.stateDescription().orElse(null),
        total,
        open.postPayments(),
        open.postDiscounts(),
        open.riskFund(),
        open.timeRange(),
        open.location(),
        open.attach(),
        open.notifyUrl(),
        total == null ? null : total > 0,
        null,
        open.openid(),
        open.orderId(),
        null, List.of());
  }

  List<ScriptedPayScoreGateway.Call> completeCalls(String outOrderNo) {
    return wechat.calls("complete", OutOrderNo.of(outOrderNo));
  }

  List<ScriptedPayScoreGateway.Call> queries(String outOrderNo) {
    return wechat.calls("query", OutOrderNo.of(outOrderNo));
  }
}
