package dev.payscore;

import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.Oddity;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.Repositories;
import dev.payscore.domain.port.out.StaleWriteException;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.domain.usecase.OrderMirror;
import dev.payscore.engine.internal.LogContext;
import dev.payscore.wechat.notification.NotificationParser;
import dev.payscore.wechat.notification.NotificationResult;
import dev.payscore.wechat.notification.PayScoreEventType;
import dev.payscore.wechat.notification.PayScoreNotification;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeChat's Pay Score callbacks, for a host endpoint of any framework: hand over the headers and the
 * raw body bytes, answer with the returned status and body.
 *
 * <pre>{@code
 * Notifications.Answer answer = payScore.notifications().handle(headers, rawBodyBytes);
 * response.setStatus(answer.status());
 * response.getOutputStream().write(answer.body().getBytes(UTF_8));
 * }</pre>
 *
 * <p>A callback is verified and decrypted first; a forged, stale, tampered or unreadable one
 * changes nothing and is answered 4xx. A verified one is recorded in the inbox by its id, and its
 * order moves forward to the state it reports, with a {@code CALLBACK_RECEIVED} event and the
 * transition, all in one transaction; a redelivery is answered 200 and applied once. A callback for
 * an order with no local mirror yet (its create still settling) is answered 404 and nothing is
 * recorded, so that WeChat delivers it again.
 *
 * <p>Thread-safe: one instance serves every callback request concurrently (get it from {@link
 * PayScore#notifications()}).
 */
public final class Notifications {
  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
  private static final String ACTOR = "wechat-callback";
  private static final int MAX_EVENT_NAME = 64;
  /** How often a callback that meets a concurrent update is applied again before WeChat is told 500. */
  private static final int STALE_TRIES = 5;
  private static final String UNKNOWN_ORDER = "unknown order";

  private final Transactions transactions;
  private final NotificationParser parser;
  private final Clock clock;
  private final PayScoreListener listener;

  Notifications(Transactions transactions, NotificationParser parser, Clock clock) {
    this(transactions, parser, clock, PayScoreListener.NONE);
  }

  Notifications(
      Transactions transactions,
      NotificationParser parser,
      Clock clock,
      PayScoreListener listener) {
    this.transactions = transactions;
    this.parser = parser;
    this.clock = clock;
    this.listener = PayScoreListener.guarded(listener);
  }

  /**
   * What handling a verified callback did, for the listener once committed: {@code before} and
   * {@code after} are the order's states when it was applied, both null when it was not (unknown
   * order), {@code duplicate} for a redelivery.
   */
  private record Handled(
      Answer answer,
      @Nullable LifecycleState before,
      @Nullable LifecycleState after,
      boolean duplicate) {
    static Handled refused(int status, String reason) {
      return new Handled(Answer.fail(status, reason), null, null, false);
    }
  }

  /** The HTTP status and body to answer WeChat with (a body is empty on success). */
  public record Answer(int status, String body) {
    public Answer {
      Objects.requireNonNull(body, "body == null");
    }

    static Answer ok() {
      return new Answer(200, "");
    }

    static Answer fail(int status, String message) {
      return new Answer(
          status, "{\"code\":\"FAIL\",\"message\":\"" + message.replace("\"", "'") + "\"}");
    }

    public boolean accepted() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * Handles one callback; never throws for anything WeChat or the database did. Callbacks of every
   * configured merchant may arrive here: each is routed by {@code Wechatpay-Serial}, then by the
   * merchant's APIv3 key that decrypts it.
   */
  public Answer handle(Map<String, String> headers, byte[] rawBody) {
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(rawBody, "rawBody == null");
    return handle(parser.parse(rawBody, headers));
  }

  /**
   * Handles one callback that arrived at {@code mchid}'s own notify URL: only that merchant's keys
   * are tried, and a callback naming another merchant is refused (400).
   */
  public Answer handle(MerchantId mchid, Map<String, String> headers, byte[] rawBody) {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(rawBody, "rawBody == null");
    return handle(parser.parse(mchid, rawBody, headers));
  }

  private Answer handle(NotificationResult result) {
    if (result instanceof NotificationResult.Rejected rejected) {
      LOG.warn("callback rejected: {} ({})", rejected.reason(), rejected.detail());
      listener.callbackRejected(rejected.httpStatus(), rejected.reason().name());
      return Answer.fail(rejected.httpStatus(), rejected.reason().name());
    }
    PayScoreNotification notification = ((NotificationResult.Accepted) result).notification();
    try (LogContext ignored =
        LogContext.of(notification.order().mchid(), notification.order().outOrderNo())) {
      return handle(notification);
    }
  }

  /** A verified callback, with its order in the MDC. */
  private Answer handle(PayScoreNotification notification) {
    Handled handled;
    for (int tries = 1; ; tries++) {
      try {
        handled = transactions.inTransaction(repos -> apply(repos, notification));
        break;
      } catch (StaleWriteException e) {
        // A settlement or another callback changed the order meanwhile: nothing was written, so
        // apply it again to the order as it is now, here, rather than have WeChat resend it.
        if (tries >= STALE_TRIES) {
          return notApplied(notification, "still contended after " + tries + " tries");
        }
        LOG.debug(
            "callback {} for {} met a concurrent update; applying it again",
            notification.id(),
            notification.order().outOrderNo());
      } catch (RuntimeException e) {
        return notApplied(notification, e.toString());
      }
    }
    tell(notification, handled);
    return handled.answer();
  }

  /** One line, no stack trace: WeChat delivers the callback again. */
  private Answer notApplied(PayScoreNotification notification, String why) {
    LOG.warn(
        "callback {} for {} not applied; WeChat will deliver it again: {}",
        notification.id(),
        notification.order().outOrderNo(),
        why);
    listener.callbackRejected(500, "not applied");
    return Answer.fail(500, "not applied");
  }

  /** The listener hears what a committed callback did. */
  private void tell(PayScoreNotification notification, Handled handled) {
    ObservedOrder view = notification.order();
    if (!handled.answer().accepted()) {
      // the only refusal after verification: the order has no local mirror (yet)
      listener.callbackRejected(handled.answer().status(), UNKNOWN_ORDER);
      return;
    }
    listener.callbackApplied(
        view.mchid(), view.outOrderNo(), eventName(notification), handled.duplicate());
    if (handled.after() != null && handled.after() != handled.before()) {
      listener.orderTransitioned(
          view.mchid(), view.outOrderNo(), handled.before(), handled.after(), AuditCause.CALLBACK);
    }
  }

  /** WeChat's {@code event_type} text as sent, cut to the inbox's column. */
  private static String eventName(PayScoreNotification notification) {
    String name = notification.eventName();
    return name.length() <= MAX_EVENT_NAME ? name : name.substring(0, MAX_EVENT_NAME);
  }

  private static AuditEntry unknownEvent(
      ServiceOrder order, PayScoreNotification notification, Instant now) {
    List<Oddity> oddities = new ArrayList<>();
    oddities.add(
        new Oddity("event_type", eventName(notification), Oddity.Problem.UNKNOWN_VALUE));
    oddities.addAll(notification.order().oddities());
    return OrderMirror.oddValues(
        order, oddities, AuditCause.CALLBACK, ACTOR, notification.id(), now);
  }

  /**
   * When the user confirmed, for a {@code PAYSCORE.USER_CONFIRM} callback: its {@code create_time}
   * (RFC 3339), WeChat's moment of the confirmation. Null for other events or an unreadable time.
   */
  static @Nullable Instant confirmedAt(PayScoreNotification notification) {
    String createTime = notification.createTime();
    if (notification.eventType() != PayScoreEventType.USER_CONFIRM || createTime == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(createTime).toInstant();
    } catch (DateTimeParseException e) {
      LOG.debug("callback {}: unreadable create_time {}", notification.id(), createTime);
      return null;
    }
  }

  private Handled apply(Repositories repos, PayScoreNotification notification) {
    ObservedOrder view = notification.order();
    Optional<ServiceOrder> found = repos.orders().find(view.mchid(), view.outOrderNo());
    if (found.isEmpty()) {
      LOG.warn(
          "callback {} for unknown order {}/{}; answering 404",
          notification.id(),
          view.mchid(),
          view.outOrderNo());
      return Handled.refused(404, UNKNOWN_ORDER);
    }
    Instant now = clock.instant();
    String event = eventName(notification);
    if (!repos.inbox().markReceived(notification.id(), view.mchid(), event, now)) {
      LOG.debug("callback {} for {} is a redelivery", notification.id(), view.outOrderNo());
      return new Handled(Answer.ok(), null, null, true);
    }
    ServiceOrder order = found.get();
    repos
        .audit()
        .append(
            new AuditEntry(
                order.mchid(),
                order.outOrderNo(),
                AuditEventType.CALLBACK_RECEIVED,
                order.lifecycle(),
                view.lifecycle(),
                AuditCause.CALLBACK,
                ACTOR,
                null,
                view.totalAmount(),
                null,
                null,
                null,
                null,
                null,
                event + " " + notification.id(),
                now));
    if (notification.eventType() == PayScoreEventType.OTHER) {
      // an event this version does not know: recorded, answered 2xx, never a reason to move
      repos.audit().append(unknownEvent(order, notification, now));
      LOG.warn(
          "callback {} for {}: unknown event_type {} recorded, order left {}",
          notification.id(),
          order.outOrderNo(),
          event,
          order.lifecycle());
      return new Handled(Answer.ok(), order.lifecycle(), order.lifecycle(), false);
    }
    OrderMirror.Applied applied =
        OrderMirror.apply(
            repos,
            order,
            view,
            confirmedAt(notification),
            AuditEventType.TRANSITION_APPLIED,
            AuditCause.CALLBACK,
            ACTOR,
            event,
            now);
    LOG.debug(
        "callback {} {} for {}: {} -> {} ({})",
        notification.id(),
        event,
        order.outOrderNo(),
        order.lifecycle(),
        applied.order().lifecycle(),
        applied.observation());
    return new Handled(Answer.ok(), order.lifecycle(), applied.order().lifecycle(), false);
  }
}
