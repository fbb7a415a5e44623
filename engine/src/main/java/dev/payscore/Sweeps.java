package dev.payscore;

import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.Observation;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.OrderQuery;
import dev.payscore.domain.port.out.PayScoreGateway;
import dev.payscore.domain.port.out.Repositories;
import dev.payscore.domain.port.out.SweepCandidate;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.domain.usecase.OrderMirror;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
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
 * suspicious is reported as a {@code SWEEP_FINDING} audit event, visible in {@code history()}, once:
 * looking again and finding the same writes no audit row.
 *
 * <p>Each sweep looks at the most urgent orders first: completed orders awaiting payment
 * (DOING/MCH_COMPLETE, a missed USER_PAID), then DOING/USER_CONFIRM, then CREATED. Each state first
 * takes up to a third of the batch, then what is left goes to the states with more, in the same
 * order, so a backlog of abandoned CREATED orders never crowds out an unpaid one. An order found
 * unchanged is looked at again after a back-off that doubles each time (at most {@link
 * SweepOptions#maxBackOff()}); any change of the order starts it over.
 *
 * <p>Safe with several instances: orders are claimed in one statement that skips rows another
 * instance holds ({@code FOR UPDATE SKIP LOCKED}) and sets their next check, by the database's
 * clock, so an order is looked at by one instance at a time. An instance claims only orders of the
 * merchants it holds credentials for (all merchants when it was given a gateway of its own).
 *
 * <p>Thread-safe; one per {@link PayScore} ({@link PayScore#sweeps()}); {@link #runOnce()} may run
 * beside the scheduled sweeps.
 */
public final class Sweeps implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sweeps.class);

  /** The states a sweep looks at, most urgent first. */
  private static final List<LifecycleState> URGENCY =
      List.of(
          LifecycleState.DOING_MCH_COMPLETE,
          LifecycleState.DOING_USER_CONFIRM,
          LifecycleState.CREATED);

  private final Transactions transactions;
  private final PayScoreGateway gateway;
  private final Clock clock;
  private final SweepOptions options;
  private final Set<MerchantId> merchants;
  private final PayScoreListener listener;
  private final String actor;
  private @Nullable ScheduledExecutorService scheduler;

  Sweeps(
      Transactions transactions,
      PayScoreGateway gateway,
      Clock clock,
      SweepOptions options,
      String instanceName,
      Set<MerchantId> merchants,
      PayScoreListener listener) {
    this.transactions = transactions;
    this.gateway = gateway;
    this.clock = clock;
    this.options = options;
    this.merchants = Set.copyOf(merchants);
    this.listener = PayScoreListener.guarded(listener);
    this.actor = "sweep:" + instanceName;
  }

  /**
   * What one sweep did: orders looked at, moved forward, findings audited (a finding that did not
   * change since the last look is not counted), queries that failed.
   */
  public record Report(int checked, int advanced, int reported, int queryFailed) {}

  /** One sweep now, on the calling thread. */
  public Report runOnce() {
    List<SweepCandidate> claimed = transactions.inTransaction(this::claim);
    int advanced = 0;
    int reported = 0;
    int failed = 0;
    for (SweepCandidate candidate : claimed) {
      ServiceOrder order = candidate.order();
      Outcome outcome;
      try {
        outcome = check(candidate);
      } catch (RuntimeException e) {
        LOG.warn(
            "sweep could not check {}/{}: {}", order.mchid(), order.outOrderNo(), e.toString());
        failed++;
        continue;
      }
      if (outcome.finding() == Finding.ADVANCED && outcome.to() != null) {
        listener.orderTransitioned(
            order.mchid(), order.outOrderNo(), outcome.from(), outcome.to(), AuditCause.QUERY);
      }
      switch (outcome.finding()) {
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

  /** What looking at one order found; {@code from} and {@code to} when it moved forward. */
  private record Outcome(
      Finding finding, @Nullable LifecycleState from, @Nullable LifecycleState to) {
    static Outcome of(Finding finding) {
      return new Outcome(finding, null, null);
    }
  }

  /**
   * The orders of this sweep: each state up to its quota, most urgent first, then the room left to
   * the states that had more, in the same order.
   */
  private List<SweepCandidate> claim(Repositories repos) {
    int batch = options.batchSize();
    int quota = (batch + URGENCY.size() - 1) / URGENCY.size();
    List<SweepCandidate> due = new ArrayList<>();
    Set<LifecycleState> more = EnumSet.noneOf(LifecycleState.class);
    for (LifecycleState state : URGENCY) {
      int limit = Math.min(quota, batch - due.size());
      if (limit < 1) {
        break;
      }
      List<SweepCandidate> claimed =
          repos.orders().claimForSweep(state, merchants, threshold(state), limit);
      due.addAll(claimed);
      if (claimed.size() == limit) {
        more.add(state);
      }
    }
    for (LifecycleState state : URGENCY) {
      int room = batch - due.size();
      if (room < 1) {
        break;
      }
      if (more.contains(state)) {
        due.addAll(repos.orders().claimForSweep(state, merchants, threshold(state), room));
      }
    }
    return due;
  }

  private Duration threshold(LifecycleState state) {
    return switch (state) {
      case DOING_MCH_COMPLETE -> options.completed();
      case DOING_USER_CONFIRM -> options.confirmed();
      default -> options.created();
    };
  }

  /** The wait before the next look at an order found unchanged {@code checks} times in a row. */
  Duration backOff(LifecycleState state, int checks) {
    Duration wait = threshold(state);
    for (int i = 0; i < checks && wait.compareTo(options.maxBackOff()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(options.maxBackOff()) < 0 ? wait : options.maxBackOff();
  }

  private Outcome check(SweepCandidate candidate) {
    ServiceOrder claimed = candidate.order();
    GatewayOutcome<ObservedOrder> query =
        gateway.query(
            claimed.mchid(),
            OrderQuery.byOutOrderNo(claimed.appid(), claimed.serviceId(), claimed.outOrderNo()));
    return transactions.inTransaction(
        repos -> {
          Instant now = clock.instant();
          ServiceOrder order =
              repos.orders().find(claimed.mchid(), claimed.outOrderNo()).orElse(claimed);
          // changed since the claim (a callback): its schedule started over, nothing to record
          boolean unchangedSinceClaim = order.version() == claimed.version();
          if (!(query instanceof GatewayOutcome.Accepted<ObservedOrder> accepted)) {
            String failure = "query failed: " + query.summary();
            if (unchangedSinceClaim) {
              unchanged(repos, candidate, order, null, failure, now);
            }
            return Outcome.of(Finding.QUERY_FAILED);
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
            return new Outcome(Finding.ADVANCED, order.lifecycle(), applied.order().lifecycle());
          }
          String suspicious = suspicious(repos, applied.order()).orElse(null);
          boolean audited =
              unchangedSinceClaim
                  && unchanged(repos, candidate, applied.order(), view, suspicious, now);
          return Outcome.of(audited ? Finding.REPORTED : Finding.NOTHING);
        });
  }

  /**
   * Schedules the next look at an order found unchanged, and audits {@code finding} unless it is
   * the one audited at the last look; whether it audited.
   */
  private boolean unchanged(
      Repositories repos,
      SweepCandidate candidate,
      ServiceOrder order,
      @Nullable ObservedOrder view,
      @Nullable String finding,
      Instant now) {
    boolean news = finding != null && !finding.equals(candidate.lastFinding());
    if (news) {
      report(repos, order, view, finding, now);
    }
    int checks = candidate.checks() + 1;
    repos.orders().recordSweep(order, backOff(order.lifecycle(), checks), checks, finding);
    return news;
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
      if (report.advanced() > 0 || report.reported() > 0) {
        LOG.info("sweep: {}", report);
      } else if (report.checked() > 0) {
        LOG.debug("sweep: {}", report);
      }
    } catch (RuntimeException e) {
      LOG.warn("sweep failed; next one in {}: {}", options.interval(), e.toString());
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
