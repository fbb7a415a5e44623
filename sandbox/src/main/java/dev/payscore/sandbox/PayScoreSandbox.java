package dev.payscore.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payscore.sandbox.internal.AdminHandler;
import dev.payscore.sandbox.internal.ApiError;
import dev.payscore.sandbox.internal.ApiHandler;
import dev.payscore.sandbox.internal.Callbacks;
import dev.payscore.sandbox.internal.Faults;
import dev.payscore.sandbox.internal.HttpListener;
import dev.payscore.sandbox.internal.OrderBook;
import dev.payscore.sandbox.internal.WechatKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;


/**
 * WeChat Pay Score's side, running on 127.0.0.1: the service-order API with real signatures both
 * ways, the rules and error codes of the fact sheet, a simulated user, callbacks, fault injection
 * and a ledger of what was applied. Two listeners share one order book: the main host and a
 * backup host ({@code api2}).
 *
 * <pre>{@code
 * try (PayScoreSandbox sandbox = PayScoreSandbox.start(config)) {
 *   client.baseUrl(sandbox.baseUrl()).wechatPublicKey(sandbox.publicKeyId(), sandbox.publicKey());
 *   ...
 *   sandbox.confirm("order-1");                       // the user confirms
 *   assertThat(sandbox.ledger("order-1")).extracting(LedgerEntry::operation)
 *       .containsExactly(Operation.CREATE, Operation.USER_CONFIRM, Operation.COMPLETE);
 * }
 * }</pre>
 */
public final class PayScoreSandbox implements AutoCloseable {
  private final SandboxConfig config;
  private final SandboxClock clock;
  private final WechatKeys keys;
  private final OrderBook orders;
  private final Faults faults;
  private final Callbacks callbacks;
  private final ExecutorService connections;
  private final ScheduledExecutorService background;
  private final HttpListener main;
  private final HttpListener backup;

  private PayScoreSandbox(SandboxConfig config) throws IOException {
    this.config = config;
    this.background = Executors.newScheduledThreadPool(2, daemon("payscore-sandbox-background"));
    OrderBook[] book = new OrderBook[1];
    this.clock =
        SandboxClock.of(config.clock())
            .withListener(
                () -> {
                  if (book[0] != null) {
                    book[0].advanceTime();
                  }
                });
    this.keys = new WechatKeys(config, clock);
    this.callbacks = new Callbacks(config, clock, keys, background);
    this.orders = new OrderBook(config, clock, callbacks);
    book[0] = orders;
    this.faults = new Faults(config.seed(), config.faults());
    AdminHandler admin = new AdminHandler(orders, faults, callbacks, clock, this::info);
    ApiHandler api = new ApiHandler(config.merchants(), clock, keys, orders, faults, admin);
    // one thread per open connection: clients keep connections alive, and a delay fault must
    // not hold up other connections; signing, the real cost, is bounded by the cores anyway
    this.connections = Executors.newCachedThreadPool(daemon("payscore-sandbox-http"));
    this.main = new HttpListener(config.port(), false, connections, api);
    this.backup = new HttpListener(config.backupPort(), true, connections, api);
    // due automatic payments happen on the wall clock too, not only when someone calls
    background.scheduleWithFixedDelay(orders::advanceTime, 200, 200, TimeUnit.MILLISECONDS);
  }

  /** Starts a sandbox listening on 127.0.0.1 (main and backup host). */
  public static PayScoreSandbox start(SandboxConfig config) {
    Objects.requireNonNull(config, "config == null");
    try {
      return new PayScoreSandbox(config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + config.port(), e);
    }
  }

  /** {@code http://127.0.0.1:<port>}: use it where a client expects {@code https://api.mch.weixin.qq.com}. */
  public String baseUrl() {
    return main.baseUrl();
  }

  /** The backup host ({@code api2}): same orders, spared by {@link FaultKind#MAIN_HOST_UNAVAILABLE}. */
  public String backupBaseUrl() {
    return backup.baseUrl();
  }

  public SandboxConfig config() {
    return config;
  }

  /** The sandbox clock; advance it to expire orders and run due automatic payments. */
  public SandboxClock clock() {
    return clock;
  }

  public SandboxConfig.KeyMode keyMode() {
    return keys.mode();
  }

  /**
   * The id responses are signed with by default: the {@code PUB_KEY_ID_…} in public-key mode, the
   * newest platform certificate's serial in certificate mode.
   */
  public String publicKeyId() {
    return keys.signingKey(null).serial();
  }

  /** The public key matching {@link #publicKeyId()}. */
  public PublicKey publicKey() {
    return keys.publicKey();
  }

  /** Every WeChat verification key by serial or id (two during a certificate rotation). */
  public Map<String, PublicKey> publicKeys() {
    Map<String, PublicKey> all = new LinkedHashMap<>();
    keys.keys().forEach(k -> all.put(k.serial(), k.pair().getPublic()));
    return all;
  }

  /** The platform certificates, oldest first; empty in public-key mode. */
  public List<X509Certificate> platformCertificates() {
    List<X509Certificate> certificates = new ArrayList<>();
    for (WechatKeys.Key key : keys.keys()) {
      if (key.certificate() != null) {
        certificates.add(key.certificate());
      }
    }
    return certificates;
  }

  /** The PEM of {@link #publicKey()} (what a merchant downloads from the merchant platform). */
  public String publicKeyPem() {
    return Pem.encode("PUBLIC KEY", publicKey().getEncoded());
  }

  /** The user confirms {@code outOrderNo} (CREATED → DOING/USER_CONFIRM, USER_CONFIRM callback). */
  public String confirm(String outOrderNo) {
    return user(() -> orders.userConfirm(null, outOrderNo, null)).get("query_id").asText();
  }

  /** The user pays the completed {@code outOrderNo} (→ DONE/USER_PAID, USER_PAID callback). */
  public void pay(String outOrderNo) {
    user(() -> orders.userPay(null, outOrderNo));
  }

  /** The order as WeChat holds it, as the query endpoint would answer it. */
  public String order(String outOrderNo) {
    return user(() -> orders.order(null, outOrderNo)).toString();
  }

  private static ObjectNode user(java.util.function.Supplier<ObjectNode> action) {
    try {
      return action.get();
    } catch (ApiError e) {
      throw new IllegalStateException(e.code() + ": " + e.getMessage(), e);
    }
  }

  /** Everything applied, in order. */
  public List<LedgerEntry> ledger() {
    return orders.ledger();
  }

  /** What was applied to {@code outOrderNo}, in order. */
  public List<LedgerEntry> ledger(String outOrderNo) {
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    List<LedgerEntry> entries = new ArrayList<>();
    for (LedgerEntry entry : orders.ledger()) {
      if (entry.outOrderNo().equals(outOrderNo)) {
        entries.add(entry);
      }
    }
    return entries;
  }

  /** Every callback attempt so far. */
  public List<CallbackDelivery> callbackDeliveries() {
    return callbacks.deliveries();
  }

  public void addFault(FaultRule rule) {
    faults.add(rule);
  }

  public void clearFaults() {
    faults.clear();
  }

  private ObjectNode info() {
    ObjectNode info = JsonNodeFactory.instance.objectNode();
    info.put("base_url", baseUrl());
    info.put("backup_base_url", backupBaseUrl());
    info.put("key_mode", keyMode().name());
    info.put("public_key_id", publicKeyId());
    info.put("public_key_pem", publicKeyPem());
    info.putArray("serials").addAll(keys.keys().stream()
        .map(k -> JsonNodeFactory.instance.textNode(k.serial())).toList());
    info.put("now", WechatKeys.rfc3339(clock.instant()));
    return info;
  }

  @Override
  public void close() {
    main.close();
    backup.close();
    background.shutdownNow();
    connections.shutdownNow();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public String toString() {
    return "PayScoreSandbox[" + baseUrl() + ", " + keyMode() + "]";
  }

}
