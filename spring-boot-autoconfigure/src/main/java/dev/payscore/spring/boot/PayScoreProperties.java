package dev.payscore.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code payscore.*} properties. Keys and passwords are read, never printed: {@link #toString()}
 * of every part shows no secret, and a wrong key or path fails start-up with one message naming the
 * property, never its value.
 *
 * <pre>{@code
 * payscore:
 *   merchants:
 *     - mchid: "1900000109"
 *       serial: 5157F09EFDC096DE15EBE81A47057A7232F1B8E1
 *       private-key: file:/run/secrets/apiclient_key.pem   # or classpath:…, or the PEM text
 *       wechat-public-key-id: PUB_KEY_ID_0114232134912410000000000000
 *       wechat-public-key: classpath:wechatpay_pub_key.pem
 *       api-v3-key: ${WECHAT_APIV3_KEY}
 * }</pre>
 */
@ConfigurationProperties("payscore")
public class PayScoreProperties {
  /** Whether to configure payscore at all. */
  private boolean enabled = true;

  /** Whether to bring payscore's schema up to date when the application starts. */
  private boolean migrateOnStart = true;

  /** The merchants payscore sends and receives callbacks for. */
  private List<Merchant> merchants = new ArrayList<>();

  /** WeChat Pay's hosts. */
  private final Endpoints endpoints = new Endpoints();

  /** How completions are sent. */
  private final Dispatcher dispatcher = new Dispatcher();

  /** The reconciliation sweeps. */
  private final Sweeps sweeps = new Sweeps();

  /** The adaptive send rate per merchant (halved on WeChat's 429). */
  private final RateLimit rateLimit = new RateLimit();

  /** The health indicator's thresholds. */
  private final Health health = new Health();

  /**
   * Where WeChat's callbacks arrive (Spring MVC, POST): this path for every merchant, and this path
   * followed by {@code /{mchid}} for one merchant's own notify URL.
   */
  private String callbackPath = "/payscore/notify";

  /**
   * How long stopping payscore may take all told (calls in flight finish within it; intents claimed
   * but not sent are given back at once). Keep it below spring.lifecycle.timeout-per-shutdown-phase
   * (30 s by default).
   */
  private Duration shutdownTimeout = Duration.ofSeconds(25);

  /**
   * Whether to LISTEN for intents recorded by other instances, on a connection of payscore's own
   * (opened with the pool's URL and user, outside the pool).
   */
  private boolean listen = true;

  /** The name this instance holds leases under; default the process id and a random UUID. */
  private @Nullable String instanceName;

  /** The whole-call timeout of one WeChat call. */
  private Duration callTimeout = Duration.ofSeconds(30);

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean isMigrateOnStart() {
    return migrateOnStart;
  }

  public void setMigrateOnStart(boolean migrateOnStart) {
    this.migrateOnStart = migrateOnStart;
  }

  public List<Merchant> getMerchants() {
    return merchants;
  }

  public void setMerchants(List<Merchant> merchants) {
    this.merchants = merchants;
  }

  public Endpoints getEndpoints() {
    return endpoints;
  }

  public Dispatcher getDispatcher() {
    return dispatcher;
  }

  public Sweeps getSweeps() {
    return sweeps;
  }

  public RateLimit getRateLimit() {
    return rateLimit;
  }

  public Health getHealth() {
    return health;
  }

  public String getCallbackPath() {
    return callbackPath;
  }

  public void setCallbackPath(String callbackPath) {
    this.callbackPath = callbackPath;
  }

  public Duration getShutdownTimeout() {
    return shutdownTimeout;
  }

  public void setShutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout = shutdownTimeout;
  }

  public boolean isListen() {
    return listen;
  }

  public void setListen(boolean listen) {
    this.listen = listen;
  }

  public @Nullable String getInstanceName() {
    return instanceName;
  }

  public void setInstanceName(@Nullable String instanceName) {
    this.instanceName = instanceName;
  }

  public Duration getCallTimeout() {
    return callTimeout;
  }

  public void setCallTimeout(Duration callTimeout) {
    this.callTimeout = callTimeout;
  }

  /**
   * One merchant. Each key is the PEM text itself, or where to read it: {@code classpath:…}, {@code
   * file:…} or a plain file path; an environment variable comes in as {@code ${NAME}}.
   */
  public static class Merchant {
    /** The merchant number (mchid). */
    private @Nullable String mchid;

    /** The serial number of the merchant's API certificate (signs every request). */
    private @Nullable String serial;

    /** The merchant's API private key (apiclient_key.pem): PEM text or a location. */
    private @Nullable String privateKey;

    /** The WeChat Pay public key's ID (PUB_KEY_ID_…), in public-key mode. */
    private @Nullable String wechatPublicKeyId;

    /** The WeChat Pay public key (PEM text or a location), in public-key mode. */
    private @Nullable String wechatPublicKey;

    /**
     * Certificate mode: download WeChat's platform certificates with the APIv3 key instead of (or
     * besides, while migrating) a public key.
     */
    private boolean platformCertificates;

    /** The APIv3 key: decrypts callbacks (and downloaded certificates). 32 characters. */
    private @Nullable String apiV3Key;

    public @Nullable String getMchid() {
      return mchid;
    }

    public void setMchid(@Nullable String mchid) {
      this.mchid = mchid;
    }

    public @Nullable String getSerial() {
      return serial;
    }

    public void setSerial(@Nullable String serial) {
      this.serial = serial;
    }

    public @Nullable String getPrivateKey() {
      return privateKey;
    }

    public void setPrivateKey(@Nullable String privateKey) {
      this.privateKey = privateKey;
    }

    public @Nullable String getWechatPublicKeyId() {
      return wechatPublicKeyId;
    }

    public void setWechatPublicKeyId(@Nullable String wechatPublicKeyId) {
      this.wechatPublicKeyId = wechatPublicKeyId;
    }

    public @Nullable String getWechatPublicKey() {
      return wechatPublicKey;
    }

    public void setWechatPublicKey(@Nullable String wechatPublicKey) {
      this.wechatPublicKey = wechatPublicKey;
    }

    public boolean isPlatformCertificates() {
      return platformCertificates;
    }

    public void setPlatformCertificates(boolean platformCertificates) {
      this.platformCertificates = platformCertificates;
    }

    public @Nullable String getApiV3Key() {
      return apiV3Key;
    }

    public void setApiV3Key(@Nullable String apiV3Key) {
      this.apiV3Key = apiV3Key;
    }

    @Override
    public String toString() {
      return "Merchant[mchid=" + mchid + ", serial=" + serial + "]";
    }
  }

  /** WeChat Pay's hosts. */
  public static class Endpoints {
    /** The primary host; default WeChat Pay's production host. */
    private @Nullable String primary;

    /** The backup host, used only when the primary is unreachable. */
    private @Nullable String backup;

    public @Nullable String getPrimary() {
      return primary;
    }

    public void setPrimary(@Nullable String primary) {
      this.primary = primary;
    }

    public @Nullable String getBackup() {
      return backup;
    }

    public void setBackup(@Nullable String backup) {
      this.backup = backup;
    }
  }

  /** How the dispatcher sends completions; unset values keep the engine's defaults. */
  public static class Dispatcher {
    /** Calls in flight at once (default 64). */
    private @Nullable Integer concurrency;

    /** Intents claimed per statement (default 32). */
    private @Nullable Integer batchSize;

    /** How long a claim holds without news from its dispatcher (default 30 s). */
    private @Nullable Duration lease;

    /** How often the dispatcher looks for due intents when nothing wakes it (default 2 s). */
    private @Nullable Duration pollInterval;

    public @Nullable Integer getConcurrency() {
      return concurrency;
    }

    public void setConcurrency(@Nullable Integer concurrency) {
      this.concurrency = concurrency;
    }

    public @Nullable Integer getBatchSize() {
      return batchSize;
    }

    public void setBatchSize(@Nullable Integer batchSize) {
      this.batchSize = batchSize;
    }

    public @Nullable Duration getLease() {
      return lease;
    }

    public void setLease(@Nullable Duration lease) {
      this.lease = lease;
    }

    public @Nullable Duration getPollInterval() {
      return pollInterval;
    }

    public void setPollInterval(@Nullable Duration pollInterval) {
      this.pollInterval = pollInterval;
    }
  }

  /** The reconciliation sweeps; unset values keep the engine's defaults. */
  public static class Sweeps {
    /** How often a sweep runs (default 5 min); 0 turns the scheduled sweep off. */
    private @Nullable Duration interval;

    /** Orders looked at per sweep (default 100). */
    private @Nullable Integer batchSize;

    public @Nullable Duration getInterval() {
      return interval;
    }

    public void setInterval(@Nullable Duration interval) {
      this.interval = interval;
    }

    public @Nullable Integer getBatchSize() {
      return batchSize;
    }

    public void setBatchSize(@Nullable Integer batchSize) {
      this.batchSize = batchSize;
    }
  }

  /** The adaptive send rate per merchant and instance; unset values keep the engine's defaults. */
  public static class RateLimit {
    /** The highest rate, calls a second (default 200). */
    private @Nullable Double maxPerSecond;

    /** The lowest rate after repeated 429s (default 1). */
    private @Nullable Double minPerSecond;

    public @Nullable Double getMaxPerSecond() {
      return maxPerSecond;
    }

    public void setMaxPerSecond(@Nullable Double maxPerSecond) {
      this.maxPerSecond = maxPerSecond;
    }

    public @Nullable Double getMinPerSecond() {
      return minPerSecond;
    }

    public void setMinPerSecond(@Nullable Double minPerSecond) {
      this.minPerSecond = minPerSecond;
    }
  }

  /** When the health indicator reports payscore DOWN. */
  public static class Health {
    /** DOWN when at least this many intents need attention (0 turns the check off). */
    private int needsAttentionThreshold = 1;

    /** DOWN when the oldest pending intent has waited longer than this. */
    private Duration oldestPendingThreshold = Duration.ofMinutes(10);

    public int getNeedsAttentionThreshold() {
      return needsAttentionThreshold;
    }

    public void setNeedsAttentionThreshold(int needsAttentionThreshold) {
      this.needsAttentionThreshold = needsAttentionThreshold;
    }

    public Duration getOldestPendingThreshold() {
      return oldestPendingThreshold;
    }

    public void setOldestPendingThreshold(Duration oldestPendingThreshold) {
      this.oldestPendingThreshold = oldestPendingThreshold;
    }
  }
}
