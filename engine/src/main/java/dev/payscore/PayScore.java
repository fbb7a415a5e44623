package dev.payscore;

import dev.payscore.domain.completion.BillingConvention;
import dev.payscore.domain.completion.CompletionLimits;
import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.domain.port.out.PayScoreGateway;
import dev.payscore.domain.port.out.Transactions;
import dev.payscore.domain.usecase.OrderLifecycleHandler;
import dev.payscore.engine.internal.IntentWakeUps;
import dev.payscore.engine.internal.ObservedGateway;
import dev.payscore.migrations.PayscoreMigrations;
import dev.payscore.persistence.JooqTransactions;
import dev.payscore.wechat.WechatPayScoreGateway;
import dev.payscore.wechat.notification.NotificationParser;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * payscore in one object: the schema, the order lifecycle ({@link #orders()}: create, cancel,
 * modify, sync, collect, refresh), completions, callbacks ({@link #notifications()}), the audit
 * history, the dispatcher that sends durable intents to WeChat and the reconciliation sweeps, wired
 * on one PostgreSQL {@link DataSource}.
 *
 * <pre>{@code
 * try (PayScore payScore = PayScore.builder()
 *     .dataSource(dataSource)
 *     .merchant(new MerchantCredentials(mchid, certificateSerial, privateKey),
 *         WechatKeys.publicKey("PUB_KEY_ID_0114…", wechatPayPublicKey))
 *     .build()) {
 *   payScore.migrate();
 *   payScore.start();
 *   RequestCompletionResult result = payScore.completions().request(connection, command);
 * }
 * }</pre>
 *
 * <p>Several instances (processes) may share one database: each claims its own intents. {@link
 * #close()} stops the dispatcher gracefully (calls in flight finish, the rest are given back).
 *
 * <p>Thread-safe. Build one per application (per database and set of merchants) and share it
 * between all threads, as with OkHttp's {@code OkHttpClient}: each instance holds a dispatcher, its
 * threads, an HTTP client and a LISTEN connection, so one per request wastes them all. {@link
 * #close()} it once when the application stops.
 */
public final class PayScore implements AutoCloseable {
  /** One NOTIFY to other instances per this window, however many intents were recorded in it. */
  private static final Duration WAKE_UP_DEBOUNCE = Duration.ofMillis(20);

  private final DataSource dataSource;
  private final PayScoreGateway gateway;
  private final @Nullable WechatPayScoreGateway ownedGateway;
  private final String instanceName;
  private final Set<MerchantId> merchantIds;
  /** A new dispatcher for each {@link #start()}: a stopped one cannot run again. */
  private final Supplier<CompletionDispatcher> dispatchers;
  private final @Nullable DataSource listenDataSource;
  private final IntentWakeUps wakeUps;
  private final Completions completions;
  private final History history;
  private final Orders orders;
  private final @Nullable Notifications callbacks;
  private final Sweeps sweeps;
  private final Duration shutdownTimeout;
  private volatile @Nullable CompletionDispatcher running;
  private @Nullable IntentNotifications notifications;
  private boolean closed;

  private PayScore(Builder b, PayScoreGateway gateway, @Nullable WechatPayScoreGateway owned) {
    this.dataSource = Objects.requireNonNull(b.dataSource);
    this.gateway = gateway;
    this.ownedGateway = owned;
    this.instanceName = b.instanceName;
    this.merchantIds = b.merchantIds();
    this.shutdownTimeout = b.options.shutdownGrace();
    Transactions transactions = new JooqTransactions(dataSource);
    // every call to WeChat, whoever makes it, is told to the listener (timed)
    PayScoreGateway observed = ObservedGateway.of(gateway, b.listener);
    Executor executor = b.executor;
    this.dispatchers =
        () -> {
          CompletionDispatcher.Builder dispatcher =
              CompletionDispatcher.builder(transactions, observed)
                  .merchants(merchantIds)
                  .clock(b.clock)
                  .random(b.random)
                  .options(b.options)
                  .owner(instanceName)
                  .listener(b.listener);
          if (executor != null) {
            dispatcher.executor(executor);
          }
          return dispatcher.build();
        };
    this.listenDataSource =
        b.listen ? Objects.requireNonNullElse(b.listenDataSource, dataSource) : null;
    this.wakeUps =
        new IntentWakeUps(
            dataSource, IntentNotifications.CHANNEL, this::wakeDispatcher, WAKE_UP_DEBOUNCE);
    WakeUp wakeUp =
        new WakeUp() {
          @Override
          public void committed() {
            wakeUps.committed();
          }

          @Override
          public void recordedInCallerTransaction() {
            wakeUps.recordedInCallerTransaction();
          }
        };
    RequestTransactions requests = new RequestTransactions(transactions, b.callerTransactions, wakeUp);
    CompletionValidator validator = new CompletionValidator(b.clock, b.limits, b.convention);
    this.completions =
        new Completions(
            transactions,
            b.clock,
            validator,
            b.refreshStaleOrders ? observed : null,
            wakeUp,
            requests,
            b.merchantIds());
    this.history = new History(transactions);
    this.orders =
        new Orders(
            transactions,
            new OrderLifecycleHandler(transactions, observed, b.clock, validator),
            b.clock,
            wakeUp,
            validator,
            b.listener,
            requests);
    NotificationParser parser = callbackParser(b, owned);
    this.callbacks =
        parser == null ? null : new Notifications(transactions, parser, b.clock, b.listener);
    this.sweeps =
        new Sweeps(
            transactions,
            observed,
            b.clock,
            b.sweeps,
            b.instanceName,
            b.merchantIds(),
            b.listener);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The callback parser: each merchant with an APIv3 key (given, or its certificate download key)
   * verified with the gateway's keys for it, downloaded platform certificates included, and routed
   * by serial then APIv3 key; the keys of {@link Builder#notifications} last, for any merchant.
   */
  private static @Nullable NotificationParser callbackParser(
      Builder b, @Nullable WechatPayScoreGateway owned) {
    List<NotificationParser.Recipient> recipients = new ArrayList<>();
    if (owned != null) {
      Map<MerchantId, ApiV3Key> keys = new LinkedHashMap<>();
      b.merchants.forEach(
          (credentials, wechatKeys) -> {
            ApiV3Key key = b.callbackKeys.get(credentials.mchid());
            if (key == null) {
              key = wechatKeys.certificateDownloadKey().orElse(null);
            }
            if (key != null) {
              keys.put(credentials.mchid(), key);
            }
          });
      if (!keys.isEmpty()) {
        recipients.addAll(owned.notificationParser(keys).recipients());
      }
    }
    if (b.anyMerchantKeys != null && b.anyMerchantApiV3Key != null) {
      recipients.add(
          NotificationParser.Recipient.of(null, b.anyMerchantKeys, b.anyMerchantApiV3Key));
    }
    return recipients.isEmpty() ? null : NotificationParser.forRecipients(recipients, b.clock);
  }

  /**
   * Brings the database to the latest payscore schema (schema {@code payscore}, own history table).
   */
  public PayscoreMigrations.Applied migrate() {
    return PayscoreMigrations.migrate(dataSource);
  }

  public Completions completions() {
    return completions;
  }

  public History history() {
    return history;
  }

  /** Create, cancel, modify, sync, collect and refresh orders; the local mirrors. */
  public Orders orders() {
    return orders;
  }

  /**
   * The callback endpoint's logic.
   *
   * @throws IllegalStateException if the builder was given no {@link Builder#notifications}
   */
  public Notifications notifications() {
    if (callbacks == null) {
      throw new IllegalStateException(
          "no callback keys: give a merchant its APIv3 key (Builder.merchant(credentials, keys,"
              + " apiV3Key), or download platform certificates) or configure"
              + " Builder.notifications(keys, apiV3Key)");
    }
    return callbacks;
  }

  /** The reconciliation sweeps (scheduled by {@link #start()}, or run on demand). */
  public Sweeps sweeps() {
    return sweeps;
  }

  /** The name this instance holds leases under. */
  public String instanceName() {
    return instanceName;
  }

  /**
   * Starts the dispatcher, its LISTEN/NOTIFY wake-ups and the sweeps. After {@link #stop()} it starts
   * them again (a new dispatcher, the same instance name); starting a running instance changes
   * nothing.
   *
   * @throws IllegalStateException if built with a {@link Builder#gateway} but no {@link
   *     Builder#merchantIds} (the dispatcher would not know whose intents it may send), or closed
   */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException(
          "closed: build a new PayScore (stop() pauses an instance that start() resumes)");
    }
    if (merchantIds.isEmpty()) {
      throw new IllegalStateException(
          "no merchants to send for: with a gateway of your own, name them with"
              + " Builder.merchantIds(…)");
    }
    if (running != null) {
      return;
    }
    CompletionDispatcher dispatcher = dispatchers.get();
    dispatcher.start();
    running = dispatcher;
    if (listenDataSource != null) {
      notifications = new IntentNotifications(listenDataSource, this::wakeDispatcher);
      notifications.start();
    }
    sweeps.start();
  }

  /** Whether {@link #start()} ran and no {@link #stop()} or {@link #close()} since. */
  public synchronized boolean isRunning() {
    return running != null;
  }

  /**
   * Stops the sweeps, the LISTEN connection and the dispatcher, within the dispatcher's {@link
   * DispatcherOptions#shutdownGrace() shutdownGrace} (default 30 s) all told: calls in flight finish
   * within it, intents claimed but not sent are given back at once so that another instance takes
   * them, and a call still in flight at the end keeps its lease until it expires. Requests,
   * callbacks and reads go on working; {@link #start()} resumes. Stopping a stopped instance changes
   * nothing.
   */
  public synchronized void stop() {
    CompletionDispatcher dispatcher = running;
    if (dispatcher == null) {
      return;
    }
    running = null;
    long deadline = System.nanoTime() + shutdownTimeout.toNanos();
    sweeps.close();
    if (notifications != null) {
      notifications.close();
      notifications = null;
    }
    dispatcher.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }

  private void wakeDispatcher() {
    CompletionDispatcher dispatcher = running;
    if (dispatcher != null) {
      dispatcher.wakeUp();
    }
  }

  /**
   * {@link #stop() Stops}, then closes the wake-up timer and the gateway this instance built: a
   * closed instance cannot start again.
   */
  @Override
  public synchronized void close() {
    stop();
    closed = true;
    wakeUps.close();
    if (ownedGateway != null) {
      ownedGateway.close();
    }
  }

  /**
   * Configures a {@link PayScore}; {@link #build()} reports every missing or bad setting at once.
   */
  public static final class Builder {
    private @Nullable DataSource dataSource;
    private final Map<MerchantCredentials, WechatKeys> merchants = new LinkedHashMap<>();
    private @Nullable String baseUrl;
    private @Nullable String backupUrl;
    private @Nullable PayScoreGateway gateway;
    private Duration callTimeout = WechatPayScoreGateway.DEFAULT_CALL_TIMEOUT;
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = new Random();
    private DispatcherOptions options = DispatcherOptions.defaults();
    private CompletionLimits limits = CompletionLimits.defaults();
    private BillingConvention convention = BillingConvention.NONE;
    private boolean refreshStaleOrders;
    private final Map<MerchantId, ApiV3Key> callbackKeys = new LinkedHashMap<>();
    private @Nullable WechatKeys anyMerchantKeys;
    private @Nullable ApiV3Key anyMerchantApiV3Key;
    private SweepOptions sweeps = SweepOptions.defaults();
    private boolean listen = true;
    private @Nullable DataSource listenDataSource;
    private CallerTransactions callerTransactions = CallerTransactions.NONE;
    private @Nullable Executor executor;
    private @Nullable OkHttpClient httpClient;
    private final Set<MerchantId> merchantIds = new LinkedHashSet<>();
    private PayScoreListener listener = PayScoreListener.NONE;
    private String instanceName =
        "payscore-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();

    private Builder() {}

    /** The PostgreSQL database (a pool, e.g. HikariCP). Required. */
    public Builder dataSource(DataSource value) {
      this.dataSource = Objects.requireNonNull(value, "dataSource == null");
      return this;
    }

    /**
     * A merchant: its API key and certificate serial, and how WeChat's responses are verified. Its
     * callbacks are accepted when its keys download platform certificates (the download key is its
     * APIv3 key); otherwise give the APIv3 key with {@link #merchant(MerchantCredentials,
     * WechatKeys, ApiV3Key)}.
     */
    public Builder merchant(MerchantCredentials credentials, WechatKeys keys) {
      Objects.requireNonNull(credentials, "credentials == null");
      Objects.requireNonNull(keys, "keys == null");
      merchants.put(credentials, keys);
      return this;
    }

    /**
     * A merchant whose callbacks {@link PayScore#notifications()} accepts: verified with {@code
     * keys} (its WeChat Pay public key, or platform certificates held or downloaded) and decrypted
     * with its own {@code apiV3Key}. Callbacks of several merchants may arrive at one endpoint:
     * they are routed by {@code Wechatpay-Serial}, then by the APIv3 key that decrypts them.
     */
    public Builder merchant(MerchantCredentials credentials, WechatKeys keys, ApiV3Key apiV3Key) {
      merchant(credentials, keys);
      callbackKeys.put(credentials.mchid(), Objects.requireNonNull(apiV3Key, "apiV3Key == null"));
      return this;
    }

    /** WeChat's host; default {@value WechatPayScoreGateway#DEFAULT_BASE_URL}. */
    public Builder endpoint(String url) {
      this.baseUrl = Objects.requireNonNull(url, "url == null");
      return this;
    }

    /** The backup host, used only when the primary is unreachable (§9). */
    public Builder backupEndpoint(String url) {
      this.backupUrl = Objects.requireNonNull(url, "url == null");
      return this;
    }

    /**
     * The whole-call timeout of one WeChat call; default 30 s (the lease is renewed while it runs). The
     * gateway's socket timeouts apply inside it and are not changed by this: connect 5 s, read (and
     * write) 10 s, so a silent WeChat times out at the read timeout first.
     */
    public Builder callTimeout(Duration value) {
      this.callTimeout = Objects.requireNonNull(value, "callTimeout == null");
      return this;
    }

    /** A gateway of the caller's instead of merchants and endpoint (a custom transport, tests). */
    public Builder gateway(PayScoreGateway value) {
      this.gateway = Objects.requireNonNull(value, "gateway == null");
      return this;
    }

    /** Default the system clock (UTC). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock == null");
      return this;
    }

    /** The randomness of the back-off jitter (thread-safe); default {@link Random}. */
    public Builder random(RandomGenerator value) {
      this.random = Objects.requireNonNull(value, "random == null");
      return this;
    }

    public Builder dispatcherOptions(DispatcherOptions value) {
      this.options = Objects.requireNonNull(value, "dispatcherOptions == null");
      return this;
    }

    /** The limits WeChat leaves UNCONFIRMED (see {@link CompletionLimits}). */
    public Builder completionLimits(CompletionLimits value) {
      this.limits = Objects.requireNonNull(value, "completionLimits == null");
      return this;
    }

    /** The industry billing convention completions are checked against; default none. */
    public Builder billingConvention(BillingConvention value) {
      this.convention = Objects.requireNonNull(value, "billingConvention == null");
      return this;
    }

    /**
     * Whether a request on an order still CREATED locally first asks WeChat (the confirm callback
     * may have been missed); default false. The query runs inside the caller's transaction.
     */
    public Builder refreshStaleOrders(boolean value) {
      this.refreshStaleOrders = value;
      return this;
    }

    /**
     * Callbacks verified with {@code keys} as held (nothing is downloaded) and decrypted with
     * {@code apiV3Key}, whichever merchant they name: for a {@link #gateway} of the caller's, or
     * keys beside the merchants'. Tried after every merchant's own keys.
     */
    public Builder notifications(WechatKeys keys, ApiV3Key apiV3Key) {
      this.anyMerchantKeys = Objects.requireNonNull(keys, "keys == null");
      this.anyMerchantApiV3Key = Objects.requireNonNull(apiV3Key, "apiV3Key == null");
      return this;
    }

    /** The reconciliation sweeps; default {@link SweepOptions#defaults()}. */
    public Builder sweeps(SweepOptions value) {
      this.sweeps = Objects.requireNonNull(value, "sweeps == null");
      return this;
    }

    /** Whether to LISTEN for new intents (one connection held); default true. */
    public Builder listen(boolean value) {
      this.listen = value;
      return this;
    }

    /**
     * Where the LISTEN connection, held while the instance runs, comes from; default the {@link
     * #dataSource}. Give an unpooled one (e.g. PostgreSQL's {@code PGSimpleDataSource}) so that a
     * pool neither loses a connection for good nor reports it as leaked.
     */
    public Builder listenDataSource(DataSource value) {
      this.listenDataSource = Objects.requireNonNull(value, "listenDataSource == null");
      return this;
    }

    /**
     * Which transaction a request made without a connection joins ({@code
     * completions().request(command)}, {@code orders().cancel/modify(command)}); default {@link
     * CallerTransactions#NONE}: it runs its own. The Spring Boot starter sets one that joins
     * Spring's {@code @Transactional}.
     */
    public Builder transactions(CallerTransactions value) {
      this.callerTransactions = Objects.requireNonNull(value, "transactions == null");
      return this;
    }

    /**
     * The merchants a {@link #gateway(PayScoreGateway) gateway of the caller's} sends for. This
     * instance claims only their intents (with {@link #merchant}, the merchants given there): an
     * intent of a merchant no instance holds credentials for waits, unattempted.
     */
    public Builder merchantIds(MerchantId... values) {
      for (MerchantId value : values) {
        merchantIds.add(Objects.requireNonNull(value, "merchantId == null"));
      }
      return this;
    }

    /**
     * Observes settlements, order transitions and callbacks after they committed, and attempts,
     * WeChat calls and rate-limit waits as they happen (metrics, logs, tracing, application
     * events); wrapped so that nothing it throws reaches the engine. Default none.
     */
    public Builder listener(PayScoreListener value) {
      this.listener = PayScoreListener.guarded(Objects.requireNonNull(value, "listener == null"));
      return this;
    }

    /** The merchants whose intents this instance claims. */
    private Set<MerchantId> merchantIds() {
      Set<MerchantId> ids = new LinkedHashSet<>(merchantIds);
      merchants.keySet().forEach(credentials -> ids.add(credentials.mchid()));
      return ids;
    }

    /**
     * Runs the dispatcher's calls to WeChat, at most {@link DispatcherOptions#concurrency()} at a
     * time: e.g. {@code Executors.newVirtualThreadPerTaskExecutor()} on Java 21, or an executor
     * that carries a tracing context. Yours to shut down, after {@link PayScore#close()}, which
     * waits for payscore's calls on it but never shuts it down. Default: a fixed pool of {@code
     * concurrency} daemon threads ({@code payscore-sender-N}) per start.
     */
    public Builder executor(Executor value) {
      this.executor = Objects.requireNonNull(value, "executor == null");
      return this;
    }

    /**
     * An OkHttp client of the application's to build the WeChat client on, with {@link
     * OkHttpClient#newBuilder()}: its connection pool, interceptors (tracing, metrics) and event
     * listener apply to every WeChat call, and it is not changed itself. payscore's own settings
     * win over the client's: connect timeout 5 s, read and write 10 s, the {@link #callTimeout}
     * (default 30 s) for the whole call, no retry on connection failure and no redirects (a call
     * that may have reached WeChat is sent again only by the engine, recorded), and the signing
     * and verifying interceptors after the client's application interceptors (which therefore see
     * the request unsigned). Default: a client of payscore's own. Not with {@link #gateway}.
     */
    public Builder httpClient(OkHttpClient value) {
      this.httpClient = Objects.requireNonNull(value, "httpClient == null");
      return this;
    }

    /** The lease owner name; unique per instance (default: pid and a random UUID). */
    public Builder instanceName(String value) {
      this.instanceName = Objects.requireNonNull(value, "instanceName == null");
      return this;
    }

    /**
     * The facade.
     *
     * @throws InvalidValueException naming every missing, bad or conflicting setting at once (the
     *     WeChat client's included: endpoints, call timeout, merchants)
     */
    public PayScore build() {
      List<Violation> problems = new ArrayList<>();
      if (dataSource == null) {
        problems.add(new Violation("dataSource", Rule.REQUIRED, null, "is required"));
      }
      if (gateway == null && merchants.isEmpty()) {
        problems.add(
            new Violation("merchant", Rule.REQUIRED, null, "at least one (or a gateway) is required"));
      }
      if (gateway != null
          && (!merchants.isEmpty() || baseUrl != null || backupUrl != null || httpClient != null)) {
        problems.add(
            new Violation(
                "gateway",
                Rule.SETTING_CONFLICT,
                null,
                "give either a gateway or merchants, endpoints and an httpClient, not both"));
      }
      if (instanceName.isBlank() || instanceName.length() > 100) {
        problems.add(
            new Violation(
                "instanceName", Rule.SETTING_RANGE, instanceName, "must have 1..100 characters"));
      }
      WechatPayScoreGateway built = null;
      if (gateway == null && !merchants.isEmpty()) {
        try {
          built = wechatGateway();
        } catch (InvalidValueException e) {
          e.violations().forEach(v -> problems.add(asSetting(v)));
        }
      }
      if (!problems.isEmpty()) {
        if (built != null) {
          built.close();
        }
        throw new InvalidValueException("PayScore", problems);
      }
      return built == null
          ? new PayScore(this, Objects.requireNonNull(gateway), null)
          : new PayScore(this, built, built);
    }

    private WechatPayScoreGateway wechatGateway() {
      WechatPayScoreGateway.Builder wechat =
          WechatPayScoreGateway.builder()
              .clock(clock)
              .callTimeout(callTimeout)
              .maxConcurrentAsyncCalls(options.concurrency());
      merchants.forEach(wechat::merchant);
      if (baseUrl != null) {
        wechat.baseUrl(baseUrl);
      }
      if (backupUrl != null) {
        wechat.backupUrl(backupUrl);
      }
      if (httpClient != null) {
        wechat.httpClient(httpClient);
      }
      return wechat.build();
    }

    /** The WeChat client's violation under this builder's name of the setting. */
    private static Violation asSetting(Violation v) {
      String path =
          switch (v.path()) {
            case "baseUrl" -> "endpoint";
            case "backupUrl" -> "backupEndpoint";
            default -> v.path();
          };
      return new Violation(path, v.rule(), v.value(), v.message());
    }
  }
}
