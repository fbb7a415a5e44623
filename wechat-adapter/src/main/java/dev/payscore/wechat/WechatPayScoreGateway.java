package dev.payscore.wechat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.payscore.ApiV3Key;
import dev.payscore.CompleteOrder;
import dev.payscore.CreateOrder;
import dev.payscore.InvalidValueException;
import dev.payscore.MerchantCredentials;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.Rule;
import dev.payscore.Violation;
import dev.payscore.WechatKeys;
import dev.payscore.domain.completion.CompletionPayload;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.port.out.CancelOrder;
import dev.payscore.domain.port.out.CollectOrder;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.ModifyOrder;
import dev.payscore.domain.port.out.OrderQuery;
import dev.payscore.domain.port.out.OrderReceipt;
import dev.payscore.domain.port.out.PayScoreGateway;
import dev.payscore.domain.port.out.SyncOrder;
import dev.payscore.wechat.internal.CertificateRefresher;
import dev.payscore.wechat.internal.HostFailoverInterceptor;
import dev.payscore.wechat.internal.KeyRing;
import dev.payscore.wechat.internal.Mappers;
import dev.payscore.wechat.internal.Merchant;
import dev.payscore.wechat.internal.Outcomes;
import dev.payscore.wechat.internal.PayScoreService;
import dev.payscore.wechat.internal.SigningInterceptor;
import dev.payscore.wechat.internal.VerifyingInterceptor;
import dev.payscore.wechat.internal.Wire;
import dev.payscore.wechat.notification.NotificationParser;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;
import retrofit2.Retrofit;

/**
 * The {@link PayScoreGateway} on WeChat Pay APIv3: every request signed, every response verified
 * before it is read, exactly one attempt per call, and a {@link GatewayOutcome} instead of an
 * exception. One instance serves several merchants, each with its own credentials and keys.
 *
 * <pre>{@code
 * try (WechatPayScoreGateway gateway = WechatPayScoreGateway.builder()
 *     .merchant(credentials, WechatKeys.publicKey("PUB_KEY_ID_0114…", wechatPayPublicKey))
 *     .clock(Clock.systemUTC())
 *     .build()) {
 *   GatewayOutcome<ObservedOrder> outcome = gateway.complete(mchid, outOrderNo, body);
 * }
 * }</pre>
 *
 * <p>Every method has a blocking form (the port) and an {@code …Async} form whose future completes
 * on OkHttp's dispatcher, bounded by {@link Builder#maxConcurrentAsyncCalls}. A caller's {@link
 * OkHttpClient} ({@link Builder#httpClient}) lends its connection pool, interceptors and event
 * listeners; the timeouts, the dispatcher, no retries and no redirects are always the gateway's.
 *
 * <p>Thread-safe: one instance is meant to be shared by every thread of an application, and
 * closed once when it stops ({@link #close()}). The backup host is
 * used only when the primary provably never got the request (DNS or connect failure); a read
 * timeout is reported as {@link GatewayOutcome.UnknownCause#TIMEOUT} and never sent again.
 */
public final class WechatPayScoreGateway implements PayScoreGateway, AutoCloseable {
  /** The primary host. */
  public static final String DEFAULT_BASE_URL = "https://api.mch.weixin.qq.com/";
  /** The backup host WeChat names for an unreachable primary (§9). */
  public static final String BACKUP_BASE_URL = "https://api2.mch.weixin.qq.com/";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_CONCURRENT_ASYNC_CALLS = 64;
  public static final String DEFAULT_USER_AGENT = "payscore/0.1 (Java/" + Runtime.version().feature() + ")";

  private final OkHttpClient client;
  private final ExecutorService dispatcherThreads;
  private final @Nullable ScheduledExecutorService refreshThread;
  private final PayScoreService service;
  private final Map<MerchantId, Merchant> merchants;
  private final Clock clock;

  private WechatPayScoreGateway(Builder builder) {
    this.clock = builder.clock;
    this.dispatcherThreads =
        Executors.newCachedThreadPool(daemonThreads("payscore-wechat-call"));
    Dispatcher dispatcher = new Dispatcher(dispatcherThreads);
    dispatcher.setMaxRequests(builder.maxConcurrentAsyncCalls);
    dispatcher.setMaxRequestsPerHost(builder.maxConcurrentAsyncCalls);
    OkHttpClient.Builder http =
        builder.httpClient == null
            ? new OkHttpClient.Builder().connectionPool(new ConnectionPool())
            : builder.httpClient.newBuilder(); // its pool, interceptors and event listeners
    this.client =
        http.dispatcher(dispatcher)
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .followSslRedirects(false)
            .connectTimeout(builder.connectTimeout)
            .readTimeout(builder.readTimeout)
            .writeTimeout(builder.readTimeout)
            .callTimeout(builder.callTimeout)
            .addInterceptor(new SigningInterceptor(clock, builder.nonces, builder.userAgent))
            .addInterceptor(new HostFailoverInterceptor(builder.backupUrl))
            .addInterceptor(new VerifyingInterceptor(clock))
            .addNetworkInterceptor(HostFailoverInterceptor.CONNECTED)
            .build();
    this.service =
        new Retrofit.Builder()
            .baseUrl(Objects.requireNonNull(builder.baseUrl, "baseUrl"))
            .callFactory(client)
            .build()
            .create(PayScoreService.class);
    Map<MerchantId, Merchant> byId = new LinkedHashMap<>();
    List<Runnable> downloads = new ArrayList<>();
    builder.merchants.forEach(
        (mchid, entry) -> {
          Merchant merchant = new Merchant(entry.credentials(), new KeyRing(entry.keys(), clock));
          byId.put(mchid, merchant);
          entry.keys().certificateDownloadKey().ifPresent(
              apiV3Key -> {
                CertificateRefresher refresher = new CertificateRefresher(service, merchant, apiV3Key, clock);
                merchant.keys().refreshWith(refresher);
                downloads.add(() -> scheduleRefresh(refresher, entry.keys(), Duration.ZERO));
              });
        });
    this.merchants = Map.copyOf(byId);
    this.refreshThread =
        downloads.isEmpty()
            ? null
            : Executors.newSingleThreadScheduledExecutor(daemonThreads("payscore-wechat-certificates"));
    downloads.forEach(Runnable::run);
  }

  public static Builder builder() {
    return new Builder();
  }

  // --- the port, blocking ---

  @Override
  public GatewayOutcome<ObservedOrder> create(MerchantId mchid, CreateOrder body) {
    return createCall(mchid, body).execute();
  }

  @Override
  public GatewayOutcome<ObservedOrder> complete(
      MerchantId mchid, OutOrderNo outOrderNo, CompleteOrder body) {
    return completeCall(mchid, outOrderNo, frozen(body)).execute();
  }

  @Override
  public GatewayOutcome<ObservedOrder> complete(MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
    return completeCall(mchid, outOrderNo, stored(body)).execute();
  }

  @Override
  public GatewayOutcome<ObservedOrder> query(MerchantId mchid, OrderQuery query) {
    return queryCall(mchid, query).execute();
  }

  @Override
  public GatewayOutcome<OrderReceipt> cancel(MerchantId mchid, OutOrderNo outOrderNo, CancelOrder body) {
    return cancelCall(mchid, outOrderNo, json(body)).execute();
  }

  @Override
  public GatewayOutcome<OrderReceipt> cancel(MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
    return cancelCall(mchid, outOrderNo, stored(body)).execute();
  }

  @Override
  public GatewayOutcome<ObservedOrder> modify(MerchantId mchid, OutOrderNo outOrderNo, ModifyOrder body) {
    return modifyCall(mchid, outOrderNo, json(body)).execute();
  }

  @Override
  public GatewayOutcome<ObservedOrder> modify(MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
    return modifyCall(mchid, outOrderNo, stored(body)).execute();
  }

  @Override
  public GatewayOutcome<Optional<ObservedOrder>> sync(
      MerchantId mchid, OutOrderNo outOrderNo, SyncOrder body) {
    return syncCall(mchid, outOrderNo, body).execute();
  }

  @Override
  public GatewayOutcome<Optional<OrderReceipt>> pay(
      MerchantId mchid, OutOrderNo outOrderNo, CollectOrder body) {
    return payCall(mchid, outOrderNo, body).execute();
  }

  // --- the same calls, asynchronous ---

  /** {@link #create}, completed on OkHttp's dispatcher; the future never completes exceptionally for I/O. */
  public CompletableFuture<GatewayOutcome<ObservedOrder>> createAsync(MerchantId mchid, CreateOrder body) {
    return createCall(mchid, body).enqueue();
  }

  /** {@link #complete}, asynchronously. */
  public CompletableFuture<GatewayOutcome<ObservedOrder>> completeAsync(
      MerchantId mchid, OutOrderNo outOrderNo, CompleteOrder body) {
    return completeCall(mchid, outOrderNo, frozen(body)).enqueue();
  }

  /** {@link #complete(MerchantId, OutOrderNo, byte[])}, asynchronously. */
  public CompletableFuture<GatewayOutcome<ObservedOrder>> completeAsync(
      MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
    return completeCall(mchid, outOrderNo, stored(body)).enqueue();
  }

  /** {@link #query}, asynchronously. */
  public CompletableFuture<GatewayOutcome<ObservedOrder>> queryAsync(MerchantId mchid, OrderQuery query) {
    return queryCall(mchid, query).enqueue();
  }

  /** {@link #cancel}, asynchronously. */
  public CompletableFuture<GatewayOutcome<OrderReceipt>> cancelAsync(
      MerchantId mchid, OutOrderNo outOrderNo, CancelOrder body) {
    return cancelCall(mchid, outOrderNo, json(body)).enqueue();
  }

  /** {@link #cancel(MerchantId, OutOrderNo, byte[])}, asynchronously. */
  public CompletableFuture<GatewayOutcome<OrderReceipt>> cancelAsync(
      MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
    return cancelCall(mchid, outOrderNo, stored(body)).enqueue();
  }

  /** {@link #modify(MerchantId, OutOrderNo, byte[])}, asynchronously. */
  public CompletableFuture<GatewayOutcome<ObservedOrder>> modifyAsync(
      MerchantId mchid, OutOrderNo outOrderNo, byte[] body) {
    return modifyCall(mchid, outOrderNo, stored(body)).enqueue();
  }

  /** {@link #modify}, asynchronously. */
  public CompletableFuture<GatewayOutcome<ObservedOrder>> modifyAsync(
      MerchantId mchid, OutOrderNo outOrderNo, ModifyOrder body) {
    return modifyCall(mchid, outOrderNo, json(body)).enqueue();
  }

  /** {@link #sync}, asynchronously. */
  public CompletableFuture<GatewayOutcome<Optional<ObservedOrder>>> syncAsync(
      MerchantId mchid, OutOrderNo outOrderNo, SyncOrder body) {
    return syncCall(mchid, outOrderNo, body).enqueue();
  }

  /** {@link #pay}, asynchronously. */
  public CompletableFuture<GatewayOutcome<Optional<OrderReceipt>>> payAsync(
      MerchantId mchid, OutOrderNo outOrderNo, CollectOrder body) {
    return payCall(mchid, outOrderNo, body).enqueue();
  }

  /**
   * A callback parser for {@code mchid} that verifies with this gateway's keys for it, downloaded
   * platform certificates included (an unknown serial triggers a refresh here too).
   */
  public NotificationParser notificationParser(MerchantId mchid, ApiV3Key apiV3Key) {
    return notificationParser(Map.of(mchid, apiV3Key));
  }

  /**
   * A callback parser for several merchants, each verified with this gateway's keys for it
   * (downloaded platform certificates included) and decrypted with its own APIv3 key; a callback
   * is routed by {@code Wechatpay-Serial}, then by the APIv3 key that decrypts it (see {@link
   * NotificationParser}).
   *
   * @throws IllegalArgumentException for a merchant this gateway has no credentials for
   */
  public NotificationParser notificationParser(Map<MerchantId, ApiV3Key> apiV3Keys) {
    Objects.requireNonNull(apiV3Keys, "apiV3Keys == null");
    List<NotificationParser.Recipient> recipients = new ArrayList<>();
    apiV3Keys.forEach(
        (mchid, apiV3Key) -> {
          KeyRing keys = merchant(mchid).keys();
          recipients.add(
              new NotificationParser.Recipient(
                  mchid,
                  serial -> Optional.ofNullable(keys.find(serial)),
                  serial -> Optional.ofNullable(keys.findOrRefresh(serial)),
                  apiV3Key));
        });
    return NotificationParser.forRecipients(recipients, clock);
  }

  /** Stops the certificate refresh and the dispatcher threads; calls in flight are cancelled. */
  @Override
  public void close() {
    if (refreshThread != null) {
      refreshThread.shutdownNow();
    }
    client.dispatcher().cancelAll();
    dispatcherThreads.shutdown();
    client.connectionPool().evictAll();
  }

  // --- one prepared call per endpoint, shared by both styles ---

  private Prepared<ObservedOrder> createCall(MerchantId mchid, CreateOrder body) {
    Objects.requireNonNull(body, "body == null");
    return new Prepared<>(service.create(merchant(mchid), json(body)), Prepared::order);
  }

  private Prepared<ObservedOrder> completeCall(MerchantId mchid, OutOrderNo outOrderNo, RequestBody body) {
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    return new Prepared<>(service.complete(merchant(mchid), outOrderNo.value(), body), Prepared::order);
  }

  private Prepared<ObservedOrder> queryCall(MerchantId mchid, OrderQuery query) {
    Objects.requireNonNull(query, "query == null");
    OutOrderNo outOrderNo = query.outOrderNo();
    return new Prepared<>(
        service.query(
            merchant(mchid),
            query.serviceId().value(),
            outOrderNo == null ? null : outOrderNo.value(),
            query.queryId(),
            query.appid().value()),
        Prepared::order);
  }

  private Prepared<OrderReceipt> cancelCall(MerchantId mchid, OutOrderNo outOrderNo, RequestBody body) {
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    return new Prepared<>(
        service.cancel(merchant(mchid), outOrderNo.value(), body), (status, bytes) -> Mappers.receipt(bytes));
  }

  private Prepared<ObservedOrder> modifyCall(MerchantId mchid, OutOrderNo outOrderNo, RequestBody body) {
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    return new Prepared<>(service.modify(merchant(mchid), outOrderNo.value(), body), Prepared::order);
  }

  private Prepared<Optional<ObservedOrder>> syncCall(MerchantId mchid, OutOrderNo outOrderNo, SyncOrder body) {
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(body, "body == null");
    Wire.SyncBody wire =
        new Wire.SyncBody(body.appid(), body.serviceId(), body.type(), new Wire.SyncDetail(body.paidTime()));
    return new Prepared<>(
        service.sync(merchant(mchid), outOrderNo.value(), json(wire)),
        (status, bytes) -> status == 204 ? Optional.empty() : Optional.of(Mappers.order(bytes)));
  }

  private Prepared<Optional<OrderReceipt>> payCall(MerchantId mchid, OutOrderNo outOrderNo, CollectOrder body) {
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    return new Prepared<>(
        service.pay(merchant(mchid), outOrderNo.value(), json(body)),
        (status, bytes) -> status == 204 ? Optional.empty() : Optional.of(Mappers.receipt(bytes)));
  }

  private Merchant merchant(MerchantId mchid) {
    Objects.requireNonNull(mchid, "mchid == null");
    Merchant merchant = merchants.get(mchid);
    if (merchant == null) {
      throw new IllegalArgumentException("no credentials for mchid " + mchid + "; known: " + merchants.keySet());
    }
    return merchant;
  }

  /** The canonical frozen bytes of a completion, never a re-serialisation. */
  private static RequestBody frozen(CompleteOrder body) {
    Objects.requireNonNull(body, "body == null");
    return RequestBody.create(CompletionPayload.of(body).bytes(), SigningInterceptor.JSON);
  }

  /**
   * Stored bytes as they are: a copy (the caller's array may change after the call returns), never
   * parsed. The signing interceptor signs and sends exactly these bytes.
   */
  private static RequestBody stored(byte[] body) {
    Objects.requireNonNull(body, "body == null");
    return RequestBody.create(body.clone(), SigningInterceptor.JSON);
  }

  private static RequestBody json(Object body) {
    Objects.requireNonNull(body, "body == null");
    try {
      return RequestBody.create(Wire.JSON.writeValueAsBytes(body), SigningInterceptor.JSON);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
    }
  }

  private void scheduleRefresh(CertificateRefresher refresher, WechatKeys keys, Duration delay) {
    ScheduledExecutorService thread = Objects.requireNonNull(refreshThread);
    if (thread.isShutdown()) {
      return;
    }
    thread.schedule(
        () -> {
          boolean ok = refresher.refresh();
          scheduleRefresh(refresher, keys, ok ? keys.refreshInterval() : keys.retryDelay());
        },
        delay.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** A Retrofit call and the reader of its verified body: run blocking or enqueued. */
  private record Prepared<T>(Call<ResponseBody> call, Outcomes.BodyReader<T> reader) {
    static ObservedOrder order(int status, byte[] body) throws IOException {
      return Mappers.order(body);
    }

    GatewayOutcome<T> execute() {
      try {
        return outcome(call.execute());
      } catch (IOException e) {
        return Outcomes.ofFailure(e);
      }
    }

    CompletableFuture<GatewayOutcome<T>> enqueue() {
      CompletableFuture<GatewayOutcome<T>> future = new CompletableFuture<>();
      call.enqueue(
          new Callback<>() {
            @Override
            public void onResponse(Call<ResponseBody> call, Response<ResponseBody> response) {
              try {
                future.complete(outcome(response));
              } catch (IOException | RuntimeException e) {
                future.complete(Outcomes.ofFailure(e));
              }
            }

            @Override
            public void onFailure(Call<ResponseBody> call, Throwable failure) {
              future.complete(Outcomes.ofFailure(failure));
            }
          });
      return future;
    }

    private GatewayOutcome<T> outcome(Response<ResponseBody> response) throws IOException {
      ResponseBody raw = response.isSuccessful() ? response.body() : response.errorBody();
      byte[] bytes = raw == null ? new byte[0] : raw.bytes();
      return Outcomes.ofResponse(
          response.code(),
          response.headers().get("Wechatpay-Signature") != null,
          response.headers().get("Request-ID"),
          bytes,
          reader);
    }
  }

  /** Configures a gateway; {@link #build()} reports every missing or bad setting at once. */
  public static final class Builder {
    private @Nullable HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
    private @Nullable HttpUrl backupUrl;
    private final Map<MerchantId, MerchantEntry> merchants = new LinkedHashMap<>();
    private @Nullable Clock clock;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private String userAgent = DEFAULT_USER_AGENT;
    private int maxConcurrentAsyncCalls = DEFAULT_MAX_CONCURRENT_ASYNC_CALLS;
    private Supplier<String> nonces = new SecureNonces();
    private @Nullable OkHttpClient httpClient;
    private final List<Violation> problems = new ArrayList<>();

    private record MerchantEntry(MerchantCredentials credentials, WechatKeys keys) {}

    private Builder() {}

    /** The primary host; default {@value #DEFAULT_BASE_URL}. */
    public Builder baseUrl(String url) {
      this.baseUrl = url(url, "baseUrl");
      return this;
    }

    /**
     * The backup host (e.g. {@value #BACKUP_BASE_URL}), used only for requests that never left;
     * none by default.
     */
    public Builder backupUrl(String url) {
      this.backupUrl = url(url, "backupUrl");
      return this;
    }

    /** A merchant this gateway calls for; repeat for several merchants. */
    public Builder merchant(MerchantCredentials credentials, WechatKeys keys) {
      Objects.requireNonNull(credentials, "credentials == null");
      Objects.requireNonNull(keys, "keys == null");
      if (merchants.putIfAbsent(credentials.mchid(), new MerchantEntry(credentials, keys)) != null) {
        problems.add(
            new Violation(
                "merchant",
                Rule.SETTING_CONFLICT,
                credentials.mchid().value(),
                "mchid given twice"));
      }
      return this;
    }

    /** The clock of request timestamps and of the 5-minute response window. Required. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** TCP (and TLS) connect timeout; default 5 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout(timeout, "connectTimeout");
      return this;
    }

    /** Socket read (and write) timeout; default 10 s. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout(timeout, "readTimeout");
      return this;
    }

    /** The whole call, backup attempt included; default 30 s. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = timeout(timeout, "callTimeout");
      return this;
    }

    /** The {@code User-Agent} APIv3 requires; default {@code payscore/0.1 (Java/17)}. */
    public Builder userAgent(String userAgent) {
      Objects.requireNonNull(userAgent, "userAgent == null");
      if (userAgent.isBlank()) {
        problems.add(new Violation("userAgent", Rule.REQUIRED, null, "must not be blank"));
      }
      this.userAgent = userAgent;
      return this;
    }

    /** The bound on asynchronous calls in flight (OkHttp's dispatcher); default 64. */
    public Builder maxConcurrentAsyncCalls(int max) {
      if (max < 1) {
        problems.add(
            new Violation(
                "maxConcurrentAsyncCalls", Rule.SETTING_RANGE, Integer.toString(max), "must be >= 1"));
      }
      this.maxConcurrentAsyncCalls = max;
      return this;
    }

    /**
     * An OkHttp client of the application's to build on ({@link OkHttpClient#newBuilder()}): its
     * connection pool, application and network interceptors (tracing, metrics) and event listener
     * apply to every WeChat call; the client itself is not changed. Added on top, whatever the
     * client says: the signing and verifying interceptors (after the caller's application
     * interceptors, so those see the unsigned request), this builder's timeouts (connect {@link
     * #connectTimeout}, read and write {@link #readTimeout}, {@link #callTimeout}), a dispatcher
     * bounded by {@link #maxConcurrentAsyncCalls}, no retry on connection failure and no redirects
     * (a call that may have reached WeChat is never sent again behind the engine's back). Default:
     * a client of the gateway's own.
     */
    public Builder httpClient(OkHttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "httpClient == null");
      return this;
    }

    /** Tests fix the nonce; production uses 32 alphanumerics from {@link SecureRandom}. */
    Builder nonces(Supplier<String> nonces) {
      this.nonces = Objects.requireNonNull(nonces, "nonces == null");
      return this;
    }

    /**
     * The gateway. In certificate mode its first download starts in the background; calls that
     * the keys already held can verify do not wait for it.
     *
     * @throws InvalidValueException listing every problem of the configuration
     */
    public WechatPayScoreGateway build() {
      List<Violation> all = new ArrayList<>(problems);
      if (clock == null) {
        all.add(new Violation("clock", Rule.REQUIRED, null, "is required"));
      }
      if (merchants.isEmpty()) {
        all.add(new Violation("merchant", Rule.REQUIRED, null, "at least one is required"));
      }
      if (baseUrl == null && problems.stream().noneMatch(p -> p.path().equals("baseUrl"))) {
        all.add(new Violation("baseUrl", Rule.REQUIRED, null, "is required"));
      }
      if (!all.isEmpty()) {
        throw new InvalidValueException("WechatPayScoreGateway", all);
      }
      return new WechatPayScoreGateway(this);
    }

    private @Nullable HttpUrl url(String url, String name) {
      Objects.requireNonNull(url, name + " == null");
      HttpUrl parsed = HttpUrl.parse(url);
      if (parsed == null || !parsed.encodedPath().endsWith("/")) {
        problems.add(new Violation(name, Rule.URL_FORMAT, url, "not an http(s) URL ending in /"));
        return null;
      }
      return parsed;
    }

    private Duration timeout(Duration timeout, String name) {
      Objects.requireNonNull(timeout, name + " == null");
      if (timeout.isNegative() || timeout.isZero()) {
        problems.add(new Violation(name, Rule.SETTING_RANGE, timeout.toString(), "must be > 0"));
      }
      return timeout;
    }
  }

  /** 32 alphanumerics from {@link SecureRandom}, like the WeChat SDKs. */
  private static final class SecureNonces implements Supplier<String> {
    private static final char[] ALPHABET =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private final SecureRandom random = new SecureRandom();

    @Override
    public String get() {
      char[] nonce = new char[32];
      for (int i = 0; i < nonce.length; i++) {
        nonce[i] = ALPHABET[random.nextInt(ALPHABET.length)];
      }
      return new String(nonce);
    }
  }
}
