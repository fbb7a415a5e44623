package dev.payscore.domain.usecase;

import dev.payscore.AuditEventType;
import dev.payscore.domain.audit.AuditCause;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.model.Observation;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.model.Oddity;
import dev.payscore.domain.model.ServiceOrder;
import dev.payscore.domain.port.out.Repositories;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Moves a local mirror to WeChat's view of the order, forward only, with its audit event: the one
 * place where a response, a query, a callback or a sweep changes an existing order. A stale view is
 * recorded ({@code STALE_EVENT_IGNORED}) and otherwise ignored.
 */
public final class OrderMirror {
  /** Keeps the audit detail of odd values well inside its column. */
  private static final int MAX_ODDITIES_TEXT = 4000;

  private OrderMirror() {}

  /** What applying a view did; {@code order} is the mirror afterwards. */
  public record Applied(ServiceOrder order, Observation observation) {
    public Applied {
      Objects.requireNonNull(order, "order == null");
      Objects.requireNonNull(observation, "observation == null");
    }
  }

  /**
   * Applies {@code view} to {@code order} (as loaded in this transaction): an advance is audited as
   * {@code advanced} (e.g. TRANSITION_APPLIED for a callback, STATE_OBSERVED for a query).
   */
  public static Applied apply(
      Repositories repos,
      ServiceOrder order,
      ObservedOrder view,
      AuditEventType advanced,
      AuditCause cause,
      String actor,
      @Nullable String detail,
      Instant now) {
    return apply(repos, order, view, null, advanced, cause, actor, detail, now);
  }

  /**
   * {@link #apply(Repositories, ServiceOrder, ObservedOrder, AuditEventType, AuditCause, String,
   * String, Instant) apply}, also keeping when the user confirmed, {@code confirmedAt}, as WeChat
   * said it (a {@code PAYSCORE.USER_CONFIRM} callback's {@code create_time}); null when the view
   * does not say.
   */
  public static Applied apply(
      Repositories repos,
      ServiceOrder order,
      ObservedOrder view,
      @Nullable Instant confirmedAt,
      AuditEventType advanced,
      AuditCause cause,
      String actor,
      @Nullable String detail,
      Instant now) {
    Objects.requireNonNull(repos, "repos == null");
    Objects.requireNonNull(order, "order == null");
    Objects.requireNonNull(view, "view == null");
    if (!view.oddities().isEmpty()) {
      repos.audit().append(oddValues(order, view.oddities(), cause, actor, detail, now));
      if (!view.stateRecognized()) {
        // the state is a placeholder: nothing about where the order stands can be read from it
        return new Applied(order, Observation.STALE);
      }
    }
    Observation observation = order.observe(view.lifecycle());
    if (observation == Observation.STALE) {
      repos
          .audit()
          .append(
              entry(order, view, AuditEventType.STALE_EVENT_IGNORED, cause, actor, detail, now));
      return new Applied(order, observation);
    }
    ServiceOrder refreshed = order.refreshedFrom(view);
    if (confirmedAt != null) {
      refreshed = refreshed.withConfirmation(confirmedAt);
    }
    ServiceOrder stored = refreshed.equals(order) ? order : repos.orders().update(refreshed);
    if (observation == Observation.ADVANCE) {
      repos.audit().append(entry(order, view, advanced, cause, actor, detail, now));
    }
    return new Applied(stored, observation);
  }

  /**
   * The audit event of values WeChat sent that this version does not understand ({@code
   * ODD_VALUES_RECORDED}), raw in its detail after {@code detail}; the order's own state on both
   * sides, since it never moves on them.
   */
  public static AuditEntry oddValues(
      ServiceOrder order,
      List<Oddity> oddities,
      AuditCause cause,
      String actor,
      @Nullable String detail,
      Instant now) {
    String text = oddities.toString();
    if (text.length() > MAX_ODDITIES_TEXT) {
      text = text.substring(0, MAX_ODDITIES_TEXT) + "…";
    }
    return new AuditEntry(
        order.mchid(),
        order.outOrderNo(),
        AuditEventType.ODD_VALUES_RECORDED,
        order.lifecycle(),
        order.lifecycle(),
        cause,
        actor,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        detail == null ? text : detail + " " + text,
        now);
  }

  private static AuditEntry entry(
      ServiceOrder order,
      ObservedOrder view,
      AuditEventType type,
      AuditCause cause,
      String actor,
      @Nullable String detail,
      Instant now) {
    return new AuditEntry(
        order.mchid(),
        order.outOrderNo(),
        type,
        order.lifecycle(),
        view.lifecycle(),
        cause,
        actor,
        null,
        view.totalAmount(),
        null,
        null,
        null,
        null,
        null,
        detail,
        now);
  }
}
