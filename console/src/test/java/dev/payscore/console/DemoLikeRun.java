package dev.payscore.console;

import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.answer;
import static dev.payscore.testing.fakes.ScriptedPayScoreGateway.Step.rejected;

import dev.payscore.CompletionIntent;
import dev.payscore.IntentStatus;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.RequestCompletionCommand;
import dev.payscore.RequestCompletionResult;
import dev.payscore.domain.port.out.RejectionKind;
import dev.payscore.DispatcherOptions;
import dev.payscore.PayScore;
import dev.payscore.RetryPolicy;
import dev.payscore.persistence.JooqTransactions;
import dev.payscore.testing.ServiceOrderFixtures;
import dev.payscore.testing.fakes.ScriptedPayScoreGateway;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * What a demo leaves behind, made by the real engine (a dispatcher against a scripted WeChat) on a
 * real database: two completions that succeeded, one that needs attention (WeChat holds other
 * parameters), one that failed (WeChat refused it, with markup in its message), and one quarantined
 * (its stored digest no longer matches its bytes).
 */
final class DemoLikeRun {
  static final MerchantId MCHID = MerchantId.of(ServiceOrderFixtures.MCHID);
  static final String OK_1 = "DEMO-OK-1";
  static final String OK_2 = "DEMO-OK-2";
  static final String ATTENTION = "DEMO-ATTN-1";
  static final String FAILED = "DEMO-FAIL-1";
  static final String QUARANTINED = "DEMO-QUAR-1";
  /** What WeChat answers the failed one: markup that must arrive escaped. */
  static final String HOSTILE_MESSAGE = "<script>alert('x')</script> total_amount 不合法";

  private DemoLikeRun() {}

  /** Runs the five orders through a dispatcher until each settled; leaves the engine stopped. */
  static void leave(DataSource dataSource) {
    ScriptedPayScoreGateway wechat = new ScriptedPayScoreGateway();
    JooqTransactions transactions = new JooqTransactions(dataSource);
    for (String no : new String[] {OK_1, OK_2, ATTENTION, FAILED, QUARANTINED}) {
      ServiceOrder order =
          ServiceOrderFixtures.anOrder()
              .outOrderNo(no)
              .lifecycle(LifecycleState.DOING_USER_CONFIRM)
              .openid(ServiceOrderFixtures.OPENID)
              .build();
      transactions.inTransaction(repos -> repos.orders().insert(order));
      wechat.register(order);
    }
    wechat.scriptComplete(
        OutOrderNo.of(ATTENTION),
        answer(rejected(400, "INVALID_REQUEST", RejectionKind.REENTRY_MISMATCH, "订单重入参数校验失败")));
    wechat.scriptComplete(
        OutOrderNo.of(FAILED), answer(rejected(400, "PARAM_ERROR", RejectionKind.PARAMETER, HOSTILE_MESSAGE)));
    try (PayScore payScore =
        PayScore.builder()
            .dataSource(dataSource)
            .gateway(wechat)
            .merchantIds(MCHID)
            .dispatcherOptions(
                DispatcherOptions.defaults()
                    .withPollInterval(Duration.ofMillis(100))
                    .withRetry(
                        new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(200), 40, Duration.ofHours(1))))
            .build()) {
      for (String no : new String[] {OK_1, OK_2, ATTENTION, FAILED, QUARANTINED}) {
        RequestCompletionResult result =
            payScore
                .completions()
                .request(
                    new RequestCompletionCommand(
                        MCHID, OutOrderNo.of(no), ServiceOrderFixtures.aValidCompletion(), "checkout"));
        if (no.equals(QUARANTINED)) {
          breakDigest(dataSource, ((RequestCompletionResult.Requested) result).intent());
        }
      }
      payScore.start();
      awaitStatus(payScore, OK_1, IntentStatus.SUCCEEDED);
      awaitStatus(payScore, OK_2, IntentStatus.SUCCEEDED);
      awaitStatus(payScore, ATTENTION, IntentStatus.NEEDS_ATTENTION);
      awaitStatus(payScore, FAILED, IntentStatus.FAILED);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (payScore.completions().quarantined(MCHID, 10).isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the broken intent was not quarantined");
        }
        LockSupport.parkNanos(20_000_000);
      }
    }
  }

  /** The operator's facade on the database: reads and requeues, never calls WeChat. */
  static PayScore operatorFacade(DataSource dataSource) {
    return PayScore.builder()
        .dataSource(dataSource)
        .gateway(new ScriptedPayScoreGateway())
        .listen(false)
        .build();
  }

  private static void awaitStatus(PayScore payScore, String no, IntentStatus status) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      Optional<CompletionIntent> intent = payScore.completions().find(MCHID, OutOrderNo.of(no));
      if (intent.isPresent() && intent.get().status() == status) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(no + " did not reach " + status + ": " + intent.map(CompletionIntent::status));
      }
      LockSupport.parkNanos(20_000_000);
    }
  }

  private static void breakDigest(DataSource dataSource, CompletionIntent intent) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE payscore.completion_intent SET payload_sha256 = repeat('0', 64) WHERE id = ?")) {
      s.setObject(1, intent.id().value());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
