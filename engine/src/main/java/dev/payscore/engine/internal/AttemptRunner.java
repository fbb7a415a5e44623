package dev.payscore.engine.internal;

import dev.payscore.AppId;
import dev.payscore.CompletionIntent;
import dev.payscore.PayScoreListener;
import dev.payscore.ServiceId;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.OrderQuery;
import dev.payscore.domain.port.out.PayScoreGateway;
import dev.payscore.domain.settlement.Settlement;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt of a claimed intent (its send permit was taken before it was claimed): the call
 * with the stored bytes, the settling query when the outcome needs one, the lease heartbeat while
 * both are in flight; then hands the attempt to the {@link Settler}, which plans it with {@link
 * Settlement} and applies the plan fenced by the claim.
 */
public final class AttemptRunner {
  private static final Logger LOG = LoggerFactory.getLogger(AttemptRunner.class);

  private final PayScoreGateway gateway;
  private final Clock clock;
  private final MerchantRateLimiter limiter;
  private final Checkpoints checkpoints;
  private final LeaseHeartbeat heartbeat;
  private final Settler settler;
  private final PayScoreListener listener;

  public AttemptRunner(
      PayScoreGateway gateway,
      Clock clock,
      MerchantRateLimiter limiter,
      Checkpoints checkpoints,
      LeaseHeartbeat heartbeat,
      Settler settler,
      PayScoreListener listener) {
    this.gateway = Objects.requireNonNull(gateway, "gateway == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.limiter = Objects.requireNonNull(limiter, "limiter == null");
    this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints == null");
    this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat == null");
    this.settler = Objects.requireNonNull(settler, "settler == null");
    this.listener = PayScoreListener.guarded(listener);
  }

  /** What became of one claimed intent, and when it is due again (retried or released only). */
  public record Processed(Result result, @Nullable Instant dueAgain) {
    public Processed {
      Objects.requireNonNull(result, "result == null");
    }

    static Processed of(Result result) {
      return new Processed(result, null);
    }
  }

  /** What became of one claimed intent. */
  public enum Result {
    /** Settled: succeeded, failed or needs attention. */
    SETTLED,
    /** Sent and scheduled for another attempt. */
    RETRY_SCHEDULED,
    /** Given back without an attempt (stopping). */
    RELEASED,
    /** Another dispatcher took the intent over, or settling failed; the lease will expire. */
    LOST
  }

  /**
   * One attempt of {@code claimed}, with the order and the intent in the MDC. {@code stopping} is
   * asked before sending: a stopping dispatcher gives the intent back instead of starting a call.
   */
  public Processed process(CompletionIntent claimed, boolean stopping) {
    Objects.requireNonNull(claimed, "claimed == null");
    try (LogContext ignored = LogContext.of(claimed)) {
      return stopping ? settler.release(claimed) : attempt(claimed);
    }
  }

  private Processed attempt(CompletionIntent claimed) {
    listener.attemptStarted(claimed);
    checkpoints.reached(Checkpoints.Stage.CLAIMED, claimed);
    try (LeaseHeartbeat.Beat beat = heartbeat.start(claimed)) {
      GatewayOutcome<?> outcome = guarded(claimed, "send", () -> send(claimed));
      checkpoints.reached(Checkpoints.Stage.CALLED, claimed);
      if (outcome instanceof GatewayOutcome.Throttled) {
        limiter.throttled(claimed.mchid(), clock.instant());
      } else if (!(outcome instanceof GatewayOutcome.Unknown)) {
        limiter.succeeded(claimed.mchid(), clock.instant());
      }
      @Nullable GatewayOutcome<ObservedOrder> query =
          Settlement.needsQuery(claimed, outcome)
              ? guarded(claimed, "query", () -> query(claimed))
              : null;
      if (beat.lost()) {
        LOG.debug(
            "intent {} ({}) was taken over during its call", claimed.id(), claimed.outOrderNo());
      }
      checkpoints.reached(Checkpoints.Stage.DECIDED, claimed);
      // Still beating: a settlement that waits for the database keeps its lease.
      return settler.settleInGroup(new Settlement.Attempt(claimed, outcome, query));
    }
  }

  /**
   * The one call an intent drives, with its stored bytes, verbatim: never re-serialized from the
   * typed view, so every attempt of every kind sends what the first attempt sent.
   */
  private GatewayOutcome<?> send(CompletionIntent intent) {
    byte[] body = intent.body().bytes();
    return switch (intent.kind()) {
      case COMPLETE -> gateway.complete(intent.mchid(), intent.outOrderNo(), body);
      case CANCEL -> gateway.cancel(intent.mchid(), intent.outOrderNo(), body);
      case MODIFY -> gateway.modify(intent.mchid(), intent.outOrderNo(), body);
    };
  }

  private GatewayOutcome<ObservedOrder> query(CompletionIntent intent) {
    return gateway.query(
        intent.mchid(),
        OrderQuery.byOutOrderNo(
            AppId.of(intent.payload().appid()),
            ServiceId.of(intent.payload().serviceId()),
            intent.outOrderNo()));
  }

  /** The port promises not to throw; if it does, the request may have left: ambiguous. */
  private static <T> GatewayOutcome<T> guarded(
      CompletionIntent intent, String what, Supplier<GatewayOutcome<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      LOG.error(
          "gateway threw on {} of {} {} (intent {})",
          what,
          intent.kind(),
          intent.outOrderNo(),
          intent.id(),
          e);
      return new GatewayOutcome.Unknown<>(
          GatewayOutcome.UnknownCause.MALFORMED_RESPONSE,
          "gateway threw " + e.getClass().getName(),
          0,
          null);
    }
  }
}
