package dev.payscore.domain.port.out;

import dev.payscore.CompletionIntent;
import dev.payscore.MerchantId;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.domain.intent.IntentPayload;
import dev.payscore.domain.model.ServiceOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the storage ports accept, checked at their boundary before anything is written: the widths
 * of the columns, well-formed digests, a payload whose JSON and digest are those of its order.
 * Every implementation (PostgreSQL and the fakes) calls these checks, so an oversized field is the
 * same {@link IllegalArgumentException} everywhere, listing every violation at once, never a
 * half-written transaction.
 */
public final class StorageLimits {
  /** The most rows one claim or listing returns. */
  public static final int MAX_BATCH = 1000;

  public static final int SERVICE_INTRODUCTION = 64;
  public static final int ATTACH = 256;
  public static final int NOTIFY_URL = 256;
  public static final int OPENID = 128;
  public static final int ORDER_ID = 64;
  public static final int ACTOR = 128;
  public static final int LEASE_OWNER = 128;
  public static final int OUTCOME = 64;
  public static final int ERROR = 2000;
  public static final int WECHAT_CODE = 64;
  public static final int WECHAT_MESSAGE = 1024;
  public static final int REQUEST_ID = 128;
  public static final int DETAIL = 8192;
  public static final int NOTIFICATION_ID = 64;
  public static final int EVENT_TYPE = 64;

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private StorageLimits() {}

  public static void check(ServiceOrder order) {
    Objects.requireNonNull(order, "order == null");
    Violations v = new Violations("service order " + order.mchid() + "/" + order.outOrderNo());
    v.length("service_introduction", order.serviceIntroduction(), SERVICE_INTRODUCTION);
    v.length("attach", order.attach(), ATTACH);
    v.length("notify_url", order.notifyUrl(), NOTIFY_URL);
    v.length("openid", order.openid(), OPENID);
    v.length("order_id", order.orderId(), ORDER_ID);
    v.throwIfAny();
  }

  /**
   * Checks an intent about to be recorded: its bookkeeping fields, and a body that is the
   * canonical JSON of its request (the bytes every attempt will send). A stored intent's body is
   * never checked again ({@link #checkBookkeeping}).
   */
  public static void check(CompletionIntent intent) {
    Objects.requireNonNull(intent, "intent == null");
    Violations v = new Violations("completion intent " + intent.id());
    IntentPayload payload = intent.payload();
    if (!payload.canonical().body().equals(payload.body())) {
      v.add("payload.json", "must be the canonical JSON of payload.order", payload.json());
    }
    bookkeeping(v, intent);
    v.throwIfAny();
  }

  /** Checks the fields an update of a stored intent writes. */
  public static void checkBookkeeping(CompletionIntent intent) {
    Objects.requireNonNull(intent, "intent == null");
    Violations v = new Violations("completion intent " + intent.id());
    bookkeeping(v, intent);
    v.throwIfAny();
  }

  private static void bookkeeping(Violations v, CompletionIntent intent) {
    v.length("requested_by", intent.requestedBy(), ACTOR);
    v.length("last_outcome", intent.lastOutcome(), OUTCOME);
    v.length("last_error", intent.lastError(), ERROR);
    v.length("lease_owner", intent.leaseOwner(), LEASE_OWNER);
  }

  /**
   * Checks that {@code intent}'s payload belongs to {@code order}: the same merchant and order
   * number, and the appid and service_id the order was created with.
   */
  public static void checkMatches(CompletionIntent intent, ServiceOrder order) {
    Objects.requireNonNull(intent, "intent == null");
    Objects.requireNonNull(order, "order == null");
    Violations v = new Violations("completion intent " + intent.id());
    if (!intent.mchid().equals(order.mchid()) || !intent.outOrderNo().equals(order.outOrderNo())) {
      v.add("out_order_no", "must be the order's", intent.mchid() + "/" + intent.outOrderNo());
    }
    if (!intent.payload().appid().equals(order.appid().value())) {
      v.add("payload.appid", "must be the order's " + order.appid(), intent.payload().appid());
    }
    if (!intent.payload().serviceId().equals(order.serviceId().value())) {
      v.add(
          "payload.service_id",
          "must be the order's " + order.serviceId(),
          intent.payload().serviceId());
    }
    v.throwIfAny();
  }

  public static void check(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry == null");
    Violations v = new Violations("audit entry of " + entry.mchid() + "/" + entry.outOrderNo());
    v.length("actor", entry.actor(), ACTOR);
    v.sha256("request_sha256", entry.requestSha256());
    v.sha256("response_sha256", entry.responseSha256());
    v.length("wechat_code", entry.wechatCode(), WECHAT_CODE);
    v.length("wechat_message", entry.wechatMessage(), WECHAT_MESSAGE);
    v.length("request_id", entry.requestId(), REQUEST_ID);
    v.length("detail", entry.detail(), DETAIL);
    v.throwIfAny();
  }

  public static void checkClaim(
      String owner, Duration lease, Map<MerchantId, Integer> permits, int limit, int maxClaims) {
    Objects.requireNonNull(owner, "owner == null");
    Objects.requireNonNull(lease, "lease == null");
    Objects.requireNonNull(permits, "permits == null");
    Violations v = new Violations("claim");
    v.length("owner", owner, LEASE_OWNER);
    if (lease.isNegative() || lease.isZero()) {
      v.add("lease", "must be positive", lease);
    }
    if (limit < 1 || limit > MAX_BATCH) {
      v.add("limit", "must be 1.." + MAX_BATCH, limit);
    }
    if (maxClaims < 1) {
      v.add("maxClaims", "must be >= 1", maxClaims);
    }
    permits.forEach(
        (mchid, n) -> {
          if (n == null || n < 0) {
            v.add("permits[" + mchid + "]", "must be >= 0", String.valueOf(n));
          }
        });
    v.throwIfAny();
  }

  public static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_BATCH) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_BATCH + ": " + limit);
    }
  }

  public static void checkNotification(
      String notificationId, MerchantId mchid, String eventType, Instant receivedAt) {
    Objects.requireNonNull(notificationId, "notificationId == null");
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(eventType, "eventType == null");
    Objects.requireNonNull(receivedAt, "receivedAt == null");
    Violations v = new Violations("notification " + abbreviate(notificationId));
    v.length("notification_id", notificationId, NOTIFICATION_ID);
    v.length("event_type", eventType, EVENT_TYPE);
    v.throwIfAny();
  }

  /** {@code text} cut to at most {@code max} characters (with "…" when cut). */
  public static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  /** Collects violations so that one exception reports all of them. */
  private static final class Violations {
    private final String subject;
    private final List<String> found = new ArrayList<>();

    Violations(String subject) {
      this.subject = subject;
    }

    void add(String field, String rule, Object value) {
      found.add(field + ": " + rule + " (was \"" + abbreviate(String.valueOf(value)) + "\")");
    }

    void length(String field, @Nullable String value, int max) {
      if (value == null) {
        return;
      }
      if (value.length() > max) {
        found.add(field + ": at most " + max + " characters (was " + value.length() + ")");
      }
    }

    void sha256(String field, @Nullable String value) {
      if (value != null && !SHA256.matcher(value).matches()) {
        add(field, "must be 64 lower-case hex digits", value);
      }
    }

    void throwIfAny() {
      if (!found.isEmpty()) {
        throw new IllegalArgumentException(subject + " refused: " + String.join("; ", found));
      }
    }
  }
}
