package dev.payscore.sandbox.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payscore.sandbox.CallbackDelivery;
import dev.payscore.sandbox.SandboxConfig;
import dev.payscore.sandbox.SandboxConfig.Merchant;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Delivers PAYSCORE.USER_CONFIRM and PAYSCORE.USER_PAID to the order's notify_url from a
 * background executor: signed like a response, the order encrypted with the merchant's APIv3 key,
 * redelivered on a non-2xx answer or an I/O failure on WeChat's schedule times the configured
 * scale. Only loopback addresses are called; others are logged as refused.
 */
public final class Callbacks implements OrderBook.Notifier {
  /** WeChat's current redelivery schedule after a failed attempt (fact sheet §8.3). */
  static final List<Duration> SCHEDULE =
      List.of(
          Duration.ofSeconds(15),
          Duration.ofSeconds(15),
          Duration.ofSeconds(30),
          Duration.ofMinutes(3),
          Duration.ofMinutes(10),
          Duration.ofMinutes(20),
          Duration.ofMinutes(30),
          Duration.ofMinutes(30),
          Duration.ofMinutes(30),
          Duration.ofMinutes(60),
          Duration.ofHours(3),
          Duration.ofHours(3),
          Duration.ofHours(3),
          Duration.ofHours(6),
          Duration.ofHours(6));
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

  private record Notification(
      String id, String eventType, Merchant merchant, String outOrderNo, String url, String body) {}

  private final SandboxConfig config;
  private final Clock clock;
  private final WechatKeys keys;
  private final ScheduledExecutorService executor;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final Random ids;
  private final List<CallbackDelivery> deliveries = new ArrayList<>();
  private final Map<String, Notification> heldConfirms = new HashMap<>();

  public Callbacks(
      SandboxConfig config, Clock clock, WechatKeys keys, ScheduledExecutorService executor) {
    this.config = config;
    this.clock = clock;
    this.keys = keys;
    this.executor = executor;
    this.ids = RunIds.notificationIds(config);
    // plain HTTP/1.1 as WeChat sends it: the JDK client's default would ask an http:// URL for an
    // h2c upgrade, which a notify server with an upgrade handler answers 400 without the callback
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(ANSWER_WITHIN)
            .build();
  }

  @Override
  public void notify(
      String eventType, Merchant merchant, String outOrderNo, String url, String plain) {
    Notification notification;
    synchronized (this) {
      notification =
          new Notification(
              new UUID(ids.nextLong(), ids.nextLong()).toString(),
              eventType,
              merchant,
              outOrderNo,
              url,
              envelope(eventType, merchant, plain));
    }
    String holdKey = merchant.mchid() + '\u0000' + outOrderNo;
    if (config.outOfOrderCallbacks() && "PAYSCORE.USER_CONFIRM".equals(eventType)) {
      synchronized (this) {
        heldConfirms.put(holdKey, notification);
      }
      executor.schedule(() -> release(holdKey), scaled(SCHEDULE.get(0)), TimeUnit.MICROSECONDS);
      return;
    }
    executor.execute(
        () -> {
          deliver(notification, 1);
          // a held confirmation follows the payment's first attempt, never overtakes it
          release(holdKey);
        });
  }

  private void release(String holdKey) {
    Notification held;
    synchronized (this) {
      held = heldConfirms.remove(holdKey);
    }
    if (held != null) {
      deliver(held, 1);
    }
  }

  private String envelope(String eventType, Merchant merchant, String plain) {
    String nonce = Crypto.nonce(12);
    ObjectNode envelope = json.createObjectNode();
    envelope.put("id", new UUID(ids.nextLong(), ids.nextLong()).toString());
    envelope.put("create_time", WechatKeys.rfc3339(clock.instant()));
    envelope.put("event_type", eventType);
    envelope.put("resource_type", "encrypt-resource");
    envelope.put(
        "summary", eventType.endsWith("USER_PAID") ? "支付分服务订单支付成功" : "支付分服务订单确认成功");
    ObjectNode resource = envelope.putObject("resource");
    resource.put("algorithm", "AEAD_AES_256_GCM");
    resource.put("ciphertext", Crypto.encrypt(merchant.apiV3Key(), nonce, "payscore", plain));
    resource.put("nonce", nonce);
    resource.put("associated_data", "payscore");
    resource.put("original_type", "payscore");
    try {
      return json.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void deliver(Notification n, int attempt) {
    if (!loopback(n.url())) {
      log(n, attempt, -1, "refused: notify_url is not a loopback address");
      return;
    }
    int status = -1;
    String error = "";
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(n.url()))
              .timeout(ANSWER_WITHIN)
              .header("Content-Type", "application/json")
              .header("User-Agent", "payscore-sandbox")
              .POST(HttpRequest.BodyPublishers.ofString(n.body()));
      keys.sign(keys.signingKey(null), clock.instant(), n.body(), false).forEach(request::header);
      status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException | IllegalArgumentException e) {
      error = e.getClass().getSimpleName();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    log(n, attempt, status, error);
    boolean ok = status >= 200 && status < 300;
    if (ok && attempt == 1 && config.duplicateCallbacks()) {
      executor.execute(() -> deliver(n, 2));
    } else if (!ok && attempt <= SCHEDULE.size()) {
      executor.schedule(
          () -> deliver(n, attempt + 1), scaled(SCHEDULE.get(attempt - 1)), TimeUnit.MICROSECONDS);
    }
  }

  private synchronized void log(Notification n, int attempt, int status, String error) {
    deliveries.add(
        new CallbackDelivery(
            n.id(),
            n.eventType(),
            n.merchant().mchid(),
            n.outOrderNo(),
            n.url(),
            attempt,
            status,
            error,
            Instant.now()));
  }

  public synchronized List<CallbackDelivery> deliveries() {
    return List.copyOf(deliveries);
  }

  private long scaled(Duration delay) {
    return Math.max(1, (long) (delay.toNanos() / 1000.0 * config.callbackTimeScale()));
  }

  /** Literal loopback addresses and {@code localhost} only; no name is resolved. */
  static boolean loopback(String url) {
    try {
      String host = URI.create(url).getHost();
      if (host == null) {
        return false;
      }
      if ("localhost".equalsIgnoreCase(host)) {
        return true;
      }
      boolean literal = host.matches("[0-9.]+") || host.startsWith("[");
      return literal && InetAddress.getByName(host).isLoopbackAddress();
    } catch (IllegalArgumentException | UnknownHostException e) {
      return false;
    }
  }
}
