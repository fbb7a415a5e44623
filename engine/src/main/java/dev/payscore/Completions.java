package dev.payscore;

import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.domain.intent.IntentEvent;
import dev.payscore.domain.port.out.PayScoreGateway;
import dev.payscore.domain.port.out.Repositories;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.domain.usecase.RequestCompletionHandler;
import java.sql.Connection;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Completions as an application uses them: request one (in its own JDBC transaction, or in one of
 * ours), look one up, and put one that needs attention back in line.
 *
 * <pre>{@code
 * connection.setAutoCommit(false);
 * markRentalReturned(connection);                                  // the merchant's own SQL
 * RequestCompletionResult result = payScore.completions().request(connection, command);
 * connection.commit();                                             // a dispatcher sends it
 * }</pre>
 *
 * <p>Thread-safe; one per {@link PayScore}, shared by every thread (get it from {@link
 * PayScore#completions()}).
 */
public final class Completions {
  private final Transactions transactions;
  private final Clock clock;
  private final CompletionValidator validator;
  private final @Nullable PayScoreGateway staleOrderRefresh;
  private final WakeUp wakeUp;
  private final RequestTransactions requests;
  private final Set<MerchantId> merchants;

  /** Requests without a connection always in transactions of their own. */
  Completions(
      Transactions transactions,
      Clock clock,
      CompletionValidator validator,
      @Nullable PayScoreGateway staleOrderRefresh,
      WakeUp wakeUp) {
    this(
        transactions,
        clock,
        validator,
        staleOrderRefresh,
        wakeUp,
        new RequestTransactions(transactions, CallerTransactions.NONE, wakeUp),
        Set.of());
  }

  /** {@code merchants}: those this instance sends for, the scope of {@link #stats()}. */
  Completions(
      Transactions transactions,
      Clock clock,
      CompletionValidator validator,
      @Nullable PayScoreGateway staleOrderRefresh,
      WakeUp wakeUp,
      RequestTransactions requests,
      Set<MerchantId> merchants) {
    this.merchants = Set.copyOf(merchants);
    this.transactions = transactions;
    this.clock = clock;
    this.validator = validator;
    this.staleOrderRefresh = staleOrderRefresh;
    this.wakeUp = wakeUp;
    this.requests = requests;
  }

  /**
   * Requests a completion inside the caller's transaction on {@code connection}: nothing is
   * committed, rolled back or closed here. The local dispatcher looks for it shortly after this
   * returns, other instances after a NOTIFY sent outside the caller's transaction, and every
   * dispatcher at its next poll in any case.
   *
   * @throws IllegalArgumentException if the connection is in auto-commit mode (no transaction)
   */
  public RequestCompletionResult request(Connection connection, RequestCompletionCommand command) {
    Objects.requireNonNull(connection, "connection == null");
    Objects.requireNonNull(command, "command == null");
    RequestCompletionResult result = handler(CallerTransaction.join(connection)).request(command);
    if (result instanceof RequestCompletionResult.Requested) {
      wakeUp.recordedInCallerTransaction();
    }
    return result;
  }

  /**
   * Requests many completions inside the caller's transaction on {@code connection} (an end-of-day
   * batch): every command is checked first, and either all are recorded or none is, with every
   * refusal reported ({@link RequestCompletionsResult.Refused}; the caller's own writes stay, and
   * its transaction goes on). The first completions of orders with no intent yet are written in
   * a few statements however many there are; a command whose order has intents already is
   * recorded by the rules of {@link #request(Connection, RequestCompletionCommand)}. Nothing is
   * committed, rolled back or closed here (a savepoint undoes a refused batch).
   *
   * @throws IllegalArgumentException if the connection is in auto-commit mode, there are no
   *     commands, or one order appears twice (every repeat named); nothing is written
   */
  public RequestCompletionsResult request(
      Connection connection, List<RequestCompletionCommand> commands) {
    Objects.requireNonNull(connection, "connection == null");
    Objects.requireNonNull(commands, "commands == null");
    Repositories repositories = CallerTransaction.join(connection);
    Savepoint savepoint = CallerTransaction.savepoint(connection);
    RequestCompletionsResult result;
    try {
      result = handler(repositories).requestAll(commands);
    } catch (RuntimeException e) {
      CallerTransaction.rollback(connection, savepoint);
      throw e;
    }
    if (result instanceof RequestCompletionsResult.Refused) {
      CallerTransaction.rollback(connection, savepoint);
    } else {
      CallerTransaction.release(connection, savepoint);
      wakeUp.recordedInCallerTransaction();
    }
    return result;
  }

  /**
   * Requests a completion in the transaction the calling thread is in, if {@link
   * PayScore.Builder#transactions} joins it (the Spring Boot starter joins {@code @Transactional}),
   * otherwise in a transaction of its own; dispatchers are woken once it committed.
   */
  public RequestCompletionResult request(RequestCompletionCommand command) {
    Objects.requireNonNull(command, "command == null");
    return requests.record(
        repositories -> handler(repositories).request(command),
        RequestCompletionResult.Requested.class::isInstance);
  }

  /** The completion intent of an order (its latest generation), if one was requested. */
  public Optional<CompletionIntent> find(MerchantId mchid, OutOrderNo outOrderNo) {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    return transactions.inTransaction(
        repositories -> repositories.intents().find(mchid, outOrderNo, IntentKind.COMPLETE));
  }

  /**
   * A merchant's intents, newest first, optionally only those in {@code status}; rows that cannot
   * be read are left out ({@link #quarantined} lists them).
   */
  public List<CompletionIntent> list(MerchantId mchid, @Nullable IntentStatus status, int limit) {
    Objects.requireNonNull(mchid, "mchid == null");
    return transactions.inTransaction(
        repositories -> repositories.intents().list(mchid, status, limit));
  }

  /**
   * The open intents of the merchants this instance sends for (as its claims are scoped), counted
   * by status, and the age of the oldest pending one by the database's clock: one cheap count over
   * the open rows, for health checks and metrics gauges (poll it; it lists nothing).
   */
  public IntentStats stats() {
    return transactions.inTransaction(repositories -> repositories.intents().stats(merchants));
  }

  /** {@link #stats()} of one merchant, whether or not this instance sends for it. */
  public IntentStats stats(MerchantId mchid) {
    Objects.requireNonNull(mchid, "mchid == null");
    return transactions.inTransaction(repositories -> repositories.intents().stats(Set.of(mchid)));
  }

  /**
   * A merchant's intents that cannot be read (quarantined by a claim, or broken since), with the
   * reason, most recently changed first. {@link #list} leaves them out.
   */
  public List<QuarantinedIntent> quarantined(MerchantId mchid, int limit) {
    Objects.requireNonNull(mchid, "mchid == null");
    return transactions.inTransaction(repositories -> repositories.intents().quarantined(mchid, limit));
  }

  /**
   * Puts the order's intent that needs attention (complete, cancel or modify: the order's one open
   * intent) back in line, due now, attempts counted from zero, with an {@code OPERATOR_RETRY} audit
   * event naming {@code operator}. Its frozen bytes are sent again unchanged: fix what was wrong
   * outside (credentials, WeChat's side) before retrying, or, to send something else, request a
   * corrected one instead (after FAILED it becomes the next generation). A quarantined intent is
   * retried only once its row reads again; otherwise the result says why ({@link
   * RetryResult.Unreadable}) and a corrected request of the same kind supersedes it. FAILED,
   * SUCCEEDED and SUPERSEDED intents are final. The age limit still counts from the request: an
   * intent older than it gets one attempt, and needs attention again if that one is inconclusive.
   */
  public RetryResult retry(MerchantId mchid, OutOrderNo outOrderNo, String operator) {
    Objects.requireNonNull(operator, "operator == null");
    if (operator.isBlank()) {
      throw new IllegalArgumentException("operator is blank");
    }
    return retry(mchid, outOrderNo, Operator.named(operator));
  }

  /**
   * As {@link #retry(MerchantId, OutOrderNo, String)}, with the operator's reason recorded in the
   * {@code OPERATOR_RETRY} audit event's detail before what the intent was.
   */
  public RetryResult retry(MerchantId mchid, OutOrderNo outOrderNo, Operator operator) {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(operator, "operator == null");
    RetryResult result =
        transactions.inTransaction(
            repositories -> requeue(repositories, mchid, outOrderNo, operator));
    if (result instanceof RetryResult.Requeued) {
      wakeUp.committed();
    }
    return result;
  }

  private RetryResult requeue(
      Repositories repositories, MerchantId mchid, OutOrderNo outOrderNo, Operator operator) {
    if (repositories.orders().lock(mchid, outOrderNo).isEmpty()) {
      return new RetryResult.NotFound();
    }
    Optional<IntentRef> open = repositories.intents().open(mchid, outOrderNo);
    if (open.isEmpty()) {
      Optional<CompletionIntent> latest =
          Arrays.stream(IntentKind.values())
              .map(kind -> repositories.intents().find(mchid, outOrderNo, kind))
              .flatMap(Optional::stream)
              .max(Comparator.comparing(CompletionIntent::createdAt));
      return latest.isEmpty()
          ? new RetryResult.NotFound()
          : new RetryResult.NotNeedingAttention(latest.get().status());
    }
    IntentRef ref = open.get();
    IntentStatus status = ref.knownStatus().orElse(IntentStatus.NEEDS_ATTENTION);
    if (status != IntentStatus.NEEDS_ATTENTION) {
      return new RetryResult.NotNeedingAttention(status);
    }
    CompletionIntent intent;
    try {
      intent = repositories.intents().find(ref.id()).orElseThrow();
    } catch (StorageException e) {
      return new RetryResult.Unreadable(ref, String.valueOf(e.getMessage()));
    }
    Instant now = clock.instant();
    CompletionIntent requeued =
        repositories
            .intents()
            .update(
                intent.after(
                    IntentEvent.RETRIED, 0, now, intent.lastOutcome(), intent.lastError(), now));
    String was = ref.quarantined() ? "quarantined: " + ref.quarantineReason() : intent.lastError();
    repositories
        .audit()
        .append(
            new AuditEntry(
                mchid,
                outOrderNo,
                AuditEventType.OPERATOR_RETRY,
                null,
                null,
                AuditCause.OPERATOR,
                operator.name(),
                intent.id(),
                intent.payload().amount(),
                intent.payload().sha256(),
                null,
                null,
                null,
                null,
                operator.detail(intent.kind() + " intent; was: " + was),
                now));
    return new RetryResult.Requeued(requeued);
  }

  private RequestCompletionHandler handler(Repositories repositories) {
    return new RequestCompletionHandler(repositories, clock, validator, staleOrderRefresh);
  }
}
