package dev.payscore.domain.usecase;

import dev.payscore.AuditEventType;
import dev.payscore.CompletionIntent;
import dev.payscore.IntentKind;
import dev.payscore.IntentRef;
import dev.payscore.IntentStatus;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.StorageException;
import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.intent.IntentEvent;
import dev.payscore.domain.intent.IntentPayload;
import dev.payscore.domain.intent.IntentTransitionTable;
import dev.payscore.domain.intent.RecordResult;
import dev.payscore.domain.port.out.Repositories;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one rule set for recording an intent of any kind, shared by the request handlers. The caller
 * has locked the order row ({@code ServiceOrders.lock}), so the reads here and the insert that
 * follows see no concurrent request for the order; the database's unique indexes back this up.
 *
 * <ul>
 *   <li>Another intent of the order is open (PENDING, IN_FLIGHT, NEEDS_ATTENTION): refused,
 *       naming it, whatever its kind.
 *   <li>Otherwise an intent of this kind with the same body digest, in any generation and status
 *       (FAILED too), makes this an identical repeat, answered with that intent; nothing is sent
 *       again.
 *   <li>The open intent of this kind is quarantined (unreadable, NEEDS_ATTENTION): any request of
 *       its kind (the same body too: the stored digest cannot be trusted) supersedes it as the next
 *       generation; it ends SUPERSEDED (audited).
 *   <li>The latest intent of this kind FAILED: a request with a different body supersedes it as
 *       the next generation (audited). The latest modification SUCCEEDED: a different one is the
 *       next modification (WeChat allows several).
 *   <li>Otherwise a different body is a conflict: WeChat holds one set of parameters per call.
 * </ul>
 */
final class IntentRecording {
  private IntentRecording() {}

  /** What a request comes to, before its own guards and validation. */
  sealed interface Plan {}

  /** The same body was requested before: answer with that intent. */
  record Repeat(CompletionIntent existing) implements Plan {}

  /** A different body while {@code existing} stands: refused. */
  record Conflict(CompletionIntent existing) implements Plan {}

  /** Another intent holds the order. */
  record Held(IntentRef open) implements Plan {}

  /**
   * Record a new intent: the first of its kind (both null), the next generation after {@code
   * previous} (FAILED, or a SUCCEEDED modification), or one replacing the quarantined {@code
   * quarantined}.
   */
  record New(@Nullable CompletionIntent previous, @Nullable IntentRef quarantined)
      implements Plan {}

  /** The order's open intent, read without its body. */
  static Optional<IntentRef> open(Repositories repositories, MerchantId mchid, OutOrderNo no) {
    return repositories.intents().open(mchid, no);
  }

  /**
   * The latest readable intent of {@code kind}: absent when there is none, or when it is the
   * quarantined {@code open} one (which cannot be read).
   */
  static Optional<CompletionIntent> latest(
      Repositories repositories,
      MerchantId mchid,
      OutOrderNo no,
      IntentKind kind,
      Optional<IntentRef> open) {
    if (open.isPresent() && open.get().quarantined() && open.get().kind().equals(kind.name())) {
      return Optional.empty();
    }
    return repositories.intents().find(mchid, no, kind);
  }

  static Plan plan(
      Repositories repositories,
      MerchantId mchid,
      OutOrderNo no,
      IntentKind kind,
      String sha256,
      Optional<IntentRef> open) {
    IntentRef ref = open.orElse(null);
    if (ref != null && !ref.kind().equals(kind.name())) {
      return new Held(ref);
    }
    if (ref != null && ref.quarantined()) {
      // Its stored digest cannot be trusted: any request of its kind replaces it, the same body too.
      return new New(null, ref);
    }
    Optional<CompletionIntent> same =
        repositories.intents().findByDigest(mchid, no, kind, sha256);
    if (same.isPresent()) {
      return new Repeat(same.get());
    }
    if (ref != null) {
      return new Conflict(
          repositories
              .intents()
              .find(ref.id())
              .orElseThrow(() -> new StorageException("open intent " + ref.id() + " vanished")));
    }
    Optional<CompletionIntent> latest = repositories.intents().find(mchid, no, kind);
    if (latest.isEmpty()) {
      return new New(null, null);
    }
    CompletionIntent last = latest.get();
    boolean next =
        last.status() == IntentStatus.FAILED
            || (kind == IntentKind.MODIFY && last.status() == IntentStatus.SUCCEEDED);
    return next ? new New(last, null) : new Conflict(last);
  }

  /**
   * Writes a {@link New} plan: supersedes the quarantined intent if there is one, records the new
   * intent (due not before {@code notBefore}, if given), and audits the supersession ({@code
   * INTENT_SUPERSEDED}); the caller audits the request.
   */
  static RecordResult write(
      Repositories repositories,
      New plan,
      MerchantId mchid,
      OutOrderNo no,
      IntentKind kind,
      IntentPayload payload,
      String requestedBy,
      Instant now,
      @Nullable Instant notBefore) {
    CompletionIntent previous = plan.previous();
    IntentRef quarantined = plan.quarantined();
    CompletionIntent intent;
    if (previous != null) {
      intent = previous.next(payload, requestedBy, now);
    } else if (quarantined != null) {
      IntentTransitionTable.move(IntentStatus.NEEDS_ATTENTION, IntentEvent.SUPERSEDED);
      repositories.intents().supersede(quarantined, now);
      intent = CompletionIntent.following(quarantined, mchid, no, kind, payload, requestedBy, now);
    } else {
      intent = CompletionIntent.pending(mchid, no, kind, payload, requestedBy, now);
    }
    RecordResult result =
        repositories.intents().record(notBefore == null ? intent : intent.dueNotBefore(notBefore));
    boolean supersedes =
        quarantined != null || (previous != null && previous.status() == IntentStatus.FAILED);
    if (result instanceof RecordResult.Recorded recorded && supersedes) {
      String was =
          previous != null
              ? previous.status()
                  + (previous.lastError() == null ? "" : ": " + previous.lastError())
              : "quarantined: " + Objects.requireNonNull(quarantined).quarantineReason();
      repositories
          .audit()
          .append(
              new AuditEntry(
                  mchid,
                  no,
                  AuditEventType.INTENT_SUPERSEDED,
                  null,
                  null,
                  AuditCause.REQUEST,
                  requestedBy,
                  recorded.intent().id(),
                  payload.amount(),
                  payload.sha256(),
                  null,
                  null,
                  null,
                  null,
                  kind
                      + " generation "
                      + recorded.intent().generation()
                      + " follows intent "
                      + recorded.intent().supersedes()
                      + " (was "
                      + was
                      + ")",
                  now));
    }
    return result;
  }
}
