package dev.payscore.spring.boot.internal;

import dev.payscore.AuditEvent;
import dev.payscore.CompletionIntent;
import dev.payscore.IntentKind;
import dev.payscore.IntentStatus;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScore;
import dev.payscore.QuarantinedIntent;
import dev.payscore.RetryResult;
import dev.payscore.domain.audit.AuditEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The actuator endpoint {@code payscore} (expose it with {@code
 * management.endpoints.web.exposure.include}):
 *
 * <ul>
 *   <li>{@code GET /actuator/payscore}: the intents needing attention and the quarantined ones, of
 *       every configured merchant;
 *   <li>{@code GET /actuator/payscore/{mchid}/{outOrderNo}}: an order's intents and audit history;
 *   <li>{@code POST /actuator/payscore/{mchid}/{outOrderNo}} with {@code {"operator":"alice"}}:
 *       retry the order's intent that needs attention (audited with the operator's name).
 * </ul>
 *
 * Values are plain strings and numbers; no payload, key or signature is shown.
 */
@Endpoint(id = "payscore")
public final class PayScoreEndpoint {
  private static final int LIMIT = 100;

  private final PayScore payScore;
  private final List<MerchantId> merchants;

  public PayScoreEndpoint(PayScore payScore, List<MerchantId> merchants) {
    this.payScore = payScore;
    this.merchants = List.copyOf(merchants);
  }

  /** An intent as the endpoint shows it. */
  public record IntentView(
      String id,
      String mchid,
      String outOrderNo,
      String kind,
      int generation,
      String status,
      int attempts,
      @Nullable String lastOutcome,
      @Nullable String lastError,
      String nextAttemptAt,
      String requestedBy,
      String createdAt,
      String updatedAt) {
    static IntentView of(CompletionIntent i) {
      return new IntentView(
          i.id().value().toString(),
          i.mchid().value(),
          i.outOrderNo().value(),
          i.kind().name(),
          i.generation(),
          i.status().name(),
          i.attempts(),
          i.lastOutcome(),
          i.lastError(),
          i.nextAttemptAt().toString(),
          i.requestedBy(),
          i.createdAt().toString(),
          i.updatedAt().toString());
    }
  }

  /** A quarantined intent: its row cannot be read, {@code reason} says why. */
  public record QuarantinedView(
      String mchid, String outOrderNo, String intentId, String kind, String reason, String updatedAt) {
    static QuarantinedView of(QuarantinedIntent q) {
      return new QuarantinedView(
          q.mchid().value(),
          q.outOrderNo().value(),
          q.ref().id().value().toString(),
          q.ref().kind(),
          q.reason(),
          q.updatedAt().toString());
    }
  }

  /** What needs a person. */
  public record Attention(List<IntentView> needsAttention, List<QuarantinedView> quarantined) {}

  /** One audit event. */
  public record EventView(
      long sequence,
      String type,
      @Nullable String from,
      @Nullable String to,
      String cause,
      String actor,
      @Nullable Long amount,
      @Nullable String wechatCode,
      @Nullable String wechatMessage,
      @Nullable String detail,
      String occurredAt) {
    static EventView of(AuditEvent event) {
      AuditEntry e = event.entry();
      return new EventView(
          event.sequence(),
          e.type().name(),
          e.fromState() == null ? null : e.fromState().name(),
          e.toState() == null ? null : e.toState().name(),
          e.cause().name(),
          e.actor(),
          e.amount(),
          e.wechatCode(),
          e.wechatMessage(),
          e.detail(),
          e.occurredAt().toString());
    }
  }

  /** An order's intents (every kind, latest generation) and history. */
  public record OrderView(List<IntentView> intents, List<EventView> history) {}

  /** What a retry did: {@code result} is Requeued, NotFound, NotNeedingAttention or Unreadable. */
  public record RetryView(String result, @Nullable String detail) {}

  @ReadOperation
  public Attention attention() {
    List<IntentView> attention = new ArrayList<>();
    List<QuarantinedView> quarantined = new ArrayList<>();
    for (MerchantId mchid : merchants) {
      payScore.completions().list(mchid, IntentStatus.NEEDS_ATTENTION, LIMIT).stream()
          .map(IntentView::of)
          .forEach(attention::add);
      payScore.completions().quarantined(mchid, LIMIT).stream()
          .map(QuarantinedView::of)
          .forEach(quarantined::add);
    }
    return new Attention(attention, quarantined);
  }

  @ReadOperation
  public OrderView order(@Selector String mchid, @Selector String outOrderNo) {
    MerchantId merchant = MerchantId.of(mchid);
    OutOrderNo order = OutOrderNo.of(outOrderNo);
    List<IntentView> intents =
        Arrays.stream(IntentKind.values())
            .map(kind -> payScore.orders().intent(merchant, order, kind))
            .flatMap(Optional::stream)
            .map(IntentView::of)
            .toList();
    List<EventView> history =
        payScore.history().ofOrder(merchant, order).stream().map(EventView::of).toList();
    return new OrderView(intents, history);
  }

  @WriteOperation
  public RetryView retry(@Selector String mchid, @Selector String outOrderNo, String operator) {
    RetryResult result =
        payScore.completions().retry(MerchantId.of(mchid), OutOrderNo.of(outOrderNo), operator);
    if (result instanceof RetryResult.Requeued requeued) {
      return new RetryView("Requeued", requeued.intent().kind() + " intent due now");
    }
    if (result instanceof RetryResult.NotNeedingAttention not) {
      return new RetryView("NotNeedingAttention", not.status().name());
    }
    if (result instanceof RetryResult.Unreadable unreadable) {
      return new RetryView("Unreadable", unreadable.reason());
    }
    return new RetryView("NotFound", null);
  }
}
