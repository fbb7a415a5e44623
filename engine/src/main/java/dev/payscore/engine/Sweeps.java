package dev.payscore.engine;

import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.audit.AuditEventType;
import dev.payscore.domain.intent.CompletionIntent;
import dev.payscore.domain.intent.IntentKind;
import dev.payscore.domain.intent.IntentStatus;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.Observation;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.OrderQuery;
import dev.payscore.domain.port.out.PayScoreGateway;
import dev.payscore.domain.port.out.Repositories;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.domain.usecase.OrderMirror;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation sweeps: orders whose local state is suspicious (see {@link SweepOptions}) are
 * asked about at WeChat and moved forward to what it reports (missed callbacks); what stays
 * suspicious is reported. Every finding is a {@code SWEEP_FINDING} audit event, visible in {@code
 * history()}.
 *
 * <p>Safe with several instances: orders are claimed in one statement that skips rows another
 * instance holds ({@code FOR UPDATE SKIP LOCKED}) and stamps them checked, so an order is checked
 * by one instance once per threshold.
 */
public final class Sweeps implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sweeps.class);

  private final Transactions transactions;
  private final PayScoreGateway gateway;
  private final Clock clock;
  private final SweepOptions options;
  private final String actor;
  private @Nullable ScheduledExecutorService scheduler;

  Sweeps(
      Transactions transactions,
      PayScoreGateway gateway,
      Clock clock,
      SweepOptions options,
      String instanceName) {
    this.transactions = transactions;
    this.gateway = gateway;
    this.clock = clock;
    this.options = options;
    this.actor = "sweep:" + instanceName;
  }

  /** What one sweep did. */
  public record Report(int checked, int advanced, int reported, int queryFailed) {}

  /** One sweep now, on the calling thread. */
  public Report runOnce() {
    Instant now = clock.instant();
    List<ServiceOrder> claimed =
        transactions.inTransaction(
            repos -> {
              List<ServiceOrder> due = new ArrayList<>();
              claim(repos, due, LifecycleState.CREATED, options.created(), now);
              claim(repos, due, LifecycleState.DOING_USER_CONFIRM, options.confirmed(), now);
              claim(repos, due, LifecycleState.DOING_MCH_COMPLETE, options.completed(), now);
              return due;
            });
    int advanced = 0;
    int reported = 0;
    int failed = 0;
    for (ServiceOrder order : claimed) {
      Finding finding;
      try {
        finding = check(order);
      } catch (RuntimeException e) {
        LOG.warn("sweep could not check {}/{}", order.mchid(), order.outOrderNo(), e);
        finding = Finding.QUERY_FAILED;
      }
      switch (finding) {
        case ADVANCED -> advanced++;
        case REPORTED -> reported++;
        case QUERY_FAILED -> failed++;
        case NOTHING -> {}
      }
    }
    return new Report(claimed.size(), advanced, reported, failed);
  }

  private enum Finding {
    ADVANCED,
    REPORTED,
    QUERY_FAILED,
    NOTHING
  }

  private void claim(
      Repositories repos,
      List<ServiceOrder> due,
      LifecycleState state,
      Duration threshold,
      Instant now) {
    int room = options.batchSize() - due.size();
    if (room > 0) {
      due.addAll(
          repos.orders().claimUnchangedSince(Set.of(state), now.minus(threshold), now, room));
    }
  }

  private Finding check(ServiceOrder claimed) {
    GatewayOutcome<ObservedOrder> query =
        gateway.query(
            claimed.mchid(),
            OrderQuery.byOutOrderNo(claimed.appid(), claimed.serviceId(), claimed.outOrderNo()));
    return transactions.inTransaction(
        repos -> {
          Instant now = clock.instant();
          ServiceOrder order =
              repos.orders().find(claimed.mchid(), claimed.outOrderNo()).orElse(claimed);
          if (!(query instanceof GatewayOutcome.Accepted<ObservedOrder> accepted)) {
            report(repos, order, null, "query failed: " + query.summary(), now);
            return Finding.QUERY_FAILED;
          }
          ObservedOrder view = accepted.body();
          OrderMirror.Applied applied =
              OrderMirror.apply(
                  repos,
                  order,
                  view,
                  AuditEventType.STATE_OBSERVED,
                  AuditCause.QUERY,
                  actor,
                  "sweep",
                  now);
          if (applied.observation() == Observation.ADVANCE) {
            report(
                repos,
                order,
                view,
                "local "
                    + order.lifecycle()
                    + ", WeChat "
                    + view.lifecycle()
                    + ": moved forward (missed callback)",
                now);
            return Finding.ADVANCED;
          }
          Optional<String> suspicious = suspicious(repos, applied.order());
          if (suspicious.isPresent()) {
            report(repos, order, view, suspicious.get(), now);
            return Finding.REPORTED;
          }
          return Finding.NOTHING;
        });
  }

  /** What still needs a person after WeChat's view is applied; empty when nothing does. */
  private Optional<String> suspicious(Repositories repos, ServiceOrder order) {
    for (IntentKind kind : IntentKind.values()) {
      Optional<CompletionIntent> intent =
          repos.intents().find(order.mchid(), order.outOrderNo(), kind);
      if (intent.isPresent()
          && (intent.get().status() == IntentStatus.NEEDS_ATTENTION
              || intent.get().status() == IntentStatus.FAILED)) {
        return Optional.of(
            kind + " intent " + intent.get().status() + ": " + intent.get().lastError());
      }
    }
    return switch (order.lifecycle()) {
      case CREATED ->
          Optional.of(
              "still CREATED at WeChat after " + options.created() + " (user has not confirmed)");
      case DOING_MCH_COMPLETE ->
          Optional.of(
              "still unpaid at WeChat after " + options.completed() + " (consider pay or sync)");
      default -> Optional.empty();
    };
  }

  private void report(
      Repositories repos,
      ServiceOrder order,
      @Nullable ObservedOrder view,
      String detail,
      Instant now) {
    LOG.info("sweep finding for {}/{}: {}", order.mchid(), order.outOrderNo(), detail);
    repos
        .audit()
        .append(
            new AuditEntry(
                order.mchid(),
                order.outOrderNo(),
                AuditEventType.SWEEP_FINDING,
                order.lifecycle(),
                view == null ? null : view.lifecycle(),
                AuditCause.QUERY,
                actor,
                null,
                view == null ? null : view.totalAmount(),
                null,
                null,
                null,
                null,
                null,
                detail,
                now));
  }

  /** Starts sweeping every {@code interval} (nothing when the interval is zero). */
  synchronized void start() {
    if (options.interval().isZero() || scheduler != null) {
      return;
    }
    ScheduledExecutorService started =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, actor);
              thread.setDaemon(true);
              return thread;
            });
    long millis = options.interval().toMillis();
    started.scheduleWithFixedDelay(this::runSafely, millis, millis, TimeUnit.MILLISECONDS);
    scheduler = started;
  }

  private void runSafely() {
    try {
      Report report = runOnce();
      if (report.checked() > 0) {
        LOG.info("sweep: {}", report);
      }
    } catch (RuntimeException e) {
      LOG.warn("sweep failed; next one in {}", options.interval(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
