package dev.payscore;

import static dev.payscore.AuditEventType.CALLBACK_RECEIVED;
import static dev.payscore.AuditEventType.COMPLETION_REQUESTED;
import static dev.payscore.AuditEventType.COMPLETION_SUCCEEDED;
import static dev.payscore.AuditEventType.ORDER_CREATED;
import static dev.payscore.AuditEventType.STALE_EVENT_IGNORED;
import static dev.payscore.AuditEventType.STATE_OBSERVED;
import static dev.payscore.AuditEventType.SWEEP_FINDING;
import static dev.payscore.AuditEventType.TRANSITION_APPLIED;
import static dev.payscore.SandboxWorld.MCHID;
import static dev.payscore.domain.model.LifecycleState.CREATED;
import static dev.payscore.domain.model.LifecycleState.DOING_MCH_COMPLETE;
import static dev.payscore.domain.model.LifecycleState.DOING_USER_CONFIRM;
import static dev.payscore.domain.model.LifecycleState.DONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.payscore.domain.model.CollectionState;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ServiceTime;
import dev.payscore.sandbox.Endpoint;
import dev.payscore.sandbox.FaultKind;
import dev.payscore.sandbox.FaultRule;
import dev.payscore.sandbox.LedgerEntry;
import dev.payscore.sandbox.Operation;
import dev.payscore.testing.database.TestDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole life of orders against the sandbox on real PostgreSQL, callbacks delivered by the
 * sandbox to a loopback endpoint that hands them to {@code payScore.notifications()}.
 */
@Tag("postgres")
@Tag("http")
@ExtendWith(TestDatabase.class)
final class LifecycleIT {
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static LifecycleWorld world;

  @BeforeAll
  static void start(DataSource dataSource) throws IOException {
    Duration minute = Duration.ofMinutes(1);
    world =
        new LifecycleWorld(
            dataSource, SweepOptions.defaults().disabled().withThresholds(minute, minute, minute));
    world.payScore.start();
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  @Test
  void confirmModeRunsCreateConfirmCompletePayToDone() {
    String no = "LC-CONFIRM-1";
    LifecycleResult created = world.create(no, true);

    assertThat(created).isInstanceOf(LifecycleResult.Applied.class);
    assertThat(((LifecycleResult.Applied) created).confirmPackage()).isNotBlank();
    assertThat(world.localState(no)).isEqualTo(CREATED);

    world.world.sandbox.confirm(no);
    awaitLocal(no, DOING_USER_CONFIRM);
    completeAndAwait(no, 30_00);
    world.world.sandbox.pay(no);
    awaitLocal(no, DONE);

    assertThat(world.local(no).collection()).isNotNull();
    assertThat(world.local(no).collection().state()).isEqualTo(CollectionState.USER_PAID);
    assertThat(world.local(no).collection().paidAmount()).isEqualTo(30_00);
    assertThat(world.trail(no))
        .containsSubsequence(
            ORDER_CREATED,
            CALLBACK_RECEIVED,
            TRANSITION_APPLIED,
            COMPLETION_REQUESTED,
            COMPLETION_SUCCEEDED,
            CALLBACK_RECEIVED,
            TRANSITION_APPLIED);
  }

  @Test
  void noConfirmModeStartsDoingAndRunsCompletePayToDone() {
    String no = "LC-NOCONFIRM-1";
    LifecycleResult created = world.create(no, false);

    assertThat(created).isInstanceOf(LifecycleResult.Applied.class);
    assertThat(world.localState(no)).isEqualTo(DOING_USER_CONFIRM);
    completeAndAwait(no, LifecycleWorld.completion(no, LifecycleWorld.NO_CONFIRM_SERVICE, 12_00));
    world.world.sandbox.pay(no);
    awaitLocal(no, DONE);

    assertThat(world.trail(no))
        .containsSubsequence(
            ORDER_CREATED,
            COMPLETION_REQUESTED,
            COMPLETION_SUCCEEDED,
            CALLBACK_RECEIVED,
            TRANSITION_APPLIED);
  }

  @Test
  void aCreateWhoseAnswerIsLostIsSettledByAQueryWithTheSameNumber() {
    String no = "LC-LOST-CREATE-1";
    world.world.sandbox.addFault(
        FaultRule.scripted(FaultKind.DROP_AFTER_APPLY, Endpoint.CREATE, no, 1));

    LifecycleResult created = world.create(no, true);

    assertThat(created).as("%s", created).isInstanceOf(LifecycleResult.Applied.class);
    assertThat(world.localState(no)).isEqualTo(CREATED);
    assertThat(operations(no)).containsExactly(Operation.CREATE);
    assertThat(world.trail(no)).containsExactly(ORDER_CREATED);
  }

  @Test
  void aCreateThatStaysUnknownWritesNothingAndIsRepeatedWithTheSameNumber() {
    String no = "LC-UNKNOWN-CREATE-1";
    world.world.sandbox.addFault(
        FaultRule.scripted(FaultKind.FAIL_BEFORE_APPLY, Endpoint.CREATE, no, 1));
    world.world.sandbox.addFault(
        FaultRule.scripted(FaultKind.FAIL_BEFORE_APPLY, Endpoint.QUERY, no, 1));

    LifecycleResult first = world.create(no, true);

    assertThat(first).isInstanceOf(LifecycleResult.Unknown.class);
    assertThat(world.payScore.orders().find(SandboxWorld.MCHID, OutOrderNo.of(no))).isEmpty();
    LifecycleResult again = world.create(no, true);
    assertThat(again).isInstanceOf(LifecycleResult.Applied.class);
    assertThat(((LifecycleResult.Applied) again).confirmPackage()).isNotBlank();
    assertThat(operations(no)).containsExactly(Operation.CREATE);
  }

  @Test
  void anInvalidCreateIsRefusedWithEveryRuleCodeAndNothingIsSentOrWritten() {
    String no = "LC-INVALID-CREATE";
    CreateOrder valid = world.createBody(no, true);
    CreateOrder invalid =
        new CreateOrder(
            no,
            valid.appid(),
            valid.serviceId(),
            "充".repeat(21),
            valid.postPayments(),
            valid.postDiscounts(),
            TimeRange.between("20000101000000", null),
            valid.location(),
            valid.riskFund(),
            "a".repeat(257),
            "http://merchant.example.com/notify",
            valid.openid(),
            valid.needUserConfirm(),
            valid.device());
    List<LedgerEntry> before = world.world.sandbox.ledger();

    LifecycleResult result =
        world.payScore.orders().create(new CreateServiceOrderCommand(MCHID, invalid, "it"));

    assertThat(result)
        .isInstanceOfSatisfying(
            LifecycleResult.Refused.class,
            refused -> {
              assertThat(refused.reason()).isEqualTo(RefusalReason.INVALID);
              assertThat(refused.violations())
                  .extracting(v -> v.path() + " " + v.rule().code())
                  .contains(
                      "service_introduction SERVICE_INTRODUCTION_LENGTH",
                      "time_range.start_time START_TIME_PASSED",
                      "attach ATTACH_LENGTH",
                      "notify_url NOTIFY_URL_FORMAT");
            });
    assertThat(world.world.sandbox.ledger()).isEqualTo(before);
    assertThat(world.payScore.history().ofOrder(MCHID, OutOrderNo.of(no))).isEmpty();
  }

  @Test
  void aRepeatedCreateReturnsTheMirrorAndSendsNothing() {
    String no = "LC-REPEAT-1";
    world.create(no, true);
    int calls = world.ledger(no).size();

    LifecycleResult again = world.create(no, true);

    assertThat(again).isInstanceOf(LifecycleResult.Applied.class);
    assertThat(((LifecycleResult.Applied) again).order().outOrderNo().value()).isEqualTo(no);
    assertThat(world.ledger(no)).hasSize(calls);
  }

  @Test
  void completeThenCollectKeepsTheOrderCompletedAndThenThePaymentFinishesIt() {
    String no = "LC-COLLECT-1";
    openAndConfirm(no);
    completeAndAwait(no, 20_00);

    LifecycleResult collected = world.payScore.orders().collect(LifecycleWorld.order(no));

    assertThat(collected).isInstanceOf(LifecycleResult.Applied.class);
    assertThat(world.localState(no)).isEqualTo(DOING_MCH_COMPLETE);
    assertThat(operations(no)).contains(Operation.PAY);
    world.world.sandbox.pay(no);
    awaitLocal(no, DONE);
  }

  @Test
  void createThenCancelRevokesTheOrderThroughADurableIntent() {
    String no = "LC-CANCEL-1";
    world.create(no, true);

    RequestChangeResult cancelled =
        world
            .payScore
            .orders()
            .cancel(new RequestCancelCommand(MCHID, OutOrderNo.of(no), "用户取消", "it"));

    assertThat(cancelled).as("%s", cancelled).isInstanceOf(RequestChangeResult.Requested.class);
    awaitIntent(no, IntentKind.CANCEL);
    assertThat(world.localState(no)).isEqualTo(LifecycleState.REVOKED);
    assertThat(world.world.wechatState(no)).isEqualTo(LifecycleState.REVOKED);
    assertThat(operations(no)).containsOnlyOnce(Operation.CANCEL);
    assertThat(world.trail(no))
        .containsSubsequence(
            ORDER_CREATED,
            AuditEventType.CANCEL_REQUESTED,
            AuditEventType.INTENT_ATTEMPTED,
            AuditEventType.INTENT_SUCCEEDED);
    assertThat(
            world
                .payScore
                .orders()
                .cancel(new RequestCancelCommand(MCHID, OutOrderNo.of(no), "用户取消", "it")))
        .as("an identical repeat")
        .isInstanceOf(RequestChangeResult.AlreadyRequested.class);
  }

  @Test
  void completeThenModifyDownThenPayCollectsTheLowerTotal() {
    String no = "LC-MODIFY-1";
    openAndConfirm(no);
    completeAndAwait(no, 30_00);

    RequestChangeResult modified = world.payScore.orders().modify(modify(no, 20_00));

    assertThat(modified).as("%s", modified).isInstanceOf(RequestChangeResult.Requested.class);
    awaitIntent(no, IntentKind.MODIFY);
    assertThat(world.local(no).totalAmount()).isEqualTo(20_00);
    assertThat(world.localState(no)).isEqualTo(DOING_MCH_COMPLETE);
    world.world.sandbox.pay(no);
    awaitLocal(no, DONE);
    assertThat(world.local(no).collection().paidAmount()).isEqualTo(20_00);
    assertThat(world.trail(no))
        .containsSubsequence(
            COMPLETION_SUCCEEDED,
            AuditEventType.MODIFY_REQUESTED,
            AuditEventType.INTENT_SUCCEEDED,
            CALLBACK_RECEIVED);
  }

  @Test
  void cancelAndModifyTheStateOrAmountDoesNotAllowAreRefusedBeforeAnyCall() throws SQLException {
    String doing = "LC-REFUSE-CHANGE-DOING";
    openAndConfirm(doing);
    String completed = "LC-REFUSE-CHANGE-COMPLETED";
    openAndConfirm(completed);
    completeAndAwait(completed, 10_00);
    String done = "LC-REFUSE-CHANGE-DONE";
    openAndConfirm(done);
    completeAndAwait(done, 10_00);
    world.world.sandbox.pay(done);
    awaitLocal(done, DONE);
    List<LedgerEntry> before = world.world.sandbox.ledger();

    assertThat(world.payScore.orders().modify(modify(doing, 5_00)))
        .as("modify before completion")
        .isInstanceOf(RequestChangeResult.Refused.class);
    // a modify to the same total is allowed (fact sheet §2.4: "≤ the current amount"), so it is
    // not among these refusals; RequestChangeHandlerTest covers it
    assertThat(world.payScore.orders().modify(modify(completed, 15_00)))
        .as("modify up")
        .isInstanceOf(RequestChangeResult.Refused.class);
    assertThat(world.payScore.orders().modify(modify(done, 5_00)))
        .as("modify when paid")
        .isInstanceOf(RequestChangeResult.Refused.class);
    assertThat(
            world
                .payScore
                .orders()
                .cancel(new RequestCancelCommand(MCHID, OutOrderNo.of(done), "晚了", "it")))
        .as("cancel when paid")
        .isInstanceOf(RequestChangeResult.Refused.class);
    assertThat(
            world
                .payScore
                .orders()
                .cancel(new RequestCancelCommand(MCHID, OutOrderNo.of(doing), " ", "it")))
        .as("cancel without a reason")
        .isInstanceOf(RequestChangeResult.Refused.class);

    try (Connection autoCommit = world.world.dataSource.getConnection()) {
      assertThatThrownBy(
              () ->
                  world
                      .payScore
                      .orders()
                      .cancel(
                          autoCommit,
                          new RequestCancelCommand(MCHID, OutOrderNo.of(doing), "取消", "it")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("auto-commit");
    }

    assertThat(world.world.sandbox.ledger()).isEqualTo(before);
    for (String no : List.of(doing, completed, done)) {
      assertThat(world.payScore.orders().intent(MCHID, OutOrderNo.of(no), IntentKind.MODIFY))
          .isEmpty();
      assertThat(world.payScore.orders().intent(MCHID, OutOrderNo.of(no), IntentKind.CANCEL))
          .isEmpty();
    }
  }

  @Test
  void completeThenSyncMakesTheOrderDone() {
    String no = "LC-SYNC-1";
    openAndConfirm(no);
    completeAndAwait(no, 15_00);
    world.world.letTimePass();

    LifecycleResult synced = world.payScore.orders().sync(LifecycleWorld.order(no), now().text());

    assertThat(synced).as("%s", synced).isInstanceOf(LifecycleResult.Applied.class);
    assertThat(world.localState(no)).isEqualTo(DONE);
    assertThat(world.world.wechatState(no)).isEqualTo(DONE);
    assertThat(operations(no)).contains(Operation.SYNC);
  }

  @Test
  void operationsTheStateDoesNotAllowAreRefusedBeforeAnyCall() {
    String created = "LC-REFUSE-CREATED";
    world.create(created, true);
    String doing = "LC-REFUSE-DOING";
    openAndConfirm(doing);
    String done = "LC-REFUSE-DONE";
    openAndConfirm(done);
    completeAndAwait(done, 5_00);
    world.world.sandbox.pay(done);
    awaitLocal(done, DONE);

    for (String no : List.of(created, doing, done)) {
      List<LedgerEntry> before = world.ledger(no);
      LifecycleState state = world.localState(no);

      assertThat(world.payScore.orders().collect(LifecycleWorld.order(no)))
          .as("collect in %s", state)
          .isInstanceOf(LifecycleResult.Refused.class);
      assertThat(world.payScore.orders().sync(LifecycleWorld.order(no), now().text()))
          .as("sync in %s", state)
          .isInstanceOf(LifecycleResult.Refused.class);
      assertThat(world.ledger(no)).as("WeChat's ledger of %s", no).isEqualTo(before);
      assertThat(world.localState(no)).isEqualTo(state);
    }
    assertThat(world.payScore.orders().refresh(LifecycleWorld.order("LC-NO-SUCH-ORDER")))
        .isEqualTo(
            new LifecycleResult.Refused(
                RefusalReason.UNKNOWN_ORDER, "no local order " + MCHID + "/LC-NO-SUCH-ORDER"));
    assertThat(world.payScore.orders().sync(LifecycleWorld.order(doing), "tomorrow"))
        .isInstanceOf(LifecycleResult.Refused.class);
  }

  @Test
  void aDuplicatedCallbackIsAnswered200AndAppliedOnce() {
    String no = "LC-DUP-1";
    openAndConfirm(no);
    LifecycleWorld.Callback confirm = world.received(no, "PAYSCORE.USER_CONFIRM").get(0);
    long before = count(no, CALLBACK_RECEIVED);

    Notifications.Answer answer =
        world.payScore.notifications().handle(confirm.headers(), confirm.body());

    assertThat(answer.status()).isEqualTo(200);
    assertThat(count(no, CALLBACK_RECEIVED)).isEqualTo(before).isEqualTo(1);
    assertThat(world.localState(no)).isEqualTo(DOING_USER_CONFIRM);
  }

  @Test
  void tamperedForgedAndStaleCallbacksAreAnswered4xxAndChangeNothing() {
    String no = "LC-BAD-1";
    world.refused.add(no);
    world.create(no, true);
    world.world.sandbox.confirm(no);
    Await.until(
        "a refused confirm callback",
        BOUND,
        () -> !world.received(no, "PAYSCORE.USER_CONFIRM").isEmpty());
    LifecycleWorld.Callback confirm = world.received(no, "PAYSCORE.USER_CONFIRM").get(0);

    byte[] tampered = confirm.body().clone();
    int at =
        new String(tampered, java.nio.charset.StandardCharsets.UTF_8).indexOf("ciphertext") + 14;
    tampered[at] = (byte) (tampered[at] == 'A' ? 'B' : 'A');
    Map<String, String> forged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    forged.putAll(confirm.headers());
    forged.put("Wechatpay-Signature", "Zm9yZ2Vk" + forged.get("Wechatpay-Signature").substring(8));

    assertThat(world.payScore.notifications().handle(confirm.headers(), tampered).status())
        .isBetween(400, 499);
    assertThat(world.payScore.notifications().handle(forged, confirm.body()).status())
        .isBetween(400, 499);
    world.world.sandbox.clock().advance(Duration.ofMinutes(10));
    assertThat(world.payScore.notifications().handle(confirm.headers(), confirm.body()).status())
        .as("stale")
        .isBetween(400, 499);

    assertThat(world.localState(no)).isEqualTo(CREATED);
    assertThat(world.trail(no)).containsExactly(ORDER_CREATED);
  }

  @Test
  void aConfirmCallbackArrivingAfterThePaymentIsRecordedAsStale() {
    String no = "LC-LATE-1";
    world.refused.add(no + " PAYSCORE.USER_CONFIRM");
    world.create(no, true);
    world.world.sandbox.confirm(no);
    Await.until(
        "a refused confirm callback",
        BOUND,
        () -> !world.received(no, "PAYSCORE.USER_CONFIRM").isEmpty());
    LifecycleWorld.Callback confirm = world.received(no, "PAYSCORE.USER_CONFIRM").get(0);
    world.payScore.orders().refresh(LifecycleWorld.order(no));
    completeAndAwait(no, 8_00);
    world.world.sandbox.pay(no);
    awaitLocal(no, DONE);

    Notifications.Answer late =
        world.payScore.notifications().handle(confirm.headers(), confirm.body());

    assertThat(late.status()).isEqualTo(200);
    assertThat(world.localState(no)).isEqualTo(DONE);
    assertThat(world.trail(no)).endsWith(CALLBACK_RECEIVED, STALE_EVENT_IGNORED);
  }

  @Test
  void aPaymentCallbackBeforeTheCompletionSettledConverges() {
    String no = "LC-EARLY-PAID-1";
    openAndConfirm(no);
    // The complete is applied but its answer lost, and WeChat cannot be asked for a while.
    world.world.sandbox.addFault(
        FaultRule.scripted(FaultKind.FAIL_AFTER_APPLY, Endpoint.COMPLETE, no, 1));
    world.world.sandbox.addFault(
        FaultRule.scripted(FaultKind.FAIL_BEFORE_APPLY, Endpoint.QUERY, no, -1));
    world.world.letTimePass();
    SandboxWorld.requested(world.payScore.completions().request(SandboxWorld.command(no, 9_00)));
    Await.until(
        "complete applied at WeChat", BOUND, () -> operations(no).contains(Operation.COMPLETE));

    world.world.sandbox.pay(no);
    awaitLocal(no, DONE);
    assertThat(world.world.intent(no).status()).isNotEqualTo(IntentStatus.SUCCEEDED);
    world.world.sandbox.clearFaults();

    Await.until("completion settled", BOUND, () -> world.world.intent(no).status().isSettled());
    assertThat(world.world.intent(no).status()).isEqualTo(IntentStatus.SUCCEEDED);
    assertThat(world.localState(no)).isEqualTo(DONE);
    assertThat(world.world.completes(no)).hasSize(1);
  }

  @Test
  void theSweepFindsMissedCallbacksAndReportsOrdersStillWaiting() {
    String missedConfirm = "LC-MISSED-CONFIRM";
    String missedPaid = "LC-MISSED-PAID";
    String neverConfirmed = "LC-NEVER-CONFIRMED";
    world.refused.addAll(List.of(missedConfirm, missedPaid));
    world.create(missedConfirm, true);
    world.world.sandbox.confirm(missedConfirm);
    world.create(missedPaid, true);
    world.world.sandbox.confirm(missedPaid);
    world.payScore.orders().refresh(LifecycleWorld.order(missedPaid));
    completeAndAwait(missedPaid, 7_00);
    world.world.sandbox.pay(missedPaid);
    world.create(neverConfirmed, true);
    Await.until(
        "refused callbacks",
        BOUND,
        () ->
            !world.received(missedPaid, "PAYSCORE.USER_PAID").isEmpty()
                && !world.received(missedConfirm, "PAYSCORE.USER_CONFIRM").isEmpty());
    assertThat(world.localState(missedConfirm)).isEqualTo(CREATED);
    assertThat(world.localState(missedPaid)).isEqualTo(DOING_MCH_COMPLETE);
    ageOrders(Duration.ofMinutes(2)); // sweeps read the database's clock

    Sweeps.Report report = world.payScore.sweeps().runOnce();

    assertThat(report.advanced()).isGreaterThanOrEqualTo(2);
    assertThat(world.localState(missedConfirm)).isEqualTo(DOING_USER_CONFIRM);
    assertThat(world.localState(missedPaid)).isEqualTo(DONE);
    assertThat(world.localState(neverConfirmed)).isEqualTo(CREATED);
    assertThat(world.trail(missedConfirm)).endsWith(STATE_OBSERVED, SWEEP_FINDING);
    assertThat(world.trail(missedPaid)).endsWith(STATE_OBSERVED, SWEEP_FINDING);
    assertThat(world.trail(neverConfirmed)).endsWith(SWEEP_FINDING);
    assertThat(world.payScore.sweeps().runOnce().checked())
        .as("checked orders are not claimed again before their threshold")
        .isZero();
  }

  /** Every order's last change and next check move {@code by} into the past. */
  private static void ageOrders(Duration by) {
    try (Connection c = world.world.dataSource.getConnection();
        java.sql.Statement s = c.createStatement()) {
      String interval = "interval '" + by.toSeconds() + " seconds'";
      s.executeUpdate(
          "UPDATE payscore.service_order SET updated_at = updated_at - "
              + interval
              + ", next_check_at = next_check_at - "
              + interval);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void openAndConfirm(String no) {
    assertThat(world.create(no, true)).isInstanceOf(LifecycleResult.Applied.class);
    world.world.sandbox.confirm(no);
    awaitLocal(no, DOING_USER_CONFIRM);
  }

  private static void completeAndAwait(String no, long total) {
    completeAndAwait(no, SandboxWorld.command(no, total));
  }

  private static void completeAndAwait(String no, RequestCompletionCommand command) {
    world.world.letTimePass();
    SandboxWorld.requested(world.payScore.completions().request(command));
    Await.until(no + " completed", BOUND, () -> world.world.intent(no).status().isSettled());
    assertThat(world.world.intent(no).status()).isEqualTo(IntentStatus.SUCCEEDED);
    assertThat(world.localState(no)).isEqualTo(DOING_MCH_COMPLETE);
  }

  private static RequestModifyCommand modify(String no, long total) {
    return new RequestModifyCommand(
        MCHID,
        OutOrderNo.of(no),
        List.of(new PostPayment("租借费用", total, "2小时", 1)),
        List.of(),
        total,
        "优惠",
        null,
        "it");
  }

  private static void awaitIntent(String no, IntentKind kind) {
    Await.until(
        no + " " + kind + " settled",
        BOUND,
        () ->
            world
                .payScore
                .orders()
                .intent(MCHID, OutOrderNo.of(no), kind)
                .map(i -> i.status().isSettled())
                .orElse(false));
    CompletionIntent intent =
        world.payScore.orders().intent(MCHID, OutOrderNo.of(no), kind).orElseThrow();
    assertThat(intent.status())
        .as("%s: %s", kind, intent.lastError())
        .isEqualTo(IntentStatus.SUCCEEDED);
  }

  private static void awaitLocal(String no, LifecycleState state) {
    Await.until(no + " locally " + state, BOUND, () -> world.localState(no) == state);
  }

  private static List<Operation> operations(String no) {
    return world.ledger(no).stream().map(LedgerEntry::operation).toList();
  }

  private static long count(String no, AuditEventType type) {
    return world.trail(no).stream().filter(type::equals).count();
  }

  private static ServiceTime now() {
    return ServiceTime.ofSeconds(world.world.clock().instant());
  }
}
